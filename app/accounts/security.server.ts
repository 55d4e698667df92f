/**
 * Account security on top of better-auth (decision 0026): the second factor (TOTP with recovery
 * codes, the two-factor plugin), changing the password, and the member's own sessions. Like the
 * other account flows (decision 0004) these are called from Remix actions, so every form works
 * without JavaScript; they return plain results and the routes turn them into pages.
 */
import { APIError } from "better-auth/api";
import { and, desc, eq, gt, ne } from "drizzle-orm";
import { session } from "~db/schema";
import { getAuth } from "~/platform/auth.server";
import type { Queryable } from "~/platform/db.server";

/** better-auth's error code, e.g. "INVALID_CODE", or null for anything else. */
function errorCode(error: unknown): string | null {
  if (!(error instanceof APIError)) return null;
  const code = (error.body as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : null;
}

/** Headers better-auth reads: the caller's cookies and user agent, nothing else. */
function sessionHeaders(request: Request): Headers {
  const headers = new Headers();
  for (const name of ["cookie", "user-agent"]) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  return headers;
}

export interface Enrolment {
  /** The otpauth:// URI an authenticator app reads (from the QR code, or typed). */
  totpURI: string;
  /** The same secret, in the base32 form apps accept when it is typed. */
  secret: string;
  recoveryCodes: string[];
}

export type StartEnrolmentResult = { ok: true; enrolment: Enrolment } | { ok: false; reason: "wrong-password" };

/**
 * Makes a new TOTP secret and recovery codes for the signed-in member, not yet in force: it counts
 * once a code from the app is confirmed. Starting again replaces an unconfirmed secret.
 */
export async function startEnrolment(request: Request, password: string): Promise<StartEnrolmentResult> {
  const auth = await getAuth();
  try {
    const answer = await auth.api.enableTwoFactor({
      body: { password, method: "totp" },
      headers: sessionHeaders(request),
    });
    if (!("totpURI" in answer) || !answer.totpURI || !answer.backupCodes) {
      throw new Error("better-auth answered a TOTP enrolment without its secret");
    }
    return { ok: true, enrolment: enrolmentOf(answer.totpURI, answer.backupCodes) };
  } catch (error) {
    if (errorCode(error) === "INVALID_PASSWORD") return { ok: false, reason: "wrong-password" };
    throw error;
  }
}

export function enrolmentOf(totpURI: string, recoveryCodes: string[]): Enrolment {
  return { totpURI, secret: new URL(totpURI).searchParams.get("secret") ?? "", recoveryCodes };
}

export type CodeResult =
  { ok: true; headers: Headers } | { ok: false; reason: "invalid-code" | "too-many-attempts" | "expired" };

function codeFailure(error: unknown): Extract<CodeResult, { ok: false }> {
  switch (errorCode(error)) {
    case "INVALID_CODE":
    case "INVALID_BACKUP_CODE":
      return { ok: false, reason: "invalid-code" };
    case "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE":
    case "ACCOUNT_TEMPORARILY_LOCKED":
      return { ok: false, reason: "too-many-attempts" };
    case "INVALID_TWO_FACTOR_COOKIE":
    case "TOTP_NOT_ENABLED":
    case "UNAUTHORIZED":
      return { ok: false, reason: "expired" };
    default:
      throw error;
  }
}

/**
 * Confirms an enrolment with a first code from the app. The account's other sessions are ended:
 * they were opened with the password alone, and from now on a session of this account counts as
 * having passed the second factor.
 */
export async function confirmEnrolment(request: Request, code: string): Promise<CodeResult> {
  const auth = await getAuth();
  let headers: Headers;
  try {
    ({ headers } = await auth.api.verifyTOTP({
      body: { code },
      headers: sessionHeaders(request),
      returnHeaders: true,
    }));
  } catch (error) {
    return codeFailure(error);
  }
  // The plugin replaced the session: act with the new one, which survives.
  const replaced = sessionHeaders(request);
  const newCookies = headers
    .getSetCookie()
    .filter((line) => !/max-age=0/i.test(line))
    .map((line) => line.split(";")[0]!);
  replaced.set("cookie", newCookies.join("; "));
  await auth.api.revokeOtherSessions({ headers: replaced });
  return { ok: true, headers };
}

/** The second step of signing in, with a code from the app or a recovery code. */
export async function passSecondFactor(
  request: Request,
  input: { code: string; kind: "totp" | "recovery" },
): Promise<CodeResult> {
  const auth = await getAuth();
  try {
    const { headers } =
      input.kind === "totp"
        ? await auth.api.verifyTOTP({
            body: { code: input.code },
            headers: sessionHeaders(request),
            returnHeaders: true,
          })
        : await auth.api.verifyBackupCode({
            body: { code: input.code },
            headers: sessionHeaders(request),
            returnHeaders: true,
          });
    return { ok: true, headers };
  } catch (error) {
    return codeFailure(error);
  }
}

export type PasswordCheckedResult = { ok: true; headers: Headers } | { ok: false; reason: "wrong-password" };

/** Turns the second factor off (the account's staff powers go with it until it enrols again). */
export async function disableSecondFactor(request: Request, password: string): Promise<PasswordCheckedResult> {
  const auth = await getAuth();
  try {
    const { headers } = await auth.api.disableTwoFactor({
      body: { password },
      headers: sessionHeaders(request),
      returnHeaders: true,
    });
    return { ok: true, headers };
  } catch (error) {
    if (errorCode(error) === "INVALID_PASSWORD") return { ok: false, reason: "wrong-password" };
    throw error;
  }
}

/** Changes the password and ends every session: the answer's cookie is a fresh one for this device. */
export async function changePassword(
  request: Request,
  input: { currentPassword: string; newPassword: string },
): Promise<PasswordCheckedResult> {
  const auth = await getAuth();
  try {
    const { headers } = await auth.api.changePassword({
      body: { ...input, revokeOtherSessions: true },
      headers: sessionHeaders(request),
      returnHeaders: true,
    });
    return { ok: true, headers };
  } catch (error) {
    const code = errorCode(error);
    if (code === "INVALID_PASSWORD" || code === "CREDENTIAL_ACCOUNT_NOT_FOUND") {
      return { ok: false, reason: "wrong-password" };
    }
    throw error;
  }
}

/** Ends every session of the member but the one of this request. */
export async function signOutEverywhereElse(request: Request): Promise<void> {
  const auth = await getAuth();
  await auth.api.revokeOtherSessions({ headers: sessionHeaders(request) });
}

/** The session a request is signed in with, by id (its token never reaches a page). */
export async function currentSessionId(request: Request): Promise<string | null> {
  const auth = await getAuth();
  const found = await auth.api.getSession({ headers: sessionHeaders(request) });
  return found?.session.id ?? null;
}

export interface SessionItem {
  id: string;
  userAgent: string | null;
  createdAt: Date;
  /** When the session was last refreshed: better-auth writes it at most once a day. */
  lastSeenAt: Date;
  current: boolean;
}

/** The member's sessions that have not expired, the current one first, then the newest. */
export async function listSessions(db: Queryable, userId: string, currentId: string | null): Promise<SessionItem[]> {
  const rows = await db
    .select({
      id: session.id,
      userAgent: session.userAgent,
      createdAt: session.createdAt,
      lastSeenAt: session.updatedAt,
    })
    .from(session)
    .where(and(eq(session.userId, userId), gt(session.expiresAt, new Date())))
    .orderBy(desc(session.updatedAt), desc(session.createdAt));
  const items = rows.map((row) => ({ ...row, current: row.id === currentId }));
  return [...items.filter((item) => item.current), ...items.filter((item) => !item.current)];
}

/**
 * Ends one of the member's own sessions other than the current one (signing out does that); false
 * when they have none by that id. Without a session cache, the next request of that device is a
 * visitor's.
 */
export async function revokeSession(
  db: Queryable,
  input: { userId: string; sessionId: string; currentId: string | null },
): Promise<boolean> {
  const deleted = await db
    .delete(session)
    .where(
      and(eq(session.id, input.sessionId), eq(session.userId, input.userId), ne(session.id, input.currentId ?? "")),
    )
    .returning({ id: session.id });
  return deleted.length > 0;
}
