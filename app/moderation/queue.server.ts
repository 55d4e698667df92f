/**
 * What a consultation's moderators have to look at: comments and proposals waiting for approval
 * (pre-moderation, automatic holds, new proposals) and published items with open flags, most
 * flagged first; or, in the "hidden" view, what was hidden and may be restored.
 */
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import {
  comment,
  commentPendingEdit,
  commentTag,
  flag,
  flagReasons,
  moderationAction,
  priority,
  profile,
  suspension,
  user,
  type FlagReason,
  type LocalizedText,
  type InputChannel,
} from "~db/schema";
import type { Queryable } from "~/platform/db.server";
import { supportedLanguages } from "~/platform/i18n/config";
import { queueAges, queueItemTypes, queueViews, type QueueItemType } from "~/moderation/options";

export const queuePageSize = 20;

/** The queue's filters, from the address; anything unknown is ignored rather than refused. */
export const queueQuery = z.object({
  view: z.enum(queueViews).catch("open"),
  type: z.enum(queueItemTypes).optional().catch(undefined),
  language: z.enum(supportedLanguages).optional().catch(undefined),
  reason: z.enum(flagReasons).optional().catch(undefined),
  age: z.enum(queueAges).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1),
});
export type QueueQuery = z.infer<typeof queueQuery>;

export interface QueueItem {
  type: QueueItemType;
  id: number;
  status: string;
  language: string;
  /** A comment's text, or a proposal's title and body. */
  title: LocalizedText | null;
  body: string | LocalizedText;
  /** The priority a comment is on. */
  priorityId: number | null;
  priorityTitle: LocalizedText | null;
  /** Both null for a comment left by a member who erased their account ("a former participant"). */
  authorId: string | null;
  authorName: string | null;
  /** Where a comment was written (a phone's shows as "a participant by SMS"); null for a proposal. */
  channel: InputChannel | null;
  createdAt: Date;
  flagCount: number;
  flagReasons: { reason: FlagReason; count: number }[];
  flagNotes: string[];
  themes: string[];
  /** Why the platform held a pending comment, when it did: the latest automatic hold. */
  heldFor: { reason: string; signals: string[] } | null;
  /** A published comment's new text, waiting for approval (with the spam signals it showed). */
  pendingEdit: { body: string; signals: string[]; createdAt: Date } | null;
}

export interface QueuePage {
  items: QueueItem[];
  total: number;
  page: number;
  pageCount: number;
}

const authorName = sql<string>`coalesce(nullif(trim(${profile.displayName}), ''), ${user.name})`;

function openFlagsOn(type: "comment" | "priority", id: typeof comment.id | typeof priority.id) {
  return sql`exists (select 1 from ${flag} where ${flag.targetType} = ${type} and ${flag.targetId} = ${id}
    and ${flag.resolvedAt} is null)`;
}

async function queueComments(db: Queryable, consultationId: number, view: QueueQuery["view"]) {
  const inView =
    view === "hidden"
      ? eq(comment.status, "hidden")
      : or(
          eq(comment.status, "pending"),
          and(
            eq(comment.status, "published"),
            or(openFlagsOn("comment", comment.id), isNotNull(commentPendingEdit.commentId)),
          ),
        );
  return db
    .select({
      id: comment.id,
      status: comment.status,
      language: comment.language,
      body: comment.body,
      priorityId: comment.priorityId,
      priorityTitle: priority.title,
      authorId: comment.authorId,
      authorName,
      channel: comment.channel,
      createdAt: comment.createdAt,
      editBody: commentPendingEdit.body,
      editSignals: commentPendingEdit.signals,
      editedAt: commentPendingEdit.createdAt,
    })
    .from(comment)
    .leftJoin(commentPendingEdit, eq(commentPendingEdit.commentId, comment.id))
    .leftJoin(user, eq(user.id, comment.authorId))
    .leftJoin(profile, eq(profile.userId, comment.authorId))
    .leftJoin(priority, eq(priority.id, comment.priorityId))
    .where(and(eq(comment.consultationId, consultationId), inView));
}

async function queueProposals(db: Queryable, consultationId: number, view: QueueQuery["view"]) {
  const inView =
    view === "hidden"
      ? eq(priority.status, "hidden")
      : or(eq(priority.status, "pending"), and(eq(priority.status, "approved"), openFlagsOn("priority", priority.id)));
  return db
    .select({
      id: priority.id,
      status: priority.status,
      language: priority.proposalLanguage,
      title: priority.title,
      body: priority.body,
      authorId: priority.proposedById,
      authorName,
      createdAt: priority.createdAt,
    })
    .from(priority)
    .innerJoin(user, eq(user.id, priority.proposedById))
    .leftJoin(profile, eq(profile.userId, priority.proposedById))
    .where(and(eq(priority.consultationId, consultationId), isNotNull(priority.proposedById), inView));
}

async function openFlags(db: Queryable, consultationId: number) {
  return db
    .select({ targetType: flag.targetType, targetId: flag.targetId, reason: flag.reason, note: flag.note })
    .from(flag)
    .where(and(eq(flag.consultationId, consultationId), isNull(flag.resolvedAt)));
}

