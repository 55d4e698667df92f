/**
 * What the summary editor's loader and action call: the scope and locale the address names, the
 * page's data, and one handler per posted intent.
 */
import { data } from "@remix-run/node";
import { listPrioritiesWithCounts } from "~/consultations/consultations.server";
import { summarizeVotes } from "~/participation/results";
import { localize } from "~/platform/i18n/localize";
import { can, type Member } from "~/platform/permissions.server";
import { rowId } from "~/platform/zod-fields";
import {
  deleteDraftSummary,
  diffVersions,
  findQuoteProblems,
  findSummary,
  findVersionText,
  isQuotableComment,
  listQuotableComments,
  listSummaryVersions,
  loadPublicQuotes,
  presentSegments,
  publishSummary,
  restoreVersion,
  saveSummaryVersion,
  summaryForm,
  summaryLocale,
  summaryScopeParam,
  unpublishSummary,
  versionNumber,
  type SummaryScope,
} from "~/summaries/summaries.server";
import { appendQuoteToken, quotedCommentIds, renderSummaryMarkdown } from "~/summaries/summary-markdown";
import type { ConsultationContext } from "~/web/consultation-context.server";
import { formFailure } from "~/web/form-failures.server";
import { parseSubmission } from "~/web/forms.server";
import { requireConsultationAbility } from "~/web/guard.server";
import { backTo, respondSuccess } from "~/web/respond.server";

type Priorities = Awaited<ReturnType<typeof listPrioritiesWithCounts>>;

/** The summary an address names, or why it names none of this consultation's. */
export type EditorTarget =
  | { ok: true; scope: SummaryScope; priority: Priorities[number] | undefined; priorities: Priorities }
  | { ok: false; problem: "unknownLocale" | "unknownScope" };

export async function resolveTarget(
  context: ConsultationContext,
  params: Record<string, string | undefined>,
): Promise<EditorTarget> {
  const locale = summaryLocale.safeParse(params.locale);
  if (!locale.success) return { ok: false, problem: "unknownLocale" };
  const scope = summaryScopeParam.safeParse(params.scope);
  if (!scope.success) return { ok: false, problem: "unknownScope" };
  const priorities = await listPrioritiesWithCounts(context.db, context.consultation.id);
  const priorityId = scope.data;
  const priority = priorityId === null ? undefined : priorities.find((p) => p.id === priorityId);
  if (priorityId !== null && !priority) return { ok: false, problem: "unknownScope" };
  return {
    ok: true,
    scope: { consultationId: context.consultation.id, priorityId, locale: locale.data },
    priority,
    priorities,
  };
}

/** Two versions to compare, when the reader asked for a comparison. */
export interface DiffRequest {
  from?: number;
  to?: number;
}

export async function loadEditorPage(
  context: ConsultationContext,
  actor: Member,
  { scope, priority, priorities }: Extract<EditorTarget, { ok: true }>,
  compare: DiffRequest,
) {
  const { db, consultation: row, language } = context;
  const found = await findSummary(db, scope);
  const versions = found ? await listSummaryVersions(db, found.id) : [];
  const latest = versions[0];
  const text = found && latest ? ((await findVersionText(db, found.id, latest.version)) ?? "") : "";
  const { from, to } = compare;
  const [problems, quotable, quotes, diff] = await Promise.all([
    findQuoteProblems(db, row.id, found?.id ?? null, text),
    listQuotableComments(db, row.id, scope.priorityId),
    loadPublicQuotes(db, row.id, quotedCommentIds(text)),
    found && from && to ? diffVersions(db, found.id, from, to) : null,
  ]);
  const scopeTitle = localize(priority ? priority.title : row.title, language, row.defaultLocale);
  return {
    language,
    locale: scope.locale,
    scopeTitle: scopeTitle.text,
    scopeTitleLanguage: scopeTitle.language,
    isConsultationScope: scope.priorityId === null,
    consultation: { slug: row.slug },
    canPublish: can(actor, "summary.publish", context.scope),
    summary: found
      ? {
          status: found.status,
          publishedVersion: found.publishedVersion,
          publishedAt: found.publishedAt?.toISOString() ?? null,
        }
      : null,
    text,
    preview: presentSegments(renderSummaryMarkdown(text), quotes),
    // Staff only: this page is for the consultation's moderators and admins.
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    diff: diff && from && to ? { from, to, parts: diff } : null,
    problems,
    results: (priority ? [priority] : priorities).map((p) => ({
      id: p.id,
      title: localize(p.title, language, row.defaultLocale),
      result: summarizeVotes(p.counts),
    })),
    quotable,
  };
}

