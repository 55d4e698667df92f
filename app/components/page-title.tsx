import { isRouteErrorResponse, useMatches, useRouteError } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

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
  // Set while the root error boundary renders: the tab then names the error, not only the site.
  const error = useRouteError();
  const siteName = t("layout.siteName");
  if (error) return `${t(`errors.${errorPageKey(error)}.title`)} · ${siteName}`;
  for (const match of [...matches].reverse()) {
    const title = (match.handle as PageHandle | undefined)?.title;
    if (title) return `${title(t, match.data)} · ${siteName}`;
  }
  return siteName;
}
