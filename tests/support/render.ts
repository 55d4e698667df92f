/** Renders React elements to HTML the way the server does, with the app's UI strings in `language`. */
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import type { Language } from "~/platform/i18n/config";
import { createI18nInstance } from "~/platform/i18n/i18n.server";

export async function renderInLanguage(element: ReactElement, language: Language): Promise<string> {
  const i18n = await createI18nInstance(language);
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));
}

/** Text as React writes it into markup. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}
