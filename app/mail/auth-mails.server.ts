/** The account e-mails, written in the member's preferred language. */
import { eq } from "drizzle-orm";
import { profile } from "../../db/schema";
import type { Database } from "../db.server";
import { getEnv } from "../env.server";
import { fallbackLanguage, isSupportedLanguage } from "../i18n/config";
import { i18nServer } from "../i18n/i18n.server";
import { queueMail } from "./outbox.server";

async function preferredLanguageOf(db: Database, userId: string) {
  const [row] = await db
    .select({ language: profile.preferredLanguage })
    .from(profile)
    .where(eq(profile.userId, userId));
  return isSupportedLanguage(row?.language) ? row.language : fallbackLanguage;
}

export async function sendPasswordResetMail(db: Database, input: { userId: string; email: string; token: string }) {
  const language = await preferredLanguageOf(db, input.userId);
  const t = await i18nServer.getFixedT(language, "auth");
  const link = new URL(`/reset-password?token=${encodeURIComponent(input.token)}`, getEnv().BASE_URL).toString();
  await queueMail(db, {
    dedupeKey: `password-reset:${input.token}`,
    to: input.email,
    subject: t("resetMail.subject"),
    text: t("resetMail.body", { link }),
  });
}
