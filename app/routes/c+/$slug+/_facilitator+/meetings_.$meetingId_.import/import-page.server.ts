/**
 * What the meeting import page's loader and action call: the meeting the address names, the page's
 * data, the template in the facilitator's language, and one handler per posted intent.
 */
import type { TFunction } from "i18next";
import { listPrioritiesWithCounts } from "~/consultations/consultations.server";
import { maxImportBytes, type ImportTemplate } from "~/meetings/import-file.server";
import { ballotColumn, pointsColumn, voteColumn } from "~/meetings/import-rows";
import {
  confirmImport,
  importContext,
  latestImport,
  previewImport,
  undoable,
  undoImport,
  undoWindowMs,
} from "~/meetings/meeting-import.server";
import { i18nServer } from "~/platform/i18n/i18n.server";
import { localize } from "~/platform/i18n/localize";
import { rowId } from "~/platform/zod-fields";
import type { ConsultationContext } from "~/web/consultation-context.server";
import { formFailure } from "~/web/form-failures.server";
import { redirectWithFlash } from "~/web/flash.server";
import { refuse } from "~/web/guard.server";
import { requireMeeting } from "~/web/meeting-access.server";

/**
 * The meeting the address names, for its own facilitator while they may type its input in
 * (`meeting.enter`), with what its files are checked against; 404 or 403 as for the meeting page.
 */
export async function resolveImportTarget(
  request: Request,
  context: ConsultationContext,
  meetingIdText: string | undefined,
) {
  const { actor, meeting, mayEnter } = await requireMeeting(request, context, meetingIdText);
  if (!mayEnter)
    refuse(request, actor, "meeting.enter", { consultation: context.scope, authorId: meeting.facilitatorId });
  const priorities = (await listPrioritiesWithCounts(context.db, context.consultation.id)).map((p) => ({
    id: p.id,
    title: localize(p.title, context.language, context.consultation.defaultLocale),
  }));
  const rules = importContext(
    meeting,
    context.consultation,
    priorities.map((p) => p.id),
    context.language,
  );
  return { actor, meeting, priorities, rules };
}

export type ImportTarget = Awaited<ReturnType<typeof resolveImportTarget>>;

/** The page: the meeting, the template links and the latest upload as it would be stored. */
export async function loadImportPage(context: ConsultationContext, target: ImportTarget, now = new Date()) {
  const stored = await latestImport(context.db, target.meeting.id);
  return {
    slug: context.consultation.slug,
    meeting: { id: target.meeting.id, place: target.meeting.place, heldOn: target.meeting.heldOn },
    priorities: target.priorities.map((p) => ({ id: p.id, title: p.title.text, language: p.title.language })),
    upload: stored && {
      id: stored.id,
      fileName: stored.fileName,
      status: stored.status,
      rows: stored.rows,
      errors: stored.rowErrors,
      undoUntil:
        stored.confirmedAt && undoable(stored, now)
          ? new Date(stored.confirmedAt.getTime() + undoWindowMs).toISOString()
          : null,
    },
  };
}

/** The first spelling of each of `words`, as the template lists them. */
const listed = (words: Record<string, readonly string[]>) =>
  Object.values(words)
    .map((spellings) => spellings[0])
    .join(", ");

/** The template of `target` in `context`'s language: its header, and a note for every column. */
export async function buildTemplate(context: ConsultationContext, target: ImportTarget): Promise<ImportTemplate> {
  const t: TFunction = await i18nServer.getFixedT(context.language, "imports");
  const { rules, priorities, meeting } = target;
  const withPoints = rules.ballotBudget !== null;
  const header = [
    ballotColumn,
    ...priorities.map((p) => voteColumn(p.id)),
    ...(withPoints ? priorities.map((p) => pointsColumn(p.id)) : []),
    "comment",
    "comment_priority",
    "stance",
    "language",
  ];
  const allowedVotes = listed(rules.vocabulary.votes);
  const guide: [string, string][] = [
    ["", t("template.rowsNote")],
    [ballotColumn, t("template.ballotNote", { count: meeting.peoplePresent })],
    ...priorities.map((p): [string, string] => [
      voteColumn(p.id),
      t("template.voteNote", { title: p.title.text, allowed: allowedVotes }),
    ]),
    ...(withPoints
      ? priorities.map((p): [string, string] => [
          pointsColumn(p.id),
          t("template.pointsNote", { title: p.title.text, budget: rules.ballotBudget }),
        ])
      : []),
    ["comment", t("template.commentNote")],
    ["comment_priority", t("template.commentPriorityNote", { allowed: priorities.map((p) => p.id).join(", ") })],
    ["stance", t("template.stanceNote", { allowed: listed(rules.vocabulary.stances) })],
    ["language", t("template.languageNote", { allowed: rules.languages.join(", ") })],
  ];
  return {
    header,
    guide,
    guideHeader: [t("template.guideColumn"), t("template.guideMeaning")],
    sheetNames: [t("template.ballotsSheet"), t("template.guideSheet")],
  };
}

