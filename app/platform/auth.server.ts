/**
 * Accounts with better-auth over the Drizzle adapter. Remix actions call `auth.api.*` directly, so
 * every form works without JavaScript; rate limits are ours (app/platform/rate-limit.server.ts) because
 * better-auth only applies its own to requests through its HTTP handler.
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { twoFactor as twoFactorPlugin } from "better-auth/plugins/two-factor";
import { eq, sql } from "drizzle-orm";
import { account, profile, session, twoFactor, user, verification } from "~db/schema";
import { getDb, queryRows, type Database } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import {
  sendAlreadyRegisteredMail,
  sendPasswordResetMail,
  sendVerificationMail,
} from "~/platform/mail/auth-mails.server";

function createAuth(db: Database) {
  const env = getEnv();
  return betterAuth({
    appName: "Baraza",
    baseURL: env.BASE_URL,
    secret: env.AUTH_SECRET,
    database: drizzleAdapter(db, { provider: "pg", schema: { user, session, account, verification, twoFactor } }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      // Signing up never signs in: a taken address must get the very same answer as a fresh one
      // (no account probing), so better-auth answers a duplicate like a success and we mail the
      // owner instead. See docs/decisions/0027-verified-addresses-and-account-limits.md.
      autoSignIn: false,
      onExistingUserSignUp: async ({ user: owner }) => {
        await sendAlreadyRegisteredMail(db, { userId: owner.id, email: owner.email });
      },
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user: recipient, token }) => {
        await sendPasswordResetMail(db, { userId: recipient.id, email: recipient.email, token });
      },
    },
    emailVerification: {
      // Sent by accounts.server.ts once the profile (and so the mail's language) exists.
      sendOnSignUp: false,
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60 * 24 * 3,
      sendVerificationEmail: async ({ user: recipient, token }) => {
        await sendVerificationMail(db, { userId: recipient.id, email: recipient.email, token });
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
      // No cookie cache: every request reads the session row, so a revoked session (password
      // change or reset, sign-out everywhere, suspension) stops at once. See decision 0006.
      cookieCache: { enabled: false },
    },
    plugins: [
      // TOTP with recovery codes; staff cannot open staff pages without it (decision 0026). No
      // "trust this device": every sign-in of an enrolled account asks for the second factor, which
      // is what lets a session of such an account count as having passed it.
      twoFactorPlugin({ issuer: "Baraza" }),
    ],
    rateLimit: { enabled: false },
    advanced: {
      useSecureCookies: env.BASE_URL.startsWith("https://"),
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
      // The session and its user in one statement on every signed-in request (decision 0006).
      database: { joins: true },
    },
    telemetry: { enabled: false },
    logger: { disabled: env.NODE_ENV === "test" },
  });
}

export type Auth = ReturnType<typeof createAuth>;

let instance: Promise<Auth> | undefined;

export function getAuth(): Promise<Auth> {
  instance ??= getDb().then(createAuth);
  return instance;
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
}

/** The signed-in user of a request, or null for a visitor. */
export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const auth = await getAuth();
  const result = await auth.api.getSession({ headers: request.headers });
  if (!result) return null;
  return { id: result.user.id, name: result.user.name, email: result.user.email };
}

/**
 * Creates the empty profile a new member starts with, remembering the language they signed up in;
 * says whether it did (not when there is no such user, or it already had one).
 */
export async function createProfile(db: Database, userId: string, preferredLanguage: string): Promise<boolean> {
  const created = await queryRows<{ user_id: string }>(
    db,
    sql`insert into ${profile} (${sql.identifier(profile.userId.name)}, ${sql.identifier(profile.preferredLanguage.name)})
        select ${user.id}, ${preferredLanguage} from ${user} where ${user.id} = ${userId}
        on conflict do nothing returning ${sql.identifier(profile.userId.name)}`,
  );
  return created.length > 0;
}

export async function findUserIdByEmail(db: Database, email: string): Promise<string | null> {
  const [row] = await db.select({ id: user.id }).from(user).where(eq(user.email, email.toLowerCase())).limit(1);
  return row?.id ?? null;
}
