/**
 * Comments on a priority: threaded up to `maxCommentDepth`, in the author's language, editable for a
 * while (earlier texts kept), removable by their author, endorsed once per member.
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { emptyAsUndefined, rowId, writtenText } from "~/platform/zod-fields";
import {
  comment,
  commentEndorsement,
  commentPendingEdit,
  commentRevision,
  commentStance,
  consultation,
  flag,
  priority,
  profile,
  user,
} from "~db/schema";
import { rowOfConsultation, type Queryable } from "~/platform/db.server";
import { supportedLanguages } from "~/platform/i18n/config";
import { can, type Actor, type ConsultationScope } from "~/platform/permissions.server";
import { holdIfSpam, spamSignalsOf } from "~/moderation/records.server";
import { linkSegments, type TextSegment } from "~/platform/linkify.server";

/** 0 is a comment, 1 a reply, 2 a reply to a reply; nothing deeper, so threads stay readable on a phone. */
export const maxCommentDepth = 2;
export const editWindowMinutes = 15;
export const commentsPerPage = 20;
export const commentSorts = ["newest", "oldest", "endorsed"] as const;
export type CommentSort = (typeof commentSorts)[number];
export const commentStances = commentStance.enumValues;
export type CommentStance = (typeof commentStances)[number];
export const minCommentLength = 2;
export const maxCommentLength = 5000;

/** The same text from the same author on the same priority this soon is a double submission. */
const duplicateWindowSeconds = 60;

/** Counted as the database counts (code points), so an emoji is one character. */
const characterCount = (text: string) => Array.from(text).length;

const commentBody = writtenText("comments:errors.bodyRequired")
  .refine((text) => characterCount(text) >= minCommentLength, "comments:errors.bodyTooShort")
  .refine((text) => characterCount(text) <= maxCommentLength, "comments:errors.bodyTooLong");

const unknownComment = "comments:errors.unknownComment";

export const commentForm = z.object({
  body: commentBody,
  stance: z
    .enum(["", ...commentStances], { error: "comments:errors.stance" })
    .optional()
    .transform((stance) => stance || null),
  language: z.enum(supportedLanguages, { error: "comments:errors.language" }),
  parentId: z.preprocess(emptyAsUndefined, rowId(unknownComment).optional()),
});

export const editCommentForm = z.object({ commentId: rowId(unknownComment), body: commentBody });

export const commentIdForm = z.object({ commentId: rowId(unknownComment) });

/** The priority id in the page's address. */
export const priorityIdParam = rowId("participation:errors.unknownPriority");

export interface CommentRef {
  consultationId: number;
  priorityId: number;
  commentId: number;
}

/** Whether the priority exists in this consultation and is open to comments (approved). */
export async function isCommentablePriority(db: Queryable, consultationId: number, priorityId: number) {
  const [row] = await db
    .select({ id: priority.id })
    .from(priority)
    .where(and(rowOfConsultation(priority, consultationId, priorityId), eq(priority.status, "approved")));
  return row !== undefined;
}

/** A comment of this priority of this consultation, whatever its status, or null. */
export async function findPriorityComment(db: Queryable, ref: CommentRef) {
  const [row] = await db
    .select({ id: comment.id, authorId: comment.authorId, status: comment.status })
    .from(comment)
    .where(refersTo(ref));
  return row ?? null;
}

function refersTo(ref: CommentRef): SQL {
  return and(
    rowOfConsultation(comment, ref.consultationId, ref.commentId),
    eq(comment.priorityId, ref.priorityId),
  ) as SQL;
}

// ───────────────────────────── writing ─────────────────────────────

/** The published comment `ref` names (the only kind one may reply to or endorse), or null. */
async function findPublishedComment(tx: Queryable, ref: CommentRef) {
  const [row] = await tx
    .select({ authorId: comment.authorId, depth: comment.depth })
    .from(comment)
    .where(and(refersTo(ref), eq(comment.status, "published")));
  return row ?? null;
}

