/**
 * A secret made on the institution portal (an API token, a webhook's signing secret) reaches the
 * page through a redirect, so refreshing that page makes nothing a second time (post/redirect/get).
 * The secret travels in a short-lived cookie, signed and HttpOnly, and is cleared by the first
 * portal page that reads it: shown once, kept nowhere on the server (decision 0033). Its path is
 * `/`, not `/institution`: with JavaScript the page's data is fetched from `/institution.data`,
 * which a cookie for `/institution` would not reach.
 */
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { shownOnceCookie } from "~/web/flash.server";

const createdSecret = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("token"), institutionId: z.number().int(), name: z.string(), token: z.string() }),
  z.object({ kind: z.literal("webhook"), institutionId: z.number().int(), url: z.string(), secret: z.string() }),
]);

export type CreatedSecret = z.infer<typeof createdSecret>;

type SecretData = { created: CreatedSecret };

// Long enough for the redirect to be followed, short enough not to linger if it never is.
const secretStorage = shownOnceCookie<SecretData>("created-secret", { maxAge: 120 });

/** Redirects to `url`, where `created` is shown once. */
export async function redirectWithSecret(url: string, created: CreatedSecret) {
  const session = await secretStorage().getSession();
  session.flash("created", created);
  return redirect(url, {
    headers: { "Set-Cookie": await secretStorage().commitSession(session), "Cache-Control": "no-store" },
  });
}

/** The secret waiting for this request, if any, and the header that clears it. */
export async function takeSecret(
  request: Request,
): Promise<{ created: CreatedSecret | null; setCookie: string | null }> {
  const cookie = request.headers.get("Cookie");
  if (!cookie?.includes("created-secret=")) return { created: null, setCookie: null };
  const session = await secretStorage().getSession(cookie);
  const parsed = createdSecret.safeParse(session.get("created"));
  // Cleared whatever it held: a cookie that does not parse is not kept either.
  return { created: parsed.success ? parsed.data : null, setCookie: await secretStorage().destroySession(session) };
}
