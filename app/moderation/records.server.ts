/**
 * The moderation record: one append-only `moderation_action` row per decision, written in the same
 * transaction as the change it records, and the automatic holds that write one themselves.
 */
import { and, count, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { comment, consultation, flag, moderationAction, phone, user, type ModerationActionKind } from "~db/schema";
import { rowOfConsultation, type Queryable } from "~/platform/db.server";
import { invalidateReportBuilds } from "~/reports/report-invalidation.server";
import {
  burstWindowMinutes,
  comparableText,
  isComparable,
  newAccountHours,
  spamSignals,
  type SpamSignal,
} from "~/moderation/spam-signals";

export type RecordTarget = { targetType: "comment" | "priority" | "user" | "meeting"; targetId: number | string };

export interface ActionRecord extends RecordTarget {
  consultationId: number;
  action: ModerationActionKind;
  /** Null for automatic decisions. */
  actorId: string | null;
  reason?: string | null;
  note?: string | null;
  details?: Record<string, unknown> | null;
}

/** Decisions that change what the public sees of content a stored report PDF may quote. */
const changesPublishedContent: ReadonlySet<ModerationActionKind> = new Set([
  "hide",
  "restore",
  "redact",
  "merge",
  "hold",
  "void",
]);

export async function recordAction(db: Queryable, record: ActionRecord): Promise<void> {
  if (changesPublishedContent.has(record.action)) await invalidateReportBuilds(db, record.consultationId);
  await db.insert(moderationAction).values({
    consultationId: record.consultationId,
    targetType: record.targetType,
    targetId: String(record.targetId),
    action: record.action,
    reason: record.reason ?? null,
    note: record.note || null,
    actorId: record.actorId,
    automatic: record.actorId === null,
    details: record.details ?? null,
  });
}

const comparableBody = sql`lower(regexp_replace(btrim(${comment.body}), '\\s+', ' ', 'g'))`;
/** The expression of `comment_same_text_idx` (db/schema.ts), written the same way so the planner uses it. */
const comparableBodyHash = sql`md5(lower(regexp_replace(btrim(${comment.body}), '\\s+', ' ', 'g')))`;

/**
 * Comments (not removed) whose text is `body` as `comparableText` sees it. The index on the hash
 * finds the few candidates; the texts themselves are then compared (a hash match is not proof).
 */
export function sameTextAs(body: string) {
  const comparable = comparableText(body);
  return and(
    ne(comment.status, "removed"),
    sql`${comparableBodyHash} = md5(${comparable}::text)`,
    sql`${comparableBody} = ${comparable}`,
  );
}

/**
 * Who wrote a comment, for the spam check: a member, or a phone without an account (SMS, USSD),
 * whose first message stands for the account's creation.
 */
export type CommentAuthor = { authorId: string } | { phoneId: number };

/**
 * The spam signals a comment's text shows (new, or an edit of `commentId`): the facts are gathered
 * here, `spamSignals` decides. The comment itself is left out of the comparisons.
 */
export async function spamSignalsOf(
  tx: Queryable,
  posted: { consultationId: number; commentId: number; body: string } & CommentAuthor,
): Promise<SpamSignal[]> {
  const since = sql`now() - make_interval(mins => ${burstWindowMinutes})`;
  const others = and(eq(comment.consultationId, posted.consultationId), ne(comment.id, posted.commentId));
  const sameText = isComparable(posted.body) ? and(others, sameTextAs(posted.body)) : sql`false`;
  const byPhone = "phoneId" in posted;
  const mine = byPhone ? eq(comment.phoneId, posted.phoneId) : eq(comment.authorId, posted.authorId);
  const notMine = byPhone
    ? sql`${comment.phoneId} is distinct from ${posted.phoneId}`
    : ne(comment.authorId, posted.authorId);
  const counts = {
    sameTextByOthers: sql<number>`(select count(*)::int from ${comment} where ${and(sameText, notMine)})`,
    sameTextByAuthor: sql<number>`(select count(*)::int from ${comment} where ${and(sameText, mine)})`,
    recentPostsByAuthor: sql<number>`(select count(*)::int from ${comment}
        where ${and(others, mine, gt(comment.createdAt, since))})`,
  };
  const [facts] = byPhone
    ? await tx
        .select({ accountCreatedAt: phone.createdAt, ...counts })
        .from(phone)
        .where(eq(phone.id, posted.phoneId))
    : await tx
        .select({ accountCreatedAt: user.createdAt, ...counts })
        .from(user)
        .where(eq(user.id, posted.authorId));
  return facts ? spamSignals({ ...facts, body: posted.body, now: new Date() }) : [];
}

/** Sends a published comment back to the queue (pending), recorded as an automatic `hold` with no actor. */
async function holdComment(
  tx: Queryable,
  target: { consultationId: number; commentId: number },
  reason: "spam-signals" | "flag-threshold",
  details: Record<string, unknown>,
) {
  await tx.update(comment).set({ status: "pending" }).where(eq(comment.id, target.commentId));
  await recordAction(tx, {
    consultationId: target.consultationId,
    targetType: "comment",
    targetId: target.commentId,
    action: "hold",
    reason,
    actorId: null,
    details,
  });
}

/**
 * Post-moderation: a comment just published that shows spam signals is sent to the queue instead
 * (status pending), with an automatic `hold` record. Returns the comment's status afterwards.
 */
export async function holdIfSpam(
  tx: Queryable,
  posted: { consultationId: number; commentId: number; body: string } & CommentAuthor,
): Promise<"pending" | "published"> {
  const signals = await spamSignalsOf(tx, posted);
  if (signals.length === 0) return "published";
  await holdComment(tx, posted, "spam-signals", { signals });
  return "pending";
}

/**
 * Whether a flag's reporter is trusted enough for the flag to count towards the automatic hold: a
 * verified e-mail address, and either an account at least `newAccountHours` old or a history on the
 * site, meaning a comment of theirs that a moderator approved by hand and that is still published.
 * Throw-away accounts made minutes earlier therefore cannot take a comment down on their own; their
 * flags still reach the moderation queue. See decision 0028.
 */
const trustedReporter = sql`exists (select 1 from ${user} where ${user.id} = ${flag.reporterId}
  and ${user.emailVerified}
  and (${user.createdAt} <= now() - make_interval(hours => ${newAccountHours})
    or exists (select 1 from ${moderationAction} inner join ${comment} as approved
      on ${moderationAction.targetType} = 'comment' and ${moderationAction.targetId} = approved.id::text
      where approved.author_id = ${user.id} and approved.status = 'published'
        and ${moderationAction.action} = 'approve' and ${moderationAction.actorId} is not null)))`;

/**
 * Post-moderation: a published comment whose open flags from trusted reporters (see
 * `trustedReporter`) reach the consultation's threshold is held (pending) until a moderator looks
 * at it, with an automatic `hold` record.
 */
export async function holdIfFlaggedEnough(tx: Queryable, target: { consultationId: number; commentId: number }) {
  const [row] = await tx
    .select({ status: comment.status, threshold: consultation.flagThreshold, mode: consultation.moderationMode })
    .from(comment)
    .innerJoin(consultation, eq(consultation.id, comment.consultationId))
    .where(rowOfConsultation(comment, target.consultationId, target.commentId))
    .for("update", { of: comment });
  if (!row || row.mode !== "post" || row.status !== "published") return false;
  const [open] = await tx
    .select({ all: count(), trusted: sql<number>`count(*) filter (where ${trustedReporter})::int` })
    .from(flag)
    .where(and(eq(flag.targetType, "comment"), eq(flag.targetId, target.commentId), isNull(flag.resolvedAt)));
  const flagCount = open?.all ?? 0;
  const trustedFlagCount = open?.trusted ?? 0;
  if (trustedFlagCount < row.threshold) return false;
  await holdComment(tx, target, "flag-threshold", { flagCount, trustedFlagCount });
  return true;
}
