/**
 * Forged cross-site posts (issue 13, item 4), refused at the edge before any action runs, whatever
 * the URL form (a document post, a `.data` fetch, `?_data=`): see docs/decisions/0024.
 *
 * 1. The post must come from this site: its `Origin` (or, lacking one, its `Referer`) must be the
 *    site's origin: BASE_URL's when it is set, otherwise the address the request itself was sent to.
 * 2. Its form must carry the visitor's token: an HMAC, under the install's secret, of a random value
 *    kept in a cookie and of the session cookie, so it is worth nothing with anyone else's cookies.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { parse as parseCookies, serialize as serializeCookie } from "cookie";
import type { Request, Response } from "express";

/**
 * Paths that take posts from outside a browser, with no Origin and no form token: a future SMS/USSD
 * gateway's callback, say. Each one listed here must authenticate its caller itself (a signature
 * header checked in its action) and say so in a comment.
 */
export const csrfExemptPaths: readonly RegExp[] = [
  // A mail client's one-click unsubscribe (RFC 8058): the HMAC-signed token in the address names the
  // member and is checked by the action (app/routes/_public+/unsubscribe_.one-click.ts); it can only turn that
  // member's notification e-mails off. Only the document address: its `.data` form stays guarded.
  /^\/unsubscribe\/one-click$/,
  // SMS and USSD gateways' callbacks (issue 16): each action checks its gateway's signature or the
  // secret in its address before reading anything (app/routes/gateways+/, docs/decisions/0039).
  /^\/gateways\/(africastalking\/(sms|ussd)|twilio\/sms|webhook\/sms)$/,
];

const seedLength = 24;
const yearInSeconds = 365 * 24 * 60 * 60;

/** better-auth's session cookie, `__Secure-` prefixed behind https. */
const sessionCookiePattern = /(^|\.)session_token$/;

function cookiesOf(req: Request): Record<string, string | undefined> {
  return parseCookies(req.headers.cookie ?? "");
}

/** The session cookie's value, or "" for a visitor who is not signed in. */
export function sessionCookieValue(req: Request): string {
  const cookies = cookiesOf(req);
  const name = Object.keys(cookies).find((candidate) => sessionCookiePattern.test(candidate));
  return name ? (cookies[name] ?? "") : "";
}

/** The form token for the random `seed` of the csrf cookie and the session cookie's value. */
export function formToken(secret: string, seed: string, session: string): string {
  return createHmac("sha256", secret).update(`baraza-csrf\n${seed}\n${session}`).digest("base64url");
}

/** The cookie holding the seed; `__Host-` cookies cannot be set by a sibling subdomain. */
export function csrfCookieName(secure: boolean): string {
  return secure ? "__Host-baraza-csrf" : "baraza-csrf";
}

export function createCsrf(options: { secret: string; secure: boolean }) {
  const cookieName = csrfCookieName(options.secure);
  const tokenFrom = (seed: string, session: string) => formToken(options.secret, seed, session);

  return {
    /** The form token of this visitor; sets the cookie it rests on the first time. */
    token(req: Request, res: Response): string {
      let seed = (res.locals.csrfSeed as string | undefined) ?? cookiesOf(req)[cookieName];
      if (!seed || seed.length < seedLength) {
        seed = randomBytes(seedLength).toString("base64url");
        res.append(
          "Set-Cookie",
          serializeCookie(cookieName, seed, {
            path: "/",
            httpOnly: true,
            sameSite: "lax",
            secure: options.secure,
            maxAge: yearInSeconds,
          }),
        );
      }
      res.locals.csrfSeed = seed;
      return tokenFrom(seed, sessionCookieValue(req));
    },

    /** Whether `submitted` is the token of the cookies this request carries. */
    verify(req: Request, submitted: string | null): boolean {
      const seed = cookiesOf(req)[cookieName];
      if (!seed || !submitted) return false;
      const expected = Buffer.from(tokenFrom(seed, sessionCookieValue(req)));
      const given = Buffer.from(submitted);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export type Csrf = ReturnType<typeof createCsrf>;

/** Whether the request says it was sent by a page of `siteOrigin` (its Origin, else its Referer). */
export function comesFromSite(req: Request, siteOrigin: string): boolean {
  const claimed = req.headers.origin ?? req.headers.referer;
  if (!claimed || claimed === "null") return false;
  try {
    return new URL(claimed).origin === siteOrigin;
  } catch {
    return false;
  }
}

export function isExempt(path: string): boolean {
  return csrfExemptPaths.some((pattern) => pattern.test(path));
}
