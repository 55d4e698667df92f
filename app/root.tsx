import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { Confirmation } from "~/components/form-field";
import { TranslationsFetch, usePageResources } from "~/components/page-resources";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import { ErrorPage } from "~/components/error-page";
import { useDocumentTitle } from "~/components/page-title";
import { boot } from "~/platform/boot.server";
import { fallbackLanguage, textDirection } from "~/platform/i18n/config";
import { getLanguage, rememberLanguageChoice } from "~/platform/i18n/i18n.server";
import { getDb } from "~/platform/db.server";
import { countUnread } from "~/notifications/notifications.server";
import { can, getRequestActor } from "~/platform/permissions.server";
import type { AppLoadContext } from "~/web/request.server";
import { useNonce } from "~/security/nonce";
import { takeFlash, type Flash } from "~/web/flash.server";
import styles from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { env } = await boot();
  const [language, { actor, user }, languageCookie, { flash, setCookie: flashCookie }] = await Promise.all([
    getLanguage(request),
    getRequestActor(request),
    rememberLanguageChoice(request),
    takeFlash(request),
  ]);
  // One indexed count, only for a signed-in member.
  const unreadNotifications = user ? await countUnread(await getDb(), user.id) : 0;
  const headers = new Headers();
  if (languageCookie) headers.append("Set-Cookie", languageCookie);
  if (flashCookie) headers.append("Set-Cookie", flashCookie);
  return Response.json(
    {
      language,
      user: user
        ? {
            name: user.name,
            staff: can(actor, "consultation.create", null),
            institution: actor.kind === "member" && actor.institutions.length > 0,
            unreadNotifications,
          }
        : null,
      devOutbox: !env.SMTP_URL && can(actor, "mail.outbox.read", null),
      flash,
      csrfToken: (context as AppLoadContext).csrfToken?.() ?? "",
    } satisfies RootLoaderData,
    { headers },
  );
}

export type RootLoaderData = {
  language: string;
  user: { name: string; staff: boolean; institution: boolean; unreadNotifications: number } | null;
  devOutbox: boolean;
  flash: Flash | null;
  /** Rendered into every post form by <FormToken /> (app/security/form-guards.tsx). */
  csrfToken: string;
};

export function useRootData(): RootLoaderData | undefined {
  return useRouteLoaderData<RootLoaderData>("root");
}

/**
 * After a client-side navigation, the keyboard and the screen reader start on the new page, as after
 * a page load (issue 18, item 4): focus moves to a confirmation the page shows (`data-confirmation`, a
 * flash message), else to its h1. Not on the first load (the browser's own start), not when only the
 * hash changed (the browser goes to the anchor), not when the page took focus itself (an error summary).
 */
function useFocusOnNavigation() {
  const location = useLocation();
  const shown = useRef<string | null>(null);
  const here = location.pathname + location.search;
  useEffect(() => {
    const previous = shown.current;
    shown.current = here;
    if (previous === null || previous === here || location.hash) return;
    const main = document.getElementById("main");
    if (!main) return;
    const focusTarget = () => {
      if (document.activeElement?.closest(".error-summary, [data-confirmation]")) return true;
      const target =
        main.querySelector<HTMLElement>("[data-confirmation], .flash") ?? main.querySelector<HTMLElement>("h1");
      if (!target) return false;
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
      return true;
    };
    if (focusTarget()) return;
    // The page's content may come a moment later (a translation still loading): wait for its h1.
    const observer = new MutationObserver(() => {
      if (focusTarget()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const stop = setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      clearTimeout(stop);
    };
  }, [here, location.hash]);
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const language = data?.language ?? fallbackLanguage;
  const { t } = useTranslation();
  useChangeLanguage(language);
  const title = useDocumentTitle();
  const nonce = useNonce();
  const { scripts } = usePageResources();
  useFocusOnNavigation();
  return (
    <html lang={language} dir={textDirection(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("layout.skipToContent")}
        </a>
        <SiteHeader user={data?.user ?? null} language={language} />
        <main id="main" tabIndex={-1}>
          {data?.flash ? (
            <Confirmation className="notice flash">{t(data.flash.message, data.flash.values)}</Confirmation>
          ) : null}
          {children}
        </main>
        <SiteFooter devOutbox={data?.devOutbox ?? false} />
        {scripts ? (
          <>
            <TranslationsFetch nonce={nonce} />
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