/** Answer to "quote this comment": the text with the quote line added, not saved yet. */
export interface QuoteInserted {
  draft: string;
  insertedCommentId: number;
}

/** What every handler is given: who posts what, about which summary. */
export interface EditorPost {
  request: Request;
  context: ConsultationContext;
  actor: Member;
  scope: SummaryScope;
  formData: FormData;
}

/** A post refused with one message for the whole page. */
export function refused(formData: FormData, message: string, status = 400) {
  return formFailure(formData, { fieldErrors: {}, formError: `summaries:errors.${message}` }, status);
}

/** Back to a section of the editor, the flash naming the version the change made, if any. */
function done({ request, formData }: EditorPost, anchor: "editor" | "publication", message: string, version?: number) {
  const flash = { message: `summaries:flash.${message}` };
  const redirectTo = backTo(request, anchor);
  if (version === undefined) return respondSuccess(formData, { redirectTo, flash, result: null });
  return respondSuccess(formData, { redirectTo, flash: { ...flash, values: { version } }, result: { version } });
}

export async function insertQuote({ context, scope, formData }: EditorPost) {
  const commentId = rowId("summaries:errors.unknownQuote").safeParse(formData.get("quoteCommentId"));
  const body = formData.get("body");
  if (
    !commentId.success ||
    typeof body !== "string" ||
    !(await isQuotableComment(context.db, context.consultation.id, scope.priorityId, commentId.data))
  ) {
    return refused(formData, "unknownQuote");
  }
  return data<QuoteInserted>({ draft: appendQuoteToken(body, commentId.data), insertedCommentId: commentId.data });
}

export async function saveVersion(post: EditorPost) {
  const { context, actor, scope, formData } = post;
  const parsed = parseSubmission(summaryForm, formData);
  if (!parsed.ok) return parsed.answer;
  const saved = await saveSummaryVersion(context.db, {
    ...scope,
    bodyMarkdown: parsed.data.body,
    authorId: actor.userId,
  });
  if (!saved.ok) {
    return formFailure(formData, {
      fieldErrors: { body: "summaries:errors.quoteNotInConsultation" },
      formErrorValues: { id: saved.commentId },
    });
  }
  return done(post, "editor", "saved", saved.version);
}

export async function restore(post: EditorPost) {
  const { context, actor, scope, formData } = post;
  const version = versionNumber.safeParse(formData.get("version"));
  const found = await findSummary(context.db, scope);
  const restored =
    version.success && found
      ? await restoreVersion(context.db, { summaryId: found.id, version: version.data, authorId: actor.userId })
      : null;
  if (!restored?.ok) return refused(formData, "unknownVersion");
  return done(post, "editor", "restored", restored.version);
}

export async function changePublication(post: EditorPost) {
  const { request, context, scope, formData } = post;
  requireConsultationAbility(request, context, "summary.publish");
  const found = await findSummary(context.db, scope);
  if (!found) return refused(formData, "nothingToPublish");
  if (formData.get("intent") === "unpublish") {
    await unpublishSummary(context.db, found.id);
    return done(post, "publication", "unpublished");
  }
  const published = await publishSummary(context.db, found.id);
  if (!published.ok) return refused(formData, "nothingToPublish");
  return done(post, "publication", "published", published.version);
}

export async function deleteDraft(post: EditorPost) {
  const { context, scope, formData } = post;
  const found = await findSummary(context.db, scope);
  if (!found || !(await deleteDraftSummary(context.db, found.id))) return refused(formData, "notDeletable", 409);
  return done(post, "publication", "deleted");
}