export type PostCommentResult =
  | { ok: true; id: number; status: "pending" | "published" }
  | { ok: false; reason: "unknown-priority" | "unknown-comment" | "too-deep" | "duplicate" };

/** The status a new comment starts with: pre-moderation holds every one for the moderators. */
export function statusOnPosting(moderationMode: "pre" | "post"): "pending" | "published" {
  return moderationMode === "pre" ? "pending" : "published";
}

/**
 * A comment a facilitator typed in for a community meeting (docs/decisions/0045): it has no author,
 * the meeting stands behind it; `importId` names the spreadsheet import that stored it.
 */
export interface MeetingCommentSource {
  meetingId: number;
  enteredById: string | null;
  importId: number | null;
}

type CommentSource =
  { authorId: string; meeting?: undefined } | { authorId?: undefined; meeting: MeetingCommentSource };

/**
 * A member's comment, or a meeting's (`meeting`). A meeting's comment starts a thread (nobody at
 * the meeting replies on the site) and skips the duplicate and spam checks, which are about an
 * author: several people present may well say the same words, and the meeting's limit of entries
 * (app/meetings/meetings.server.ts) bounds how many there are.
 */
export async function postComment(
  db: Queryable,
  input: CommentSource & {
    consultationId: number;
    priorityId: number;
    body: string;
    language: string;
    stance: CommentStance | null;
    parentId: number | null;
    /** `statusOnPosting` of the consultation's moderation mode. */
    status: "pending" | "published";
  },
): Promise<PostCommentResult> {
  const { authorId, meeting } = input;
  return db.transaction(async (tx) => {
    // One author's posts on one priority go one at a time, so a double submission cannot slip
    // past the duplicate check below.
    if (authorId !== undefined) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${authorId}::text), ${input.priorityId}::int)`);
    }
    if (!(await isCommentablePriority(tx, input.consultationId, input.priorityId))) {
      return { ok: false, reason: "unknown-priority" };
    }
    let depth = 0;
    if (input.parentId !== null) {
      const parent = meeting ? null : await findPublishedComment(tx, { ...input, commentId: input.parentId });
      if (!parent) return { ok: false, reason: "unknown-comment" };
      if (parent.depth >= maxCommentDepth) return { ok: false, reason: "too-deep" };
      depth = parent.depth + 1;
    }
    if (authorId !== undefined && (await isDuplicate(tx, { ...input, authorId }))) {
      return { ok: false, reason: "duplicate" };
    }
    const [row] = await tx
      .insert(comment)
      .values({
        consultationId: input.consultationId,
        priorityId: input.priorityId,
        parentId: input.parentId,
        depth,
        authorId: authorId ?? null,
        body: input.body,
        language: input.language,
        stance: input.stance,
        status: input.status,
        ...(meeting && {
          channel: "meeting" as const,
          meetingId: meeting.meetingId,
          meetingImportId: meeting.importId,
          enteredById: meeting.enteredById,
        }),
      })
      .returning({ id: comment.id });
    if (!row) throw new Error("comment insert returned no row");
    const status =
      input.status === "published" && authorId !== undefined
        ? await holdIfSpam(tx, { ...input, authorId, commentId: row.id })
        : input.status;
    return { ok: true, id: row.id, status };
  });
}

async function isDuplicate(tx: Queryable, input: { authorId: string; priorityId: number; body: string }) {
  const [duplicate] = await tx
    .select({ id: comment.id })
    .from(comment)
    .where(
      and(
        eq(comment.authorId, input.authorId),
        eq(comment.priorityId, input.priorityId),
        eq(comment.body, input.body),
        ne(comment.status, "removed"),
        gt(comment.createdAt, sql`now() - make_interval(secs => ${duplicateWindowSeconds})`),
      ),
    )
    .limit(1);
  return duplicate !== undefined;
}

export function isWithinEditWindow(createdAt: Date, now = new Date()): boolean {
  return now.getTime() - createdAt.getTime() < editWindowMinutes * 60_000;
}

export type EditCommentResult =
  { ok: true; awaitingReview: boolean } | { ok: false; reason: "unknown-comment" | "window-closed" };

/**
 * Replaces the author's text, keeping the previous one as a revision; or, for a published comment in
 * a pre-moderated consultation or a new text showing spam signals, keeps the published text and
 * leaves the new one waiting for a moderator (`commentPendingEdit`, replacing any earlier waiting
 * edit): an approved comment cannot be turned into something else behind the moderators' backs.
 */
export async function editComment(
  db: Queryable,
  input: CommentRef & { authorId: string; body: string },
): Promise<EditCommentResult> {
  return db.transaction(async (tx): Promise<EditCommentResult> => {
    const [current] = await tx
      .select({
        body: comment.body,
        status: comment.status,
        createdAt: comment.createdAt,
        moderationMode: consultation.moderationMode,
      })
      .from(comment)
      .innerJoin(consultation, eq(consultation.id, comment.consultationId))
      .where(
        and(refersTo(input), eq(comment.authorId, input.authorId), inArray(comment.status, ["published", "pending"])),
      )
      .for("update", { of: comment });
    if (!current) return { ok: false, reason: "unknown-comment" };
    if (!isWithinEditWindow(current.createdAt)) return { ok: false, reason: "window-closed" };
    const waiting = eq(commentPendingEdit.commentId, input.commentId);
    // Saving the published text again is not an edit, and withdraws one still waiting.
    if (current.body === input.body) {
      await tx.delete(commentPendingEdit).where(waiting);
      return { ok: true, awaitingReview: false };
    }
    // A pending comment is still before a moderator, who will see the new text: no second review.
    const signals = current.status === "published" ? await spamSignalsOf(tx, input) : [];
    if (current.status === "published" && (current.moderationMode === "pre" || signals.length > 0)) {
      await tx
        .insert(commentPendingEdit)
        .values({ commentId: input.commentId, body: input.body, signals })
        .onConflictDoUpdate({
          target: commentPendingEdit.commentId,
          set: { body: input.body, signals, createdAt: new Date() },
        });
      return { ok: true, awaitingReview: true };
    }
    await replaceCommentBody(tx, input.commentId, current.body, input.body);
    return { ok: true, awaitingReview: false };
  });
}

/** Puts `body` in place of the comment's text, keeping the text it had as a revision. */
export async function replaceCommentBody(tx: Queryable, commentId: number, previous: string, body: string) {
  await tx.insert(commentRevision).values({ commentId, body: previous });
  const now = new Date();
  await tx.update(comment).set({ body, editedAt: now, updatedAt: now }).where(eq(comment.id, commentId));
}

/**
 * The author's deletion: the comment becomes `removed`, so its replies keep their place under a
 * placeholder. The text stays in the database for moderators; pages never show it again.
 */
export async function deleteComment(
  db: Queryable,
  input: CommentRef & { authorId: string },
): Promise<{ ok: true } | { ok: false; reason: "unknown-comment" }> {
  const rows = await db
    .update(comment)
    .set({ status: "removed", updatedAt: new Date() })
    .where(
      and(refersTo(input), eq(comment.authorId, input.authorId), inArray(comment.status, ["published", "pending"])),
    )
    .returning({ id: comment.id });
  return rows.length === 1 ? { ok: true } : { ok: false, reason: "unknown-comment" };
}

export type EndorseCommentResult =
  { ok: true } | { ok: false; reason: "unknown-comment" | "own-comment" | "already-endorsed" };

/** One endorsement per member per published comment, never one's own; the count moves with it. */
export async function endorseComment(
  db: Queryable,
  input: CommentRef & { userId: string },
): Promise<EndorseCommentResult> {
  return db.transaction(async (tx) => {
    const target = await findPublishedComment(tx, input);
    if (!target) return { ok: false, reason: "unknown-comment" };
    if (target.authorId === input.userId) return { ok: false, reason: "own-comment" };
    const inserted = await tx
      .insert(commentEndorsement)
      .values({ commentId: input.commentId, userId: input.userId })
      .onConflictDoNothing()
      .returning({ commentId: commentEndorsement.commentId });
    if (inserted.length === 0) return { ok: false, reason: "already-endorsed" };
    await tx
      .update(comment)
      .set({ endorsementCount: sql`${comment.endorsementCount} + 1` })
      .where(eq(comment.id, input.commentId));
    return { ok: true };
  });
}

export type WithdrawEndorsementResult = { ok: true } | { ok: false; reason: "unknown-comment" | "not-endorsed" };

/** Takes a member's endorsement back, while the comment is published; the count moves with it. */
export async function withdrawEndorsement(
  db: Queryable,
  input: CommentRef & { userId: string },
): Promise<WithdrawEndorsementResult> {
  return db.transaction(async (tx) => {
    if (!(await findPublishedComment(tx, input))) return { ok: false, reason: "unknown-comment" };
    const removed = await tx
      .delete(commentEndorsement)
      .where(and(eq(commentEndorsement.commentId, input.commentId), eq(commentEndorsement.userId, input.userId)))
      .returning({ commentId: commentEndorsement.commentId });
    if (removed.length === 0) return { ok: false, reason: "not-endorsed" };
    await tx
      .update(comment)
      .set({ endorsementCount: sql`greatest(${comment.endorsementCount} - 1, 0)` })
      .where(eq(comment.id, input.commentId));
    return { ok: true };
  });
}

// ───────────────────────────── reading ─────────────────────────────

export interface CommentQuery {
  sort: CommentSort;
  language?: string;
  stance?: CommentStance;
  page: number;
}

const parentComment = alias(comment, "parent_comment");
const grandparentComment = alias(comment, "grandparent_comment");
type CommentColumns = Pick<typeof comment | typeof parentComment | typeof grandparentComment, "status" | "authorId">;

/** What a reader may see: published comments, placeholders of removed ones, their own pending ones. Never hidden ones. */
function visibleTo(viewerId: string | null, table: CommentColumns = comment): SQL {
  const shown = inArray(table.status, ["published", "removed"]);
  if (!viewerId) return shown;
  return or(shown, and(eq(table.status, "pending"), eq(table.authorId, viewerId))) ?? shown;
}

/**
 * What counts as a comment in the figures: removed ones are gone, others' pending ones unseen, and
 * so are replies under a comment the reader may not see (they are not shown either).
 */
function countedFor(viewerId: string | null): SQL {
  const published = eq(comment.status, "published");
  const own = viewerId
    ? (or(published, and(eq(comment.status, "pending"), eq(comment.authorId, viewerId))) ?? published)
    : published;
  return and(
    own,
    or(isNull(parentComment.id), visibleTo(viewerId, parentComment)),
    or(isNull(grandparentComment.id), visibleTo(viewerId, grandparentComment)),
  ) as SQL;
}

const threadOrder = {
  newest: [desc(comment.createdAt), desc(comment.id)],
  oldest: [asc(comment.createdAt), asc(comment.id)],
  endorsed: [desc(comment.endorsementCount), desc(comment.createdAt), desc(comment.id)],
} satisfies Record<CommentSort, SQL[]>;

function selectComments(db: Queryable) {
  return db
    .select({
      id: comment.id,
      parentId: comment.parentId,
      depth: comment.depth,
      authorId: comment.authorId,
      // Null for a former participant: the member erased their account and left their comments.
      authorName: sql<string | null>`coalesce(nullif(trim(${profile.displayName}), ''), ${user.name})`,
      body: comment.body,
      language: comment.language,
      stance: comment.stance,
      status: comment.status,
      channel: comment.channel,
      endorsementCount: comment.endorsementCount,
      createdAt: comment.createdAt,
      editedAt: comment.editedAt,
      hasPendingEdit: sql<boolean>`exists (select 1 from ${commentPendingEdit} where ${commentPendingEdit.commentId} = ${comment.id})`,
    })
    .from(comment)
    .leftJoin(user, eq(user.id, comment.authorId))
    .leftJoin(profile, eq(profile.userId, comment.authorId));
}

type CommentRow = Awaited<ReturnType<ReturnType<typeof selectComments>["execute"]>>[number];

export interface CommentNode extends CommentRow {
  endorsedByViewer: boolean;
  flaggedByViewer: boolean;
  replies: CommentNode[];
}

export interface CommentListing {
  /** One page of top-level comments, each with its replies (oldest first) beneath. */
  threads: CommentNode[];
  /** Comments on the priority this reader can see, whatever the filters. */
  totalComments: number;
  /** Top-level comments matching the filters. */
  matchingThreads: number;
  page: number;
  pageCount: number;
}

/**
 * A page of a priority's discussion for one reader. Sorting and filters choose threads by their
 * opening comment; a thread's replies come whole, oldest first. Replies under a comment the reader
 * may not see (hidden, or someone else's pending one) are not shown either.
 */
export async function listComments(
  db: Queryable,
  where: { consultationId: number; priorityId: number; viewerId: string | null },
  query: CommentQuery,
): Promise<CommentListing> {
  const onPriority = and(eq(comment.consultationId, where.consultationId), eq(comment.priorityId, where.priorityId));
  const filtered = Boolean(query.language || query.stance);
  const threadConditions = and(
    onPriority,
    isNull(comment.parentId),
    visibleTo(where.viewerId),
    query.language ? eq(comment.language, query.language) : undefined,
    query.stance ? eq(comment.stance, query.stance) : undefined,
    // A removed comment shows neither language nor stance, so it matches no filter.
    filtered ? ne(comment.status, "removed") : undefined,
  );
  const [[matching], [total]] = await Promise.all([
    db.select({ count: count() }).from(comment).where(threadConditions),
    db
      .select({ count: count() })
      .from(comment)
      .leftJoin(parentComment, eq(parentComment.id, comment.parentId))
      .leftJoin(grandparentComment, eq(grandparentComment.id, parentComment.parentId))
      .where(and(onPriority, countedFor(where.viewerId))),
  ]);
  const matchingThreads = matching?.count ?? 0;
  const pageCount = Math.max(1, Math.ceil(matchingThreads / commentsPerPage));
  const page = Math.min(query.page, pageCount);

  const threads = await selectComments(db)
    .where(threadConditions)
    .orderBy(...threadOrder[query.sort])
    .limit(commentsPerPage)
    .offset((page - 1) * commentsPerPage);

  const rows: CommentRow[] = [...threads];
  let parentIds = threads.map((row) => row.id);
  for (let depth = 1; depth <= maxCommentDepth && parentIds.length > 0; depth++) {
    const replies = await selectComments(db)
      .where(and(onPriority, inArray(comment.parentId, parentIds), visibleTo(where.viewerId)))
      .orderBy(asc(comment.createdAt), asc(comment.id));
    rows.push(...replies);
    parentIds = replies.map((row) => row.id);
  }

  const { endorsed, flagged } = await viewerMarks(
    db,
    where.viewerId,
    rows.map((row) => row.id),
  );
  const nodes = new Map<number, CommentNode>(
    rows.map((row) => [
      row.id,
      { ...row, endorsedByViewer: endorsed.has(row.id), flaggedByViewer: flagged.has(row.id), replies: [] },
    ]),
  );
  for (const node of nodes.values()) {
    if (node.parentId !== null) nodes.get(node.parentId)?.replies.push(node);
  }
  return {
    threads: threads.map((row) => nodes.get(row.id)).filter((node): node is CommentNode => node !== undefined),
    totalComments: total?.count ?? 0,
    matchingThreads,
    page,
    pageCount,
  };
}

/** Which of these comments the reader has already endorsed or reported. */
async function viewerMarks(db: Queryable, viewerId: string | null, commentIds: number[]) {
  if (!viewerId || commentIds.length === 0) return { endorsed: new Set<number>(), flagged: new Set<number>() };
  const [endorsements, flags] = await Promise.all([
    db
      .select({ id: commentEndorsement.commentId })
      .from(commentEndorsement)
      .where(and(eq(commentEndorsement.userId, viewerId), inArray(commentEndorsement.commentId, commentIds))),
    db
      .select({ id: flag.targetId })
      .from(flag)
      .where(and(eq(flag.reporterId, viewerId), eq(flag.targetType, "comment"), inArray(flag.targetId, commentIds))),
  ]);
  return { endorsed: new Set(endorsements.map((row) => row.id)), flagged: new Set(flags.map((row) => row.id)) };
}

// ───────────────────────────── what the page receives ─────────────────────────────

export type CommentView =
  | { status: "removed"; id: number; depth: number; replies: CommentView[] }
  | {
      status: "published" | "pending";
      id: number;
      depth: number;
      /** Null for "a former participant" (the author erased their account) or a phone without an account. */
      authorName: string | null;
      /** Where it was written: a phone's comment without an account shows as "a participant by SMS". */
      channel: CommentRow["channel"];
      isOwn: boolean;
      segments: TextSegment[];
      language: string;
      stance: CommentStance | null;
      createdAt: string;
      edited: boolean;
      /** For the author only: an edit of theirs waits for a moderator (the text shown is the published one). */
      editAwaitingReview: boolean;
      endorsementCount: number;
      endorsedByViewer: boolean;
      flaggedByViewer: boolean;
      canReply: boolean;
      canEdit: boolean;
      canDelete: boolean;
      /** May endorse it, or take back their endorsement. */
      canEndorse: boolean;
      canFlag: boolean;
      replies: CommentView[];
    };

/**
 * Comments as the page shows them to this reader: no author ids, no text of removed comments, and
 * what the reader may do with each, decided by the permissions.
 */
export function presentComments(nodes: readonly CommentNode[], reader: { actor: Actor; scope: ConsultationScope }) {
  const { actor, scope } = reader;
  const present = (node: CommentNode): CommentView => {
    const replies = node.replies.map(present);
    // Hidden comments never reach here (see visibleTo); were one to, it would show no text either.
    if (node.status !== "published" && node.status !== "pending") {
      return { status: "removed", id: node.id, depth: node.depth, replies };
    }
    const owned = { consultation: scope, authorId: node.authorId };
    const published = node.status === "published";
    const isOwn = actor.kind === "member" && actor.userId === node.authorId;
    return {
      status: node.status,
      id: node.id,
      depth: node.depth,
      authorName: node.authorName,
      channel: node.channel,
      isOwn,
      segments: linkSegments(node.body),
      language: node.language,
      stance: node.stance,
      createdAt: node.createdAt.toISOString(),
      edited: node.editedAt !== null,
      editAwaitingReview: isOwn && node.hasPendingEdit,
      endorsementCount: node.endorsementCount,
      endorsedByViewer: node.endorsedByViewer,
      flaggedByViewer: node.flaggedByViewer,
      canReply: published && node.depth < maxCommentDepth && can(actor, "comment.create", scope),
      canEdit: can(actor, "comment.edit", owned) && isWithinEditWindow(node.createdAt),
      canDelete: can(actor, "comment.delete", owned),
      canEndorse: published && !isOwn && can(actor, "comment.endorse", scope),
      canFlag: published && !node.flaggedByViewer && can(actor, "content.flag", owned),
      replies,
    };
  };
  return nodes.map(present);
}
