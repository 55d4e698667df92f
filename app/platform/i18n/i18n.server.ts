/**
 * The server side of i18n: which language a request is in, and a `t` for it.
 * Order: an explicit `?lng=` (shareable links), then the cookie it leaves, then Accept-Language.
 */
import { createCookie } from "@remix-run/node";
import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import {
  defaultNamespace,
  fallbackLanguage,
  isSupportedLanguage,
  namespaces,
  supportedLanguages,
  type Language,
} from "~/platform/i18n/config";
import { getResources } from "~/platform/i18n/resources.server";

export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    searchParamKey: "lng",
    order: ["searchParams", "cookie", "header"],
  },
  i18next: {
    get resources() {
      return getResources();
    },
    supportedLngs: [...supportedLanguages],
    fallbackLng: fallbackLanguage,
    defaultNS: defaultNamespace,
    ns: [...namespaces],
    interpolation: { escapeValue: false },
  },
});

export async function getLanguage(request: Request): Promise<Language> {
  const language = await i18nServer.getLocale(request);
  return isSupportedLanguage(language) ? language : fallbackLanguage;
}

/** Set-Cookie value remembering an explicit `?lng=` choice, or null when there was none. */
export async function rememberLanguageChoice(request: Request): Promise<string | null> {
  const requested = new URL(request.url).searchParams.get("lng");
  if (!isSupportedLanguage(requested)) return null;
  return languageCookie.serialize(requested);
}

/** An i18next instance of its own for rendering React on the server in one language (pages, the PDF report). */
export async function createI18nInstance(language: Language): Promise<I18n> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({
    lng: language,
    fallbackLng: fallbackLanguage,
    ns: [...namespaces],
    defaultNS: defaultNamespace,
    resources: getResources(),
    interpolation: { escapeValue: false },
  });
  return i18n;
}
