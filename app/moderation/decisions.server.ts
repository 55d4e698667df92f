/**
 * A moderator's decisions on comments, proposals and members. Each runs in one transaction with
 * its `moderation_action` row, locks what it changes, and refuses (without changing anything) an
 * item that is not in this consultation or not in a state the decision applies to.
 */
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import {
  comment,
  commentPendingEdit,
  commentRevision,
  commentTag,
  consultationModerator,
  flag,
  priority,
  session,
  suspension,
  userRole,
  type CommentTheme,
  type ModerationActionKind,
  type ModerationReason,
} from "~db/schema";
import { rowOfConsultation, type Database, type Transaction } from "~/platform/db.server";
import { isActiveSuspensionOf } from "~/platform/permissions.server";
import type { BulkDecision, QueueItemType } from "~/moderation/options";
import { replaceCommentBody } from "~/participation/comments.server";
import { recordAction } from "~/moderation/records.server";

export interface ItemRef {
  type: QueueItemType;
  id: number;
}

/** Who decides, where. */
export interface Decider {
  consultationId: number;
  actorId: string;
}

export type DecisionFailure = "unknown-item" | "not-applicable" | "unknown-priority" | "unknown-member";
export type DecisionResult = { ok: true } | { ok: false; reason: DecisionFailure };

const done: DecisionResult = { ok: true };
const refused = (reason: DecisionFailure): DecisionResult => ({ ok: false, reason });

/** Thrown inside a transaction to roll it back and answer `reason` (a bulk action is all or nothing). */
class Refusal extends Error {
  constructor(readonly reason: DecisionFailure) {
    super(reason);
  }
}

async function inTransaction(db: Database, work: (tx: Transaction) => Promise<void>): Promise<DecisionResult> {
  try {
    await db.transaction(work);
    return done;
  } catch (error) {
    if (error instanceof Refusal) return refused(error.reason);
    throw error;
  }
}

const targetType = (type: QueueItemType) => (type === "comment" ? "comment" : "priority");

async function lockComment(tx: Transaction, consultationId: number, commentId: number) {
  const [row] = await tx
    .select({ id: comment.id, status: comment.status, body: comment.body, authorId: comment.authorId })
    .from(comment)
    .where(rowOfConsultation(comment, consultationId, commentId))
    .for("update");
  if (!row) throw new Refusal("unknown-item");
  return row;
}

/** Member proposals only: staff-written priorities are not moderated here. */
async function lockProposal(tx: Transaction, consultationId: number, priorityId: number) {
  const [row] = await tx
    .select({ id: priority.id, status: priority.status })
    .from(priority)
    .where(and(rowOfConsultation(priority, consultationId, priorityId), isNotNull(priority.proposedById)))
    .for("update");
  if (!row) throw new Refusal("unknown-item");
  return row;
}

/** Marks the item's open flags as dealt with; returns how many there were. */
async function resolveFlags(tx: Transaction, consultationId: number, item: ItemRef): Promise<number> {
  const resolved = await tx
    .update(flag)
    .set({ resolvedAt: new Date() })
    .where(
      and(
        eq(flag.consultationId, consultationId),
        eq(flag.targetType, targetType(item.type)),
        eq(flag.targetId, item.id),
        isNull(flag.resolvedAt),
      ),
    )
    .returning({ id: flag.id });
  return resolved.length;
}

interface StatusChange {
  action: ModerationActionKind;
  comment?: { from: readonly (typeof comment.$inferSelect.status)[]; to: typeof comment.$inferSelect.status };
  proposal?: { from: readonly (typeof priority.$inferSelect.status)[]; to: typeof priority.$inferSelect.status };
  /** Whether deciding also settles the item's open flags. */
  resolvesFlags: boolean;
}

/** The decisions that move an item from one status to another, per kind of item. */
const statusChanges = {
  approve: {
    action: "approve",
    comment: { from: ["pending"], to: "published" },
    proposal: { from: ["pending"], to: "approved" },
    resolvesFlags: true,
  },
  hide: {
    action: "hide",
    comment: { from: ["published", "pending"], to: "hidden" },
    // A pending proposal is rejected, not hidden: hiding is for what the public has seen.
    proposal: { from: ["approved"], to: "hidden" },
    resolvesFlags: true,
  },
  restore: {
    action: "restore",
    comment: { from: ["hidden"], to: "published" },
    proposal: { from: ["hidden"], to: "approved" },
    resolvesFlags: false,
  },
  reject: { action: "reject", proposal: { from: ["pending"], to: "rejected" }, resolvesFlags: true },
} as const satisfies Record<string, StatusChange>;

