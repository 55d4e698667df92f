import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import HttpBackend from "i18next-http-backend";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { defaultNamespace, fallbackLanguage, namespaces, supportedLanguages } from "./i18n/config";

async function hydrate() {
  // The server already rendered the page in the right language; the browser only needs the same
  // strings to hydrate, fetched once and cached (see routes/locales.$lng.$ns.ts).
  await i18next
    .use(initReactI18next)
    .use(HttpBackend)
    .init({
      lng: document.documentElement.lang,
      supportedLngs: [...supportedLanguages],
      fallbackLng: fallbackLanguage,
      ns: [...namespaces],
      defaultNS: defaultNamespace,
      backend: { loadPath: "/locales/{{lng}}/{{ns}}" },
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
