/**
 * How long personal traces are kept (issue 14 item 8, docs/decisions/0021): sign-in history (the
 * `session` rows: when, from which IP address and browser), the rate-limit counters keyed by IP
 * address, and the log of sent mail (`outbox_mail` rows with the recipient's address and the text).
 * An admin sets the periods at /staff/retention; the `retention` job deletes what is older.
 */
import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { outboxMail, rateLimit, retentionPolicy, session } from "~db/schema";
import type { Queryable } from "~/platform/db.server";

import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, type RetentionPeriods } from "~/privacy/retention";

export const defaultRetention: RetentionPeriods = {
  sessionsDays: DEFAULT_RETENTION_DAYS,
  rateLimitDays: DEFAULT_RETENTION_DAYS,
  mailDays: DEFAULT_RETENTION_DAYS,
};

const days = z.preprocess(
  (value) => (typeof value === "string" ? value.trim() : value),
  z
    .string({ error: "privacy:retention.errors.days" })
    .regex(/^\d{1,4}$/, "privacy:retention.errors.days")
    .transform(Number)
    .pipe(
      z.number().int().min(1, "privacy:retention.errors.days").max(MAX_RETENTION_DAYS, "privacy:retention.errors.days"),
    ),
);

export const retentionForm = z.object({ sessionsDays: days, rateLimitDays: days, mailDays: days });

export async function loadRetention(db: Queryable): Promise<RetentionPeriods & { updatedAt: Date | null }> {
  const [row] = await db
    .select({
      sessionsDays: retentionPolicy.sessionsDays,
      rateLimitDays: retentionPolicy.rateLimitDays,
      mailDays: retentionPolicy.mailDays,
      updatedAt: retentionPolicy.updatedAt,
    })
    .from(retentionPolicy)
    .where(eq(retentionPolicy.id, 1))
    .limit(1);
  return row ?? { ...defaultRetention, updatedAt: null };
}

export async function saveRetention(db: Queryable, periods: RetentionPeriods, updatedBy: string): Promise<void> {
  const values = { ...periods, updatedBy, updatedAt: sql`now()` };
  await db
    .insert(retentionPolicy)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: retentionPolicy.id, set: values });
}

const before = (days: number) => sql`now() - make_interval(days => ${days})`;

/**
 * One round of the `retention` job: deletes what is older than its period, and returns how many rows
 * it deleted or blanked.
 * - Sign-in history: a session that ended and was last used before the period is deleted; one still
 *   in use but opened before the period keeps working, without its IP address and browser.
 * - Rate limits: counters whose window closed before the period (a closed window limits nothing).
 * - Mail: sent mail, sent before the period. Pending and failed mail stays for the outbox worker
 *   and whoever looks into a failure; a notification is never mailed twice, because the
 *   `notification` row, not the mail, records that the event was notified.
 */
export async function enforceRetention(db: Queryable): Promise<number> {
  const periods = await loadRetention(db);
  const sessionCutoff = before(periods.sessionsDays);
  const endedSessions = await db
    .delete(session)
    .where(and(lt(session.expiresAt, sql`now()`), lt(session.updatedAt, sessionCutoff)))
    .returning({ id: session.id });
  const blankedSessions = await db
    .update(session)
    .set({ ipAddress: null, userAgent: null })
    .where(
      and(
        lt(session.createdAt, sessionCutoff),
        sql`(${session.ipAddress} is not null or ${session.userAgent} is not null)`,
      ),
    )
    .returning({ id: session.id });
  const counters = await db
    .delete(rateLimit)
    .where(and(isNotNull(rateLimit.expire), lt(rateLimit.expire, before(periods.rateLimitDays))))
    .returning({ key: rateLimit.key });
  const mails = await db
    .delete(outboxMail)
    .where(and(eq(outboxMail.status, "sent"), lt(outboxMail.sentAt, before(periods.mailDays))))
    .returning({ id: outboxMail.id });
  return endedSessions.length + blankedSessions.length + counters.length + mails.length;
}