export type StatusDecision = keyof typeof statusChanges;

async function changeStatus(
  tx: Transaction,
  who: Decider,
  item: ItemRef,
  decision: StatusDecision,
  why: { reason?: ModerationReason | null; note?: string | null },
) {
  const change: StatusChange = statusChanges[decision];
  const rule = item.type === "comment" ? change.comment : change.proposal;
  if (!rule) throw new Refusal("not-applicable");
  const current =
    item.type === "comment"
      ? await lockComment(tx, who.consultationId, item.id)
      : await lockProposal(tx, who.consultationId, item.id);
  if (!(rule.from as readonly string[]).includes(current.status)) throw new Refusal("not-applicable");
  const now = new Date();
  if (item.type === "comment") {
    await tx
      .update(comment)
      .set({ status: rule.to as typeof comment.$inferSelect.status, updatedAt: now })
      .where(eq(comment.id, item.id));
  } else {
    await tx
      .update(priority)
      .set({ status: rule.to as typeof priority.$inferSelect.status, updatedAt: now })
      .where(eq(priority.id, item.id));
  }
  const flagCount = change.resolvesFlags ? await resolveFlags(tx, who.consultationId, item) : 0;
  // "approve" on a proposal makes it a votable priority: recorded as such.
  const action = decision === "approve" && item.type === "proposal" ? "approve-as-priority" : change.action;
  await recordAction(tx, {
    consultationId: who.consultationId,
    targetType: targetType(item.type),
    targetId: item.id,
    action,
    reason: why.reason ?? null,
    note: why.note ?? null,
    actorId: who.actorId,
    details: { from: current.status, ...(flagCount > 0 ? { flagCount } : {}) },
  });
}

export const approveItem = (db: Database, who: Decider, item: ItemRef, note?: string | null) =>
  inTransaction(db, (tx) => changeStatus(tx, who, item, "approve", { note }));

/** A pending proposal becomes an approved, votable priority (it already has its place at the end). */
export const approveProposalAsPriority = (db: Database, who: Decider, proposalId: number, note?: string | null) =>
  approveItem(db, who, { type: "proposal", id: proposalId }, note);

export const hideItem = (db: Database, who: Decider, item: ItemRef, reason: ModerationReason, note?: string | null) =>
  inTransaction(db, (tx) => changeStatus(tx, who, item, "hide", { reason, note }));

export const restoreItem = (db: Database, who: Decider, item: ItemRef, note?: string | null) =>
  inTransaction(db, (tx) => changeStatus(tx, who, item, "restore", { note }));

export const rejectProposal = (
  db: Database,
  who: Decider,
  proposalId: number,
  reason: ModerationReason,
  note?: string | null,
) => inTransaction(db, (tx) => changeStatus(tx, who, { type: "proposal", id: proposalId }, "reject", { reason, note }));

async function dismissFlagsIn(tx: Transaction, who: Decider, item: ItemRef, note?: string | null) {
  if (item.type === "comment") await lockComment(tx, who.consultationId, item.id);
  else await lockProposal(tx, who.consultationId, item.id);
  const flagCount = await resolveFlags(tx, who.consultationId, item);
  if (flagCount === 0) throw new Refusal("not-applicable");
  await recordAction(tx, {
    consultationId: who.consultationId,
    targetType: targetType(item.type),
    targetId: item.id,
    action: "dismiss-flags",
    note,
    actorId: who.actorId,
    details: { flagCount },
  });
}

/** The reports were unfounded: the item stays as it is, its open flags are closed. */
export const dismissFlags = (db: Database, who: Decider, item: ItemRef, note?: string | null) =>
  inTransaction(db, (tx) => dismissFlagsIn(tx, who, item, note));

