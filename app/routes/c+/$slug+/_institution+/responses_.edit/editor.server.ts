/**
 * What the responses editor's loader and action call: who may answer for the owning institution,
 * the page's data, and one handler per posted intent.
 */
import type { z } from "zod";
import type { Language } from "~/platform/i18n/config";
import { localize } from "~/platform/i18n/localize";
import { can, type Member } from "~/platform/permissions.server";
import { rowId } from "~/platform/zod-fields";
import {
  addCommitment,
  changeCommitmentStatus,
  commitmentEditForm,
  commitmentForm,
  commitmentView,
  deleteDraftResponse,
  editCommitment,
  listResponsesForEditing,
  publishResponse,
  responseForm,
  saveResponse,
  statusChangeForm,
} from "~/responses/responses.server";
import { listPublicSummaries } from "~/summaries/summaries.server";
import type { ConsultationContext } from "~/web/consultation-context.server";
import { formFailure } from "~/web/form-failures.server";
import { parseSubmission } from "~/web/forms.server";
import { refuse } from "~/web/guard.server";
import { backTo, respondSuccess } from "~/web/respond.server";

type Responder = Member & { institutionId: number };

/** Only members of the consultation's owning institution get past this. */
export function requireResponder(request: Request, context: ConsultationContext): Responder {
  const { actor, scope } = context;
  if (!can(actor, "response.publish", scope) || scope.owningInstitutionId === null) {
    refuse(request, actor, "response.publish", scope);
  }
  return { ...(actor as Member), institutionId: scope.owningInstitutionId };
}

/** The institution's responses, their texts in `editLanguage` to edit, and the summary they answer. */
export async function loadResponseEditor(context: ConsultationContext, editLanguage: Language) {
  const { db, consultation: row, language } = context;
  const [responses, summaries] = await Promise.all([
    listResponsesForEditing(db, row.id),
    listPublicSummaries(db, row, language),
  ]);
  // The summary as readers see it: its quotes shown (anonymously), never as [[quote:…]] tags.
  const summary = summaries.find((entry) => entry.priorityId === null);
  return {
    summary: summary ? { language: summary.language, segments: summary.segments } : null,
    language,
    editLanguage,
    consultation: { slug: row.slug, title: localize(row.title, language, row.defaultLocale) },
    responses: responses.map((r) => ({
      id: r.id,
      status: r.status,
      title: localize(r.title, language, row.defaultLocale),
      editTitle: r.title[editLanguage] ?? "",
      editBody: r.body[editLanguage] ?? "",
      commitments: r.commitments.map((c) => ({
        ...commitmentView(c, language, row.defaultLocale),
        editWhat: c.what[editLanguage] ?? "",
        editWho: c.who[editLanguage] ?? "",
        editWhy: c.statusReason?.[editLanguage] ?? "",
        hasReason: c.statusReason !== null,
      })),
    })),
  };
}

/** What every handler is given: who posts what. */
export interface ResponderPost {
  request: Request;
  context: ConsultationContext;
  responder: Responder;
  formData: FormData;
}

/** A post refused with one message for the whole page. */
export function refused(formData: FormData, message: string, status: number) {
  return formFailure(formData, { fieldErrors: {}, formError: `responses:errors.${message}` }, status);
}

const notFound = (formData: FormData) => refused(formData, "notFound", 404);

/** Back to the part of the page the change was made in. */
function done({ request, formData }: ResponderPost, message: string, anchor: string) {
  return respondSuccess(formData, {
    redirectTo: backTo(request, anchor),
    flash: { message: `responses:flash.${message}` },
    result: null,
  });
}

/** A posted row id, or null: ids beyond PostgreSQL's integer would fail the query itself. */
const postedId = rowId("responses:errors.notFound");
function idField(formData: FormData, name: string): number | null {
  const parsed = postedId.safeParse(formData.get(name));
  return parsed.success ? parsed.data : null;
}

/** The row a form acts on and its fields; else the answer refusing the post (an unknown row first). */
function parseRowForm<S extends z.ZodType>(formData: FormData, idName: string, schema: S) {
  const id = idField(formData, idName);
  if (id === null) return { ok: false as const, answer: notFound(formData) };
  const parsed = parseSubmission(schema, formData);
  return parsed.ok ? { ...parsed, id } : parsed;
}

export async function saveResponseText(post: ResponderPost) {
  const { context, responder, formData } = post;
  const parsed = parseSubmission(responseForm, formData);
  if (!parsed.ok) return parsed.answer;
  // No id: a new response.
  const responseId = formData.get("responseId") ? idField(formData, "responseId") : undefined;
  if (responseId === null) return notFound(formData);
  const result = await saveResponse(context.db, {
    ...parsed.data,
    consultationId: context.consultation.id,
    institutionId: responder.institutionId,
    userId: responder.userId,
    responseId,
  });
  if (result.ok) return done(post, "saved", `edit-response-${result.responseId}`);
  return result.reason === "no-summary" ? refused(formData, "noSummary", 409) : notFound(formData);
}

export async function publish(post: ResponderPost) {
  const { context, formData } = post;
  const responseId = idField(formData, "responseId");
  const published =
    responseId !== null && (await publishResponse(context.db, { consultationId: context.consultation.id, responseId }));
  return published && published.ok ? done(post, "published", `edit-response-${responseId}`) : notFound(formData);
}

export async function deleteDraft(post: ResponderPost) {
  const { context, formData } = post;
  const responseId = idField(formData, "responseId");
  // Only a draft goes: a published response is public record (the query refuses the others).
  const deleted =
    responseId !== null &&
    (await deleteDraftResponse(context.db, { consultationId: context.consultation.id, responseId }));
  return deleted ? done(post, "deleted", "") : notFound(formData);
}

export async function addCommitmentTo(post: ResponderPost) {
  const { context, responder, formData } = post;
  const posted = parseRowForm(formData, "responseId", commitmentForm);
  if (!posted.ok) return posted.answer;
  const { id: responseId, data } = posted;
  const input = { ...data, consultationId: context.consultation.id, responseId, userId: responder.userId };
  const result = await addCommitment(context.db, input);
  return result.ok ? done(post, "commitmentAdded", `edit-response-${responseId}`) : notFound(formData);
}

export async function editCommitmentText(post: ResponderPost) {
  const { context, formData } = post;
  const posted = parseRowForm(formData, "commitmentId", commitmentEditForm);
  if (!posted.ok) return posted.answer;
  const { id: commitmentId, data } = posted;
  const result = await editCommitment(context.db, { ...data, consultationId: context.consultation.id, commitmentId });
  return result.ok ? done(post, "commitmentSaved", `commitment-${commitmentId}`) : notFound(formData);
}

export async function changeStatus(post: ResponderPost) {
  const { context, responder, formData } = post;
  const posted = parseRowForm(formData, "commitmentId", statusChangeForm);
  if (!posted.ok) return posted.answer;
  const { id: commitmentId, data } = posted;
  const input = { ...data, consultationId: context.consultation.id, commitmentId, userId: responder.userId };
  const result = await changeCommitmentStatus(context.db, input);
  if (result.ok) return done(post, "statusChanged", `commitment-${commitmentId}`);
  return result.reason === "unchanged"
    ? formFailure(formData, { fieldErrors: { status: "responses:errors.unchanged" } }, 409)
    : notFound(formData);
}
