import { useMatches } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/**
 * Document titles come from route handles, so the root layout can render a translated <title> in
 * <head> for every page: `export const handle: PageHandle = { title: (t) => t("auth:signIn.title") }`.
 */
export interface PageHandle {
  title?: (t: TFunction, data: unknown) => string;
}

export function useDocumentTitle(): string {
  const { t } = useTranslation();
  const matches = useMatches();
  const siteName = t("layout.siteName");
  for (const match of [...matches].reverse()) {
    const title = (match.handle as PageHandle | undefined)?.title;
    if (title) return `${title(t, match.data)} · ${siteName}`;
  }
  return siteName;
}