const ageLimits = { day: 1, week: 7 } as const;

function matches(item: QueueItem, query: QueueQuery, now: Date): boolean {
  if (query.type && item.type !== query.type) return false;
  if (query.language && item.language !== query.language) return false;
  if (query.reason && !item.flagReasons.some((r) => r.reason === query.reason)) return false;
  if (query.age) {
    const days = (now.getTime() - item.createdAt.getTime()) / 86_400_000;
    if (query.age === "older" ? days < ageLimits.week : days >= ageLimits[query.age]) return false;
  }
  return true;
}

/**
 * One page of the queue. The queue holds what is waiting, not the whole consultation, so it is
 * gathered whole and then filtered, ordered and cut into pages here.
 */
export async function listModerationQueue(
  db: Queryable,
  consultationId: number,
  query: QueueQuery,
  now = new Date(),
): Promise<QueuePage> {
  const [comments, proposals, flags] = await Promise.all([
    queueComments(db, consultationId, query.view),
    queueProposals(db, consultationId, query.view),
    openFlags(db, consultationId),
  ]);
  const commentIds = comments.map((c) => c.id);
  const [tags, holds] = commentIds.length
    ? await Promise.all([
        db.select().from(commentTag).where(inArray(commentTag.commentId, commentIds)),
        db
          .select({
            targetId: moderationAction.targetId,
            reason: moderationAction.reason,
            details: moderationAction.details,
          })
          .from(moderationAction)
          .where(
            and(
              eq(moderationAction.consultationId, consultationId),
              eq(moderationAction.targetType, "comment"),
              eq(moderationAction.action, "hold"),
              inArray(moderationAction.targetId, commentIds.map(String)),
            ),
          )
          .orderBy(asc(moderationAction.id)),
      ])
    : [[], []];
  const heldFor = (commentId: number, status: string) => {
    const hold = holds.findLast((row) => row.targetId === String(commentId));
    if (status !== "pending" || !hold?.reason) return null;
    const signals = hold.details?.signals;
    return { reason: hold.reason, signals: Array.isArray(signals) ? signals.map(String) : [] };
  };

  const flagsOf = (type: "comment" | "priority", id: number) => {
    const own = flags.filter((f) => f.targetType === type && f.targetId === id);
    const byReason = new Map<FlagReason, number>();
    for (const f of own) byReason.set(f.reason, (byReason.get(f.reason) ?? 0) + 1);
    return {
      flagCount: own.length,
      flagReasons: [...byReason].map(([reason, n]) => ({ reason, count: n })).sort((a, b) => b.count - a.count),
      flagNotes: own.flatMap((f) => (f.note ? [f.note] : [])),
    };
  };
  const items: QueueItem[] = [
    ...comments.map(({ editBody, editSignals, editedAt, ...c }) => ({
      ...c,
      type: "comment" as const,
      pendingEdit: editBody === null ? null : { body: editBody, signals: editSignals ?? [], createdAt: editedAt! },
      title: null,
      ...flagsOf("comment", c.id),
      themes: tags.filter((tag) => tag.commentId === c.id).map((tag) => tag.tag),
      heldFor: heldFor(c.id, c.status),
    })),
    ...proposals.map((p) => ({
      ...p,
      type: "proposal" as const,
      language: p.language ?? "",
      authorId: p.authorId ?? "",
      priorityId: null,
      priorityTitle: null,
      channel: null,
      ...flagsOf("priority", p.id),
      themes: [],
      heldFor: null,
      pendingEdit: null,
    })),
  ];
  const shown = items
    .filter((item) => matches(item, query, now))
    .sort((a, b) => b.flagCount - a.flagCount || a.createdAt.getTime() - b.createdAt.getTime());
  const pageCount = Math.max(1, Math.ceil(shown.length / queuePageSize));
  const page = Math.min(query.page, pageCount);
  return {
    items: shown.slice((page - 1) * queuePageSize, page * queuePageSize),
    total: shown.length,
    page,
    pageCount,
  };
}

/** Approved priorities a duplicate proposal can be merged into. */
export function listMergeTargets(db: Queryable, consultationId: number) {
  return db
    .select({ id: priority.id, title: priority.title, language: priority.proposalLanguage })
    .from(priority)
    .where(and(eq(priority.consultationId, consultationId), eq(priority.status, "approved")))
    .orderBy(asc(priority.position), asc(priority.id));
}

/** Suspensions in force in this consultation, newest first, with the member's name for the moderators. */
export function listActiveSuspensions(db: Queryable, consultationId: number, now = new Date()) {
  return db
    .select({
      id: suspension.id,
      userId: suspension.userId,
      name: authorName,
      reason: suspension.reason,
      endsAt: suspension.endsAt,
    })
    .from(suspension)
    .innerJoin(user, eq(user.id, suspension.userId))
    .leftJoin(profile, eq(profile.userId, suspension.userId))
    .where(
      and(
        eq(suspension.consultationId, consultationId),
        isNull(suspension.liftedAt),
        or(isNull(suspension.endsAt), gt(suspension.endsAt, now)),
      ),
    )
    .orderBy(desc(suspension.createdAt));
}
