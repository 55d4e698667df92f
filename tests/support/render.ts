/** Renders React elements to HTML the way the server does, with the app's UI strings in `language`. */
import { createInstance } from "i18next";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { namespaces } from "~/i18n/config";
import { getResources } from "~/i18n/resources.server";

export async function renderInLanguage(element: ReactElement, language: string): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({
    lng: language,
    fallbackLng: "en",
    ns: [...namespaces],
    resources: getResources(),
    interpolation: { escapeValue: false },
  });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));
}
