/** The moderation queue page's data: one page of the queue, merge targets and suspensions. */
import { localize } from "~/platform/i18n/localize";
import { can } from "~/platform/permissions.server";
import {
  listActiveSuspensions,
  listMergeTargets,
  listModerationQueue,
  type QueueQuery,
} from "~/moderation/queue.server";
import type { ConsultationContext } from "~/web/consultation-context.server";

export async function loadQueuePage(context: ConsultationContext, query: QueueQuery) {
  const { db, consultation: row, actor, scope, language } = context;
  const [queue, mergeTargets, suspensions] = await Promise.all([
    listModerationQueue(db, row.id, query),
    listMergeTargets(db, row.id),
    listActiveSuspensions(db, row.id),
  ]);
  // Members write in one language: theirs is the text's own, not a fallback to flag as missing.
  const text = (value: Parameters<typeof localize>[0], written: string | null) =>
    localize(value, language, written || row.defaultLocale);
  return {
    language,
    consultation: { slug: row.slug, title: localize(row.title, language, row.defaultLocale) },
    query: { ...query, page: queue.page },
    total: queue.total,
    pageCount: queue.pageCount,
    canSuspend: can(actor, "member.suspend", scope),
    items: queue.items.map((item) => ({
      type: item.type,
      id: item.id,
      status: item.status,
      language: item.language,
      title: item.title ? text(item.title, item.language) : null,
      body:
        typeof item.body === "string"
          ? { text: item.body, language: item.language, isFallback: false }
          : text(item.body, item.language),
      priority:
        item.priorityId !== null && item.priorityTitle
          ? { id: item.priorityId, title: localize(item.priorityTitle, language, row.defaultLocale) }
          : null,
      authorId: item.authorId,
      authorName: item.authorName,
      channel: item.channel,
      createdAt: item.createdAt.toISOString(),
      flagCount: item.flagCount,
      flagReasons: item.flagReasons,
      flagNotes: item.flagNotes,
      themes: item.themes,
      heldFor: item.heldFor,
      pendingEdit: item.pendingEdit
        ? { ...item.pendingEdit, createdAt: item.pendingEdit.createdAt.toISOString() }
        : null,
    })),
    mergeTargets: mergeTargets.map((p) => ({ id: p.id, title: text(p.title, p.language) })),
    suspensions: suspensions.map((s) => ({
      id: s.id,
      name: s.name,
      reason: s.reason,
      endsAt: s.endsAt?.toISOString() ?? null,
    })),
  };
}
