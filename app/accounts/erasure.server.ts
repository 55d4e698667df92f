/**
 * "Delete my account" (docs/decisions/0020-account-erasure.md).
 *
 * A member asks for erasure and chooses what happens to their comments: `erase-all` (everything
 * they wrote goes) or `keep-comments` (their comments stay, with no name, as "a former
 * participant"). Nothing is erased for 14 days: the member keeps signing in and may cancel from
 * the profile or from the link in the confirmation e-mail. Then the erasure job (app/platform/jobs/) erases
 * the account for good, in one transaction: there is no copy to restore, so nobody — staff
 * included — can undo it. Votes and ballot points go with the account; the job then recomputes the
 * stored opinion groups of every consultation concerned and drops their stored report PDFs, so
 * results and reports built afterwards no longer count the member.
 */
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import {
  account,
  accountErasure,
  comment,
  commentEndorsement,
  commentPendingEdit,
  commentRevision,
  commentTag,
  moderationAction,
  outboxMail,
  outboxSms,
  phone,
  priority,
  profile,
  rateLimit,
  summaryQuote,
  user,
  verification,
} from "~db/schema";
import { getAuth } from "~/platform/auth.server";
import { queryRows, type Database, type Queryable } from "~/platform/db.server";
import { fallbackLanguage, isSupportedLanguage } from "~/platform/i18n/config";
import { i18nServer } from "~/platform/i18n/i18n.server";
import { queueMail } from "~/platform/mail/outbox.server";
import { recomputeOpinionGroups } from "~/opinion/opinion-groups.server";
import { invalidateReportBuilds } from "~/reports/report-invalidation.server";
import { formatDate } from "~/platform/format";
import { linkCodeDedupePrefix } from "~/phones/phone-link.server";

export const ERASURE_GRACE_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export const erasureModes = ["erase-all", "keep-comments"] as const;
export type ErasureMode = (typeof erasureModes)[number];

export interface PendingErasure {
  mode: ErasureMode;
  requestedAt: Date;
  dueAt: Date;
}

/** What stands in for the text of an erased comment that others replied to (its status is `removed`). */
const ERASED_BODY = "-";
/** What a moderation decision about an erased member is about, once the member is gone. */
const ERASED_TARGET = "erased";

const modeOf = (keepComments: boolean): ErasureMode => (keepComments ? "keep-comments" : "erase-all");

/** Whether `password` is the member's password: asked again before an erasure is requested. */
export async function checkPassword(db: Queryable, userId: string, password: string): Promise<boolean> {
  const [row] = await db
    .select({ hash: account.password })
    .from(account)
    .where(and(eq(account.userId, userId), eq(account.providerId, "credential")));
  if (!row?.hash) return false;
  const context = await (await getAuth()).$context;
  return context.password.verify({ hash: row.hash, password });
}

/** The member's erasure waiting for its date, if they asked for one. */
export async function pendingErasure(db: Queryable, userId: string): Promise<PendingErasure | null> {
  const [row] = await db.select().from(accountErasure).where(eq(accountErasure.userId, userId));
  return row ? { mode: modeOf(row.keepComments), requestedAt: row.requestedAt, dueAt: row.dueAt } : null;
}

/**
 * Records the request (asking again only changes the choice about comments, never the date) and
 * queues the confirmation e-mail with the way to cancel, in the member's language.
 */
export async function requestErasure(
  db: Database,
  input: { userId: string; mode: ErasureMode; now?: Date; baseUrl: string },
): Promise<PendingErasure> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accountErasure)
      .values({
        userId: input.userId,
        keepComments: input.mode === "keep-comments",
        requestedAt: now,
        dueAt: new Date(now.getTime() + ERASURE_GRACE_DAYS * DAY_MS),
      })
      .onConflictDoUpdate({ target: accountErasure.userId, set: { keepComments: input.mode === "keep-comments" } })
      .returning();
    const pending = { mode: modeOf(row!.keepComments), requestedAt: row!.requestedAt, dueAt: row!.dueAt };
    const [member] = await tx
      .select({ email: user.email, language: profile.preferredLanguage })
      .from(user)
      .leftJoin(profile, eq(profile.userId, user.id))
      .where(eq(user.id, input.userId));
    if (member) {
      const language = isSupportedLanguage(member.language) ? member.language : fallbackLanguage;
      const t = await i18nServer.getFixedT(language, "security");
      await queueMail(tx, {
        dedupeKey: `account-erasure:${input.userId}:${pending.requestedAt.getTime()}:${input.mode}`,
        to: member.email,
        subject: t("erasure.mail.subject"),
        text: t("erasure.mail.body", {
          date: formatDate(pending.dueAt, language),
          link: new URL("/profile/delete", input.baseUrl).toString(),
          interpolation: { escapeValue: false },
        }),
      });
    }
    return pending;
  });
}

