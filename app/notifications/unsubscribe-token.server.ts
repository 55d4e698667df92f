/**
 * One-click unsubscribe links. The token names the member and an expiry and is signed with the
 * app secret (HMAC-SHA256), so the link works without signing in and cannot be forged for someone
 * else; it only ever turns e-mail notifications off.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "~/platform/env.server";

const validityDays = 365;

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(`unsubscribe:${payload}`).digest("base64url");
}

export function unsubscribeToken(userId: string, now = new Date(), secret = getEnv().AUTH_SECRET): string {
  const expiresAt = Math.floor(now.getTime() / 1000) + validityDays * 86_400;
  const payload = `${Buffer.from(userId).toString("base64url")}.${expiresAt}`;
  return `${payload}.${sign(payload, secret)}`;
}

export type UnsubscribeTokenCheck = { ok: true; userId: string } | { ok: false; reason: "invalid" | "expired" };

export function verifyUnsubscribeToken(
  token: string,
  now = new Date(),
  secret = getEnv().AUTH_SECRET,
): UnsubscribeTokenCheck {
  const [encodedUser, expires, signature, ...rest] = token.split(".");
  if (!encodedUser || !expires || !signature || rest.length > 0 || !/^\d+$/.test(expires)) {
    return { ok: false, reason: "invalid" };
  }
  const expected = Buffer.from(sign(`${encodedUser}.${expires}`, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  if (Number(expires) * 1000 < now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, userId: Buffer.from(encodedUser, "base64url").toString() };
}

export function unsubscribeLink(userId: string): string {
  return new URL(`/unsubscribe?token=${unsubscribeToken(userId)}`, getEnv().BASE_URL).toString();
}

/**
 * The address of the mail's `List-Unsubscribe` header: a mail client posts `List-Unsubscribe=One-Click`
 * to it (RFC 8058); opened in a browser, it leads to the same confirmation as the link in the text.
 */
export function oneClickUnsubscribeLink(userId: string): string {
  return new URL(`/unsubscribe/one-click?token=${unsubscribeToken(userId)}`, getEnv().BASE_URL).toString();
}
