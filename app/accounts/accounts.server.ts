/**
 * Account flows (sign up, sign in, sign out, password reset) on top of better-auth, with our
 * rate limits. They return plain results; the routes turn them into pages and redirects.
 */
import { APIError } from "better-auth/api";
import { getAuth, createProfile } from "../auth.server";
import { getDb } from "../db.server";
import { consumeRateLimit, resetRateLimit, type RateLimitDecision } from "../rate-limit.server";

type RateLimited = Extract<RateLimitDecision, { allowed: false }>;

export type SignInResult =
  /** `secondFactor`: the password was right, and the account's second factor is asked next (decision 0026). */
  | { ok: true; headers: Headers; secondFactor?: true }
  | { ok: false; reason: "invalid-credentials" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/** Headers better-auth may read (client address, user agent) without the caller's cookies. */
function authHeaders(address: string, request: Request): Headers {
  const headers = new Headers({ "x-forwarded-for": address });
  const userAgent = request.headers.get("user-agent");
  if (userAgent) headers.set("user-agent", userAgent);
  return headers;
}

export async function signIn(
  request: Request,
  input: { email: string; password: string; address: string },
): Promise<SignInResult> {
  const db = await getDb();
  const email = input.email.toLowerCase();
  const limit = await consumeRateLimit(db, [
    ["signInPerEmail", email],
    ["signInPerAddress", input.address],
  ]);
  if (!limit.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };

  const auth = await getAuth();
  try {
    const { headers, response } = await auth.api.signInEmail({
      body: { email, password: input.password, rememberMe: true },
      headers: authHeaders(input.address, request),
      returnHeaders: true,
    });
    await resetRateLimit(db, "signInPerEmail", email);
    if ("twoFactorRedirect" in response && response.twoFactorRedirect) return { ok: true, headers, secondFactor: true };
    return { ok: true, headers };
  } catch (error) {
    if (error instanceof APIError && (error.statusCode === 401 || error.statusCode === 400)) {
      return { ok: false, reason: "invalid-credentials" };
    }
    throw error;
  }
}

export type SignUpResult =
  | { ok: true; headers: Headers }
  | { ok: false; reason: "email-taken" }
  | ({ ok: false; reason: "rate-limited" } & Omit<RateLimited, "allowed">);

export async function signUp(
  request: Request,
  input: { name: string; email: string; password: string; language: string; address: string },
): Promise<SignUpResult> {
  const db = await getDb();
  const limit = await consumeRateLimit(db, [["signUpPerAddress", input.address]]);
  if (!limit.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };

  const auth = await getAuth();
  try {
    const { headers, response } = await auth.api.signUpEmail({
      body: { name: input.name, email: input.email.toLowerCase(), password: input.password },
      headers: authHeaders(input.address, request),
      returnHeaders: true,
    });
    await createProfile(db, response.user.id, input.language);
    return { ok: true, headers };
  } catch (error) {
    if (error instanceof APIError && error.statusCode === 422) return { ok: false, reason: "email-taken" };
    throw error;
  }
}

/** Ends the session of the request; returns the headers that clear its cookie. */
export async function signOut(request: Request): Promise<Headers> {
  const auth = await getAuth();
  try {
    const { headers } = await auth.api.signOut({ headers: request.headers, returnHeaders: true });
    return headers;
  } catch (error) {
    // Signing out without a session is not an error worth showing: the result is the same.
    if (error instanceof APIError) return new Headers();
    throw error;
  }
}

export type PasswordResetRequestResult =
  { ok: true } | ({ ok: false; reason: "rate-limited" } & Omit<RateLimited, "allowed">);

/** Mails a reset link if the address has an account; says nothing either way (no account probing). */
export async function requestPasswordReset(input: {
  email: string;
  address: string;
}): Promise<PasswordResetRequestResult> {
  const db = await getDb();
  const limit = await consumeRateLimit(db, [["passwordResetPerAddress", input.address]]);
  if (!limit.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };
  const auth = await getAuth();
  await auth.api.requestPasswordReset({ body: { email: input.email.toLowerCase() } });
  return { ok: true };
}

export type PasswordResetResult = { ok: true } | { ok: false; reason: "invalid-token" };

export async function resetPassword(input: { token: string; password: string }): Promise<PasswordResetResult> {
  const auth = await getAuth();
  try {
    await auth.api.resetPassword({ body: { token: input.token, newPassword: input.password } });
    return { ok: true };
  } catch (error) {
    if (error instanceof APIError && error.statusCode === 400) return { ok: false, reason: "invalid-token" };
    throw error;
  }
}