interface Post {
  context: ConsultationContext;
  target: ImportTarget;
  formData: FormData;
}

function pageOf(post: Post): string {
  return `/c/${post.context.consultation.slug}/meetings/${post.target.meeting.id}/import`;
}

async function upload(post: Post) {
  const { formData, target, context } = post;
  const file = formData.get("file");
  const fail = (key: string, status = 400) =>
    formFailure(formData, { fieldErrors: { file: `imports:upload.errors.${key}` } }, status);
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) return fail("missing");
  // Checked before reading: the edge lets a little more than this through so that it is said here.
  if (file.size > maxImportBytes) return fail("tooLarge", 413);
  const previewed = await previewImport(context.db, {
    target: target.meeting,
    context: target.rules,
    uploadedById: target.actor.userId,
    fileName: file.name || "upload",
    bytes: new Uint8Array(await file.arrayBuffer()),
  });
  if (!previewed.ok) return fail(previewed.reason, previewed.reason === "alreadyImported" ? 409 : 400);
  const hasErrors = previewed.errors > 0;
  return redirectWithFlash(`${pageOf(post)}#preview`, {
    message: hasErrors ? "imports:preview.errorCount" : "imports:preview.summary",
    values: { count: hasErrors ? previewed.errors : previewed.rows },
  });
}

const importIdField = rowId("imports:refused.unknownImport");

function refusedImport(formData: FormData, reason: string, values: Record<string, string | number> = {}, status = 409) {
  return formFailure(
    formData,
    { fieldErrors: {}, formError: `imports:refused.${reason}`, formErrorValues: values },
    status,
  );
}

async function confirm(post: Post) {
  const { formData, target, context } = post;
  const importId = importIdField.safeParse(formData.get("importId"));
  if (!importId.success) return refusedImport(formData, "unknownImport", {}, 400);
  const result = await confirmImport(context.db, {
    target: target.meeting,
    importId: importId.data,
    confirmedById: target.actor.userId,
  });
  if (!result.ok) {
    if (result.reason !== "refused") return refusedImport(formData, result.reason);
    const { refusal, row } = result;
    return refusedImport(formData, refusal.reason, { row: row ?? "", left: "left" in refusal ? refusal.left : 0 });
  }
  return redirectWithFlash(`${pageOf(post)}#preview`, {
    message: "imports:preview.confirmed",
    values: { votes: result.votes, ballots: result.ballots, comments: result.comments },
  });
}

async function undo(post: Post) {
  const { formData, target, context } = post;
  const importId = importIdField.safeParse(formData.get("importId"));
  if (!importId.success) return refusedImport(formData, "unknownImport", {}, 400);
  const result = await undoImport(context.db, { target: target.meeting, importId: importId.data });
  if (!result.ok) return refusedImport(formData, result.reason);
  return redirectWithFlash(`${pageOf(post)}#preview`, { message: "imports:preview.undone" });
}

const handlers = { upload, confirm, undo };

/** An upload form with nothing in it, for answering a post whose body could not be read. */
function uploadForm(): FormData {
  const formData = new FormData();
  formData.set("intent", "upload");
  return formData;
}

/** The posted form, or null for a body that is no form (a broken multipart post). */
async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/** The answer to a post on the page: one handler per intent, each guarded by `offline.enter`. */
export async function answerImportPost(
  request: Request,
  context: ConsultationContext,
  meetingIdText: string | undefined,
) {
  const target = await resolveImportTarget(request, context, meetingIdText);
  const formData = await readForm(request);
  if (!formData) return formFailure(uploadForm(), { fieldErrors: { file: "imports:upload.errors.unreadable" } });
  const intent = String(formData.get("intent"));
  if (!Object.hasOwn(handlers, intent)) return refusedImport(formData, "unknownImport", {}, 400);
  return handlers[intent as keyof typeof handlers]({ context, target, formData });
}
