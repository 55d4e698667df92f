/**
 * The account e-mails, written in the member's preferred language. At most a few an hour go to one
 * address, whoever asks for them (docs/decisions/0027-verified-addresses-and-account-limits.md):
 * beyond that they are dropped silently, so the pages that trigger them answer the same either way.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { profile } from "~db/schema";
import type { Database } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { fallbackLanguage, isSupportedLanguage } from "~/platform/i18n/config";
import { i18nServer } from "~/platform/i18n/i18n.server";
import { consumeRateLimit } from "~/platform/rate-limit.server";
import { queueMail } from "~/platform/mail/outbox.server";

async function preferredLanguageOf(db: Database, userId: string) {
  const [row] = await db
    .select({ language: profile.preferredLanguage })
    .from(profile)
    .where(eq(profile.userId, userId));
  return isSupportedLanguage(row?.language) ? row.language : fallbackLanguage;
}

const linkTo = (path: string) => new URL(path, getEnv().BASE_URL).toString();

async function queueAccountMail(
  db: Database,
  input: { userId: string; email: string; dedupeKey: string },
  write: (t: (key: string, values?: Record<string, string>) => string) => { subject: string; text: string },
) {
  const quota = await consumeRateLimit(db, [["accountMailPerEmail", input.email.toLowerCase()]]);
  if (!quota.allowed) return;
  const t = await i18nServer.getFixedT(await preferredLanguageOf(db, input.userId), "auth");
  await queueMail(db, { dedupeKey: input.dedupeKey, to: input.email, ...write(t) });
}

export async function sendPasswordResetMail(db: Database, input: { userId: string; email: string; token: string }) {
  const link = linkTo(`/reset-password?token=${encodeURIComponent(input.token)}`);
  await queueAccountMail(db, { ...input, dedupeKey: `password-reset:${input.token}` }, (t) => ({
    subject: t("resetMail.subject"),
    text: t("resetMail.body", { link }),
  }));
}

export async function sendVerificationMail(db: Database, input: { userId: string; email: string; token: string }) {
  const link = linkTo(`/verify-email?token=${encodeURIComponent(input.token)}`);
  // Tokens signed within the same second are identical; each request still gets its mail.
  await queueAccountMail(db, { ...input, dedupeKey: `verify-email:${randomUUID()}` }, (t) => ({
    subject: t("emailCheck.mail.subject"),
    text: t("emailCheck.mail.body", { link }),
  }));
}

/** Tells the owner of an address that someone tried to create a second account with it. */
export async function sendAlreadyRegisteredMail(db: Database, input: { userId: string; email: string }) {
  await queueAccountMail(db, { ...input, dedupeKey: `already-registered:${randomUUID()}` }, (t) => ({
    subject: t("emailCheck.alreadyRegisteredMail.subject"),
    text: t("emailCheck.alreadyRegisteredMail.body", {
      signInLink: linkTo("/sign-in"),
      resetLink: linkTo("/forgot-password"),
    }),
  }));
}
