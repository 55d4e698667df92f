/**
 * Account flows (sign up, sign in, sign out, password reset, address confirmation) on top of
 * better-auth, with our rate limits. They return plain results; the routes turn them into pages and
 * redirects. Why the limits and answers are what they are: docs/decisions/0027-verified-addresses-and-account-limits.md.
 */
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { and, eq } from "drizzle-orm";
import { APIError, createEmailVerificationToken } from "better-auth/api";
import { session, user } from "~db/schema";
import { getAuth, createProfile } from "~/platform/auth.server";
import { getDb, type Database } from "~/platform/db.server";
import { sendVerificationMail } from "~/platform/mail/auth-mails.server";
import {
  consumeRateLimit,
  countAttempt,
  peekRateLimit,
  resetRateLimit,
  type RateLimitDecision,
} from "~/platform/rate-limit.server";

type RateLimited = Extract<RateLimitDecision, { allowed: false }>;

export type SignInResult =
  /**
   * `slowedByMs`: how long the attempt was held back because the account is under attack;
   * `secondFactor`: the password was right, and the account's second factor is asked next (decision 0026).
   */
  | { ok: true; headers: Headers; slowedByMs: number; secondFactor?: true }
  | { ok: false; reason: "invalid-credentials" }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/** Headers better-auth may read (client address, user agent) without the caller's cookies. */
function authHeaders(address: string, request: Request): Headers {
  const headers = new Headers({ "x-forwarded-for": address });
  const userAgent = request.headers.get("user-agent");
  if (userAgent) headers.set("user-agent", userAgent);
  return headers;
}

/** Wrong passwords an account may see from anywhere before sign-ins from new places slow down. */
export const freeSignInFailures = 5;

/**
 * How long a sign-in from a place the account has never signed in from waits, once the account has
 * seen `failures` wrong passwords from anywhere: doubling from a tenth of a second, at most two.
 * Slowed, never refused: the owner with the right password always gets in.
 */
export function signInDelayMs(failures: number): number {
  if (failures < freeSignInFailures) return 0;
  return Math.min(100 * 2 ** (failures - freeSignInFailures), 2000);
}

/** Whether the account has a session started from this address (better-auth records it). */
async function isKnownPlace(db: Database, email: string, address: string): Promise<boolean> {
  const [row] = await db
    .select({ id: session.id })
    .from(session)
    .innerJoin(user, eq(user.id, session.userId))
    .where(and(eq(user.email, email), eq(session.ipAddress, address)))
    .limit(1);
  return row !== undefined;
}

export async function signIn(
  request: Request,
  input: { email: string; password: string; address: string },
): Promise<SignInResult> {
  const db = await getDb();
  const email = input.email.toLowerCase();
  // Wrong passwords count against this account *from this address*: a stranger elsewhere cannot
  // use up the owner's attempts. Every attempt counts here; a right one clears the count.
  const accountHere = `${email} ${input.address}`;
  const limit = await consumeRateLimit(db, [
    ["signInPerAddress", input.address],
    ["signInFailuresPerAccountAndAddress", accountHere],
  ]);
  if (!limit.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };

  const { consumed: accountFailures } = await peekRateLimit(db, "signInFailuresPerAccount", email);
  const slowedByMs =
    accountFailures >= freeSignInFailures && !(await isKnownPlace(db, email, input.address))
      ? signInDelayMs(accountFailures)
      : 0;
  if (slowedByMs > 0) await sleep(slowedByMs);

  const auth = await getAuth();
  try {
    const { headers, response } = await auth.api.signInEmail({
      body: { email, password: input.password, rememberMe: true },
      headers: authHeaders(input.address, request),
      returnHeaders: true,
    });
    await Promise.all([
      resetRateLimit(db, "signInFailuresPerAccountAndAddress", accountHere),
      resetRateLimit(db, "signInFailuresPerAccount", email),
    ]);
    if ("twoFactorRedirect" in response && response.twoFactorRedirect) {
      return { ok: true, headers, slowedByMs, secondFactor: true };
    }
    return { ok: true, headers, slowedByMs };
  } catch (error) {
    if (error instanceof APIError && (error.statusCode === 401 || error.statusCode === 400)) {
      await countAttempt(db, "signInFailuresPerAccount", email);
      return { ok: false, reason: "invalid-credentials" };
    }
    throw error;
  }
}