/** Takes back the request; false when there was none (already cancelled, or already carried out). */
export async function cancelErasure(db: Queryable, userId: string): Promise<boolean> {
  const rows = await db
    .delete(accountErasure)
    .where(eq(accountErasure.userId, userId))
    .returning({ userId: accountErasure.userId });
  return rows.length > 0;
}

const ids = (rows: readonly { id: number }[]) => rows.map((r) => r.id);

/**
 * Erases the account now, whatever the date: the job calls it once the grace period is over.
 * Returns the consultations whose results and reports counted the member, or null when there is
 * no such account (any more).
 */
export async function eraseAccount(
  db: Database,
  userId: string,
  mode: ErasureMode,
): Promise<{ consultationIds: number[] } | null> {
  return db.transaction(async (tx) => {
    const [member] = await tx.select({ email: user.email }).from(user).where(eq(user.id, userId)).for("update");
    if (!member) return null;
    // Lets this transaction (and only it) take the member out of the moderation record (migration 0010).
    await tx.execute(sql`select set_config('baraza.erasure', 'on', true)`);

    const consultations = await queryRows<{ id: number }>(
      tx,
      sql`select consultation_id as id from vote where user_id = ${userId}
          union select consultation_id from ballot_allocation where user_id = ${userId}
          union select consultation_id from comment where author_id = ${userId}
          union select c.consultation_id from comment_endorsement e join comment c on c.id = e.comment_id
                 where e.user_id = ${userId}
          union select consultation_id from priority where proposed_by_id = ${userId}
          union select consultation_id from flag where reporter_id = ${userId}`,
    );
    const commentIds = ids(await tx.select({ id: comment.id }).from(comment).where(eq(comment.authorId, userId)));
    const proposalIds = ids(
      await tx.select({ id: priority.id }).from(priority).where(eq(priority.proposedById, userId)),
    );

    // The moderation record keeps the decision (what, where, when, under which rule), not the person.
    await tx
      .update(moderationAction)
      .set({ targetId: ERASED_TARGET, note: null, details: null })
      .where(and(eq(moderationAction.targetType, "user"), eq(moderationAction.targetId, userId)));
    for (const [targetType, targets] of [
      ["comment", commentIds],
      ["priority", proposalIds],
    ] as const) {
      if (targets.length === 0) continue;
      await tx
        .update(moderationAction)
        .set({ note: null, details: null })
        .where(
          and(
            eq(moderationAction.targetType, targetType),
            inArray(moderationAction.targetId, targets.map(String)),
            sql`(${moderationAction.note} is not null or ${moderationAction.details} is not null)`,
          ),
        );
    }
    await tx.update(moderationAction).set({ actorId: null }).where(eq(moderationAction.actorId, userId));

    // Endorsements go with the account; the counts shown on others' comments follow.
    await tx.execute(sql`
      update ${comment} set endorsement_count = greatest(endorsement_count - 1, 0)
       where id in (select comment_id from ${commentEndorsement} where user_id = ${userId})`);
    await tx.delete(commentEndorsement).where(eq(commentEndorsement.userId, userId));

    if (commentIds.length > 0) {
      // Earlier texts and waiting edits go in both cases: only a kept comment's current text stays.
      await tx.delete(commentRevision).where(inArray(commentRevision.commentId, commentIds));
      await tx.delete(commentPendingEdit).where(inArray(commentPendingEdit.commentId, commentIds));
      // Comments the member had already deleted themselves go in both cases.
      const erased =
        mode === "erase-all"
          ? commentIds
          : ids(
              await tx
                .select({ id: comment.id })
                .from(comment)
                .where(and(inArray(comment.id, commentIds), eq(comment.status, "removed"))),
            );
      if (mode === "keep-comments") {
        await tx.update(comment).set({ authorId: null }).where(eq(comment.authorId, userId));
      }
      if (erased.length > 0) await eraseComments(tx, userId, erased);
    }

    // Proposals never approved go; approved ones are the consultation's priorities now (other
    // members voted on them, staff edited them) and stay, with no author.
    if (proposalIds.length > 0) {
      await tx
        .delete(priority)
        .where(and(inArray(priority.id, proposalIds), inArray(priority.status, ["pending", "rejected", "hidden"])));
      await tx.update(priority).set({ proposedById: null }).where(eq(priority.proposedById, userId));
    }

    // Traces keyed by the address or the id rather than by a foreign key.
    const email = member.email.toLowerCase();
    await tx.delete(outboxMail).where(sql`lower(${outboxMail.toAddress}) = ${email}`);
    await tx.delete(verification).where(
      sql`${verification.value} = ${userId} or position(${email} in lower(${verification.identifier})) > 0
            or position(${email} in lower(${verification.value})) > 0`,
    );
    await tx
      .delete(rateLimit)
      .where(sql`position(${email} in lower(${rateLimit.key})) > 0 or position(${userId} in ${rateLimit.key}) > 0`);

    // A phone linked to the account is the member too (docs/decisions/0040): it goes with its own
    // votes, points and comments, and so does its hash, which would otherwise outlive the account.
    await tx.delete(phone).where(eq(phone.userId, userId));
    // A link code still waiting to be sent holds a number the member typed (app/phones/phone-link.server.ts).
    await tx.delete(outboxSms).where(sql`starts_with(${outboxSms.dedupeKey}, ${linkCodeDedupePrefix(userId)})`);

    // Everything else that names the member goes with the row: sessions, password, second factor,
    // profile, roles, memberships, votes, ballot points, flags, notifications, suspensions, and
    // this request itself (foreign keys with ON DELETE CASCADE or SET NULL).
    await tx.delete(user).where(eq(user.id, userId));

    for (const { id } of consultations) await invalidateReportBuilds(tx, id);
    return { consultationIds: consultations.map((c) => c.id) };
  });
}

