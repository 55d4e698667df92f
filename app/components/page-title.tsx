import { isRouteErrorResponse, useMatches, useRouteError } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useContext } from "react";
import { useTranslation } from "react-i18next";
// Remix keeps every route's action answer in React Router's state; no public hook reads another
// route's from the root layout, where <title> is rendered.
import { UNSAFE_DataRouterStateContext } from "react-router";
import { isFormFailure } from "~/components/form-field";

/**
 * Document titles come from route handles, so the root layout can render a translated <title> in
 * <head> for every page: `export const handle: PageHandle = { title: (t) => t("auth:signIn.title") }`.
 */
export interface PageHandle {
  title?: (t: TFunction, data: unknown) => string;
}

/** Which of the error texts (`errors.<key>.title`, `.body`) an error page shows. */
export function errorPageKey(error: unknown): "notFound" | "forbidden" | "unexpected" {
  if (isRouteErrorResponse(error) && error.status === 404) return "notFound";
  if (isRouteErrorResponse(error) && error.status === 403) return "forbidden";
  return "unexpected";
}

export function useDocumentTitle(): string {
  const { t } = useTranslation();
  const matches = useMatches();
  const routerState = useContext(UNSAFE_DataRouterStateContext);
  // Set while an error boundary renders (the root's, or a layout's such as the consultation's, whose
  // error only the router's state tells this root layout): the tab then names the error, not only the site.
  const error = useRouteError() ?? Object.values(routerState?.errors ?? {})[0];
  // A form refused as posted (its error summary showing): the title says so first (WCAG 3.3.1).
  const refused = Object.values(routerState?.actionData ?? {}).some(isFormFailure);
  const siteName = t("layout.siteName");
  if (error) return `${t(`errors.${errorPageKey(error)}.title`)} · ${siteName}`;
  for (const match of [...matches].reverse()) {
    const title = (match.handle as PageHandle | undefined)?.title;
    if (title) {
      const pageTitle = `${title(t, match.data)} · ${siteName}`;
      return refused ? t("errorSummary.documentTitle", { title: pageTitle }) : pageTitle;
    }
  }
  return siteName;
}