/**
 * Runs `work` and returns no sooner than `ms` after it started, so that how long an answer took says
 * nothing about which way it went (better-auth does the same for confirmation mails).
 */
async function inFixedTime(ms: number, work: () => Promise<unknown>): Promise<void> {
  const answerAt = performance.now() + ms;
  await work();
  await sleep(Math.max(0, answerAt - performance.now()));
}

/** How long a sign-up takes at least: above the password hash and the writes on a busy machine. */
export const signUpAnswerMs = 1500;

export type SignUpResult = { ok: true } | ({ ok: false; reason: "rate-limited" } & Omit<RateLimited, "allowed">);

/**
 * Creates the account and mails a link to confirm the address; signs nobody in. A taken address gets
 * the same answer (better-auth hashes the password there too, and its owner gets a mail instead).
 */
export async function signUp(
  request: Request,
  input: { name: string; email: string; password: string; language: string; address: string },
  /** `answerMs`: the fixed answer time; only test fixtures that measure no timing set it lower. */
  { answerMs = signUpAnswerMs }: { answerMs?: number } = {},
): Promise<SignUpResult> {
  const db = await getDb();
  const limit = await consumeRateLimit(db, [["signUpPerAddress", input.address]]);
  if (!limit.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };

  const auth = await getAuth();
  const email = input.email.toLowerCase();
  // Storing a new account takes longer than mailing the owner of a taken one, even though both hash
  // the password: the answer comes no sooner than a fixed time, whichever happened.
  await inFixedTime(answerMs, async () => {
    const { user: answered } = await auth.api.signUpEmail({
      body: { name: input.name, email, password: input.password },
      headers: authHeaders(input.address, request),
    });
    // For a taken address better-auth answers with a made-up user that was never stored: the
    // profile insert then finds no user and adds nothing.
    if (await createProfile(db, answered.id, input.language)) {
      const { secret } = await auth.$context;
      const expiresIn = auth.options.emailVerification.expiresIn;
      const token = await createEmailVerificationToken(secret, email, undefined, expiresIn, { userId: answered.id });
      await sendVerificationMail(db, { userId: answered.id, email, token });
    }
  });
  return { ok: true };
}

export type EmailVerificationResult = { ok: true; headers: Headers } | { ok: false; reason: "invalid-token" };

/** Confirms the address of a mailed link and signs its owner in (they proved they read the mail). */
export async function verifyEmail(request: Request, token: string): Promise<EmailVerificationResult> {
  const auth = await getAuth();
  try {
    const { headers } = await auth.api.verifyEmail({ query: { token }, headers: request.headers, returnHeaders: true });
    return { ok: true, headers };
  } catch (error) {
    if (error instanceof APIError) return { ok: false, reason: "invalid-token" };
    throw error;
  }
}

export type MailRequestResult = { ok: true } | ({ ok: false; reason: "rate-limited" } & Omit<RateLimited, "allowed">);

/**
 * Mails a new confirmation link if the address has an account still to confirm; says nothing either
 * way, and better-auth makes both answers take the same time.
 */
export async function resendVerificationMail(input: { email: string; address: string }): Promise<MailRequestResult> {
  const db = await getDb();
  const limit = await consumeRateLimit(db, [["verificationMailPerAddress", input.address]]);
  if (!limit.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };
  const auth = await getAuth();
  await auth.api.sendVerificationEmail({ body: { email: input.email.toLowerCase() } });
  return { ok: true };
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

/** How long a reset request takes at least, whether or not the address has an account. */
export const passwordResetAnswerMs = 300;

/** Mails a reset link if the address has an account; says nothing either way (no account probing). */
export async function requestPasswordReset(input: { email: string; address: string }): Promise<MailRequestResult> {
  const db = await getDb();
  const limit = await consumeRateLimit(db, [["passwordResetPerAddress", input.address]]);
  if (!limit.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };
  // Mailing a link (a token, a mail, in the owner's language) takes longer than finding no account.
  const auth = await getAuth();
  await inFixedTime(passwordResetAnswerMs, () =>
    auth.api.requestPasswordReset({ body: { email: input.email.toLowerCase() } }),
  );
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
