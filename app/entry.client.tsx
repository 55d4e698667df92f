import { RemixBrowser } from "@remix-run/react";
import i18next, { type BackendModule, type ResourceLanguage } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { rememberTranslationsHref, translationsGlobal } from "~/components/page-resources";
import { defaultNamespace, namespaces, supportedLanguages } from "~/platform/i18n/config";

/**
 * Namespaces the first page did not use, for the pages reached from it: the whole language in one
 * request (routes/_resources+/locales.$lng.ts), asked for only when one is first needed. No fallback language
 * is loaded: every locale has every key (a unit test makes sure).
 */
const wholeLanguage = new Map<string, Promise<ResourceLanguage>>();
function loadWholeLanguage(language: string): Promise<ResourceLanguage> {
  let strings = wholeLanguage.get(language);
  if (!strings) {
    strings = fetch(`/locales/${language}`).then((response) => response.json() as Promise<ResourceLanguage>);
    wholeLanguage.set(language, strings);
  }
  return strings;
}

const restOfTheLanguage: BackendModule = {
  type: "backend",
  init() {},
  read(language, namespace, callback) {
    loadWholeLanguage(language).then(
      (strings) => callback(null, strings[namespace] ?? {}),
      (error: Error) => callback(error, false),
    );
  },
};

async function hydrate() {
  // The server already rendered the page in the right language; the browser needs the same strings
  // to hydrate: the namespaces the page used, which the page has been fetching since the parser
  // reached them (components/page-resources.tsx), at a URL cached for good.
  const language = document.documentElement.lang;
  const href = document.querySelector("script[data-translations]")!.getAttribute("data-translations")!;
  rememberTranslationsHref(href);
  const early = (window as unknown as Record<string, Promise<ResourceLanguage> | undefined>)[translationsGlobal];
  const strings = await (early ?? fetch(href).then((response) => response.json() as Promise<ResourceLanguage>));
  await i18next
    .use(restOfTheLanguage)
    .use(initReactI18next)
    .init({
      lng: language,
      supportedLngs: [...supportedLanguages],
      fallbackLng: false,
      ns: Object.keys(strings),
      defaultNS: defaultNamespace,
      resources: { [language]: strings },
      partialBundledLanguages: true,
      interpolation: { escapeValue: false },
      // A key of a namespace no component declared (`t("reports:link")`) on a page reached by
      // navigation: load the rest of the language, then render again.
      saveMissing: true,
      missingKeyHandler: () => void i18next.loadNamespaces([...namespaces]),
      react: { bindI18n: "languageChanged loaded" },
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
