/**
 * One-time confirmations ("Your vote was saved") that survive the redirect after a form post, so
 * a member without JavaScript sees what happened. Stored in a signed cookie, read once by the root.
 */
import { createCookieSessionStorage, redirect, type SessionStorage } from "@remix-run/node";
import { getEnv } from "~/platform/env.server";

export interface Flash {
  /** An i18n key, e.g. "participation:flash.voteSaved". */
  message: string;
  values?: Record<string, string | number>;
}

type FlashData = { flash: Flash };

/**
 * The storage of a cookie read once after a redirect (a flash, a new secret): signed, HttpOnly, for
 * the whole site. Made on first use, so the environment is read when a request needs it.
 */
export function shownOnceCookie<Data>(name: string, options: { maxAge?: number } = {}) {
  let storage: SessionStorage<Data, Data> | undefined;
  return () =>
    (storage ??= createCookieSessionStorage<Data, Data>({
      cookie: {
        name,
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        ...options,
        secrets: [getEnv().AUTH_SECRET],
        secure: getEnv().BASE_URL.startsWith("https://"),
      },
    }));
}

const flashStorage = shownOnceCookie<FlashData>("flash");

/** A redirect that shows `flash` once on the page it lands on. */
export async function redirectWithFlash(url: string, flash: Flash, init: { headers?: HeadersInit } = {}) {
  const session = await flashStorage().getSession();
  session.flash("flash", flash);
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashStorage().commitSession(session));
  return redirect(url, { headers });
}

/** The flash waiting for this request, and the header that clears it. */
export async function takeFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const cookie = request.headers.get("Cookie");
  if (!cookie?.includes("flash=")) return { flash: null, setCookie: null };
  const session = await flashStorage().getSession(cookie);
  const flash = session.get("flash") ?? null;
  return { flash, setCookie: flash ? await flashStorage().commitSession(session) : null };
}
