import { RemixBrowser } from "@remix-run/react";
import i18next, { type ResourceLanguage } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { defaultNamespace, namespaces, supportedLanguages } from "./i18n/config";

async function hydrate() {
  // The server already rendered the page in the right language; the browser only needs the same
  // strings to hydrate: every namespace of that one language, in one cached request (see
  // routes/locales.$lng.ts). No fallback language is loaded: every locale has every key (a unit
  // test makes sure), so the browser never needs English behind another language.
  const language = document.documentElement.lang;
  const response = await fetch(`/locales/${language}`);
  const strings = (await response.json()) as ResourceLanguage;
  await i18next.use(initReactI18next).init({
    lng: language,
    supportedLngs: [...supportedLanguages],
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: defaultNamespace,
    resources: { [language]: strings },
    interpolation: { escapeValue: false },
  });

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