/** One decision on several items, all or nothing, one record per item. */
export function decideInBulk(
  db: Database,
  who: Decider,
  items: readonly ItemRef[],
  decision: BulkDecision,
  why: { reason?: ModerationReason | null; note?: string | null },
) {
  return inTransaction(db, async (tx) => {
    for (const item of items) {
      if (decision === "dismiss-flags") await dismissFlagsIn(tx, who, item, why.note);
      else await changeStatus(tx, who, item, decision, why);
    }
  });
}

/** Replaces a comment's themes. */
export function tagComment(db: Database, who: Decider, commentId: number, themes: readonly CommentTheme[]) {
  return inTransaction(db, async (tx) => {
    const current = await lockComment(tx, who.consultationId, commentId);
    if (current.status === "removed") throw new Refusal("not-applicable");
    await tx.delete(commentTag).where(eq(commentTag.commentId, commentId));
    if (themes.length > 0) await tx.insert(commentTag).values(themes.map((tag) => ({ commentId, tag })));
    await recordAction(tx, {
      consultationId: who.consultationId,
      targetType: "comment",
      targetId: commentId,
      action: "tag",
      actorId: who.actorId,
      details: { themes },
    });
  });
}

/**
 * Removes personal data from a comment: the moderator's text replaces the author's, and the earlier
 * texts leave the comment's history. They survive only in the moderation record's details, which
 * no page shows.
 */
export function redactComment(db: Database, who: Decider, commentId: number, body: string, note?: string | null) {
  return inTransaction(db, async (tx) => {
    const current = await lockComment(tx, who.consultationId, commentId);
    if (current.status === "removed" || current.body === body) throw new Refusal("not-applicable");
    const revisions = await tx
      .delete(commentRevision)
      .where(eq(commentRevision.commentId, commentId))
      .returning({ body: commentRevision.body, createdAt: commentRevision.createdAt });
    // An edit still waiting for review may carry the same personal data: it goes with the rest.
    const [waiting] = await tx
      .delete(commentPendingEdit)
      .where(eq(commentPendingEdit.commentId, commentId))
      .returning({ body: commentPendingEdit.body });
    await tx.update(comment).set({ body, updatedAt: new Date() }).where(eq(comment.id, commentId));
    await recordAction(tx, {
      consultationId: who.consultationId,
      targetType: "comment",
      targetId: commentId,
      action: "redact",
      reason: "personal-data",
      note,
      actorId: who.actorId,
      details: {
        originalBody: current.body,
        earlierRevisions: revisions
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
          .map((revision) => revision.body),
        ...(waiting ? { pendingEdit: waiting.body } : {}),
      },
    });
  });
}

export type EditDecision = "approve-edit" | "reject-edit";

/**
 * A comment's edit waiting for review (see `editComment`): approved, it replaces the published text
 * (kept as a revision); rejected, it is dropped and the published text stays.
 */
export function decideEdit(
  db: Database,
  who: Decider,
  commentId: number,
  decision: EditDecision,
  note?: string | null,
) {
  return inTransaction(db, async (tx) => {
    const current = await lockComment(tx, who.consultationId, commentId);
    const [waiting] = await tx
      .delete(commentPendingEdit)
      .where(eq(commentPendingEdit.commentId, commentId))
      .returning({ body: commentPendingEdit.body, signals: commentPendingEdit.signals });
    if (!waiting || current.status === "removed") throw new Refusal("not-applicable");
    if (decision === "approve-edit") await replaceCommentBody(tx, commentId, current.body, waiting.body);
    await recordAction(tx, {
      consultationId: who.consultationId,
      targetType: "comment",
      targetId: commentId,
      action: decision,
      note,
      actorId: who.actorId,
      details: waiting.signals.length > 0 ? { signals: waiting.signals } : null,
    });
  });
}