/**
 * Deletes the member's comments. One that others replied to (directly or further down) stays as a
 * `removed` placeholder with no author and no text, so those replies keep their place.
 */
async function eraseComments(tx: Queryable, userId: string, commentIds: number[]): Promise<void> {
  const withOthersBelow = ids(
    await queryRows<{ id: number }>(
      tx,
      sql`with recursive below(root, id) as (
            select c.id, c.id from comment c where c.id in ${commentIds}
            union all
            select below.root, child.id from comment child join below on child.parent_id = below.id
          )
          select distinct below.root as id from below join comment x on x.id = below.id
           where x.author_id is distinct from ${userId}`,
    ),
  );
  if (withOthersBelow.length > 0) {
    await tx
      .update(comment)
      .set({ status: "removed", body: ERASED_BODY, authorId: null, stance: null, enteredById: null, editedAt: null })
      .where(inArray(comment.id, withOthersBelow));
    await tx.delete(commentTag).where(inArray(commentTag.commentId, withOthersBelow));
    await tx.delete(summaryQuote).where(inArray(summaryQuote.commentId, withOthersBelow));
  }
  const keep = new Set(withOthersBelow);
  const gone = commentIds.filter((id) => !keep.has(id));
  if (gone.length > 0) await tx.delete(comment).where(inArray(comment.id, gone));
}

export interface ErasureRoundSettings {
  now?: Date;
  smallCellThreshold?: number;
}

/**
 * One round of the erasure job: erases every account whose grace period is over, then has the
 * results of the consultations concerned computed again. Returns how many accounts it erased.
 */
export async function runDueErasures(
  db: Database,
  settings: ErasureRoundSettings = {},
  signal?: AbortSignal,
): Promise<number> {
  const due = await db
    .select()
    .from(accountErasure)
    .where(lte(accountErasure.dueAt, settings.now ?? new Date()))
    .orderBy(accountErasure.dueAt);
  const touched = new Set<number>();
  let erased = 0;
  for (const row of due) {
    if (signal?.aborted) break;
    const outcome = await eraseAccount(db, row.userId, modeOf(row.keepComments));
    if (!outcome) continue;
    erased += 1;
    for (const id of outcome.consultationIds) touched.add(id);
  }
  // The stored opinion groups still hold the erased members' votes: compute them again now rather
  // than when the regular job's policy finds enough change.
  for (const consultationId of touched) {
    if (signal?.aborted) break;
    await recomputeOpinionGroups(db, consultationId, { force: true, smallCellThreshold: settings.smallCellThreshold });
  }
  return erased;
}