/** A pending proposal that repeats an approved priority is merged into it: its author is sent there. */
export function mergeProposal(db: Database, who: Decider, proposalId: number, intoId: number, note?: string | null) {
  return inTransaction(db, async (tx) => {
    const current = await lockProposal(tx, who.consultationId, proposalId);
    if (current.status !== "pending") throw new Refusal("not-applicable");
    const [target] = await tx
      .select({ id: priority.id })
      .from(priority)
      .where(and(rowOfConsultation(priority, who.consultationId, intoId), eq(priority.status, "approved")));
    if (!target || target.id === proposalId) throw new Refusal("unknown-priority");
    await tx
      .update(priority)
      .set({ status: "merged", mergedIntoId: intoId, updatedAt: new Date() })
      .where(eq(priority.id, proposalId));
    const flagCount = await resolveFlags(tx, who.consultationId, { type: "proposal", id: proposalId });
    await recordAction(tx, {
      consultationId: who.consultationId,
      targetType: "priority",
      targetId: proposalId,
      action: "merge",
      reason: "duplicate",
      note,
      actorId: who.actorId,
      details: { mergedIntoId: intoId, ...(flagCount > 0 ? { flagCount } : {}) },
    });
  });
}

/** Whether `userId` wrote a comment or a proposal in this consultation: only such members are suspended here. */
async function isContributor(tx: Transaction, consultationId: number, userId: string): Promise<boolean> {
  const [wrote] = await tx
    .select({ id: comment.id })
    .from(comment)
    .where(and(eq(comment.consultationId, consultationId), eq(comment.authorId, userId)))
    .limit(1);
  if (wrote) return true;
  const [proposed] = await tx
    .select({ id: priority.id })
    .from(priority)
    .where(and(eq(priority.consultationId, consultationId), eq(priority.proposedById, userId)))
    .limit(1);
  return proposed !== undefined;
}

/** Moderators and admins are not suspended by a fellow moderator. */
async function isStaff(tx: Transaction, consultationId: number, userId: string): Promise<boolean> {
  const [moderator] = await tx
    .select({ userId: consultationModerator.userId })
    .from(consultationModerator)
    .where(and(eq(consultationModerator.consultationId, consultationId), eq(consultationModerator.userId, userId)));
  const [admin] = await tx
    .select({ userId: userRole.userId })
    .from(userRole)
    .where(and(eq(userRole.userId, userId), eq(userRole.role, "admin")));
  return moderator !== undefined || admin !== undefined;
}

/** Suspends a contributor from this consultation for `days` days. */
export function suspendMember(
  db: Database,
  who: Decider,
  input: { userId: string; days: number; reason: ModerationReason; note?: string | null },
) {
  return inTransaction(db, async (tx) => {
    if (input.userId === who.actorId || !(await isContributor(tx, who.consultationId, input.userId))) {
      throw new Refusal("unknown-member");
    }
    if (await isStaff(tx, who.consultationId, input.userId)) throw new Refusal("not-applicable");
    const startsAt = new Date();
    const endsAt = new Date(startsAt.getTime() + input.days * 86_400_000);
    const [row] = await tx
      .insert(suspension)
      .values({
        userId: input.userId,
        consultationId: who.consultationId,
        reason: input.reason,
        startsAt,
        endsAt,
        createdById: who.actorId,
      })
      .returning({ id: suspension.id });
    // A suspension ends every session of the member at once (issue 13 item 12): whoever holds
    // their cookie, on any device, must sign in again and meets the suspension then.
    await tx.delete(session).where(eq(session.userId, input.userId));
    await recordAction(tx, {
      consultationId: who.consultationId,
      targetType: "user",
      targetId: input.userId,
      action: "suspend",
      reason: input.reason,
      note: input.note,
      actorId: who.actorId,
      details: { suspensionId: row?.id, days: input.days, endsAt: endsAt.toISOString() },
    });
  });
}

/** Ends a suspension in force in this consultation before its time. */
export function liftSuspension(db: Database, who: Decider, suspensionId: number, note?: string | null) {
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .select({ id: suspension.id, userId: suspension.userId })
      .from(suspension)
      .where(rowOfConsultation(suspension, who.consultationId, suspensionId))
      .for("update");
    if (!row) throw new Refusal("unknown-item");
    const lifted = await tx
      .update(suspension)
      .set({ liftedAt: new Date() })
      .where(and(eq(suspension.id, suspensionId), isActiveSuspensionOf(row.userId)))
      .returning({ id: suspension.id });
    if (lifted.length === 0) throw new Refusal("not-applicable");
    await recordAction(tx, {
      consultationId: who.consultationId,
      targetType: "user",
      targetId: row.userId,
      action: "lift-suspension",
      note,
      actorId: who.actorId,
      details: { suspensionId },
    });
  });
}
