import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField } from "~/components/choice-fields";
import { SummaryBody } from "~/components/summary-body";
import { CommitmentDetails } from "~/components/commitment-item";
import { FormError, FormField } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { isSupportedLanguage, languageAutonyms, supportedLanguages, type Language } from "~/platform/i18n/config";
import { localize } from "~/platform/i18n/localize";
import { commitmentStatuses } from "~/notifications/notification-text";
import { loadConsultationContext, type ConsultationContext } from "~/web/consultation-context.server";
import { can, type Member } from "~/platform/permissions.server";
import { refuse } from "~/web/guard.server";
import { listPublicSummaries } from "~/summaries/summaries.server";
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
import { formFailure, type FormFailure } from "~/web/form-failures.server";
import { backTo, respondSuccess } from "~/web/respond.server";
import { FormToken } from "~/security/form-guards";
import { rowId } from "~/platform/zod-fields";
import { parseSubmission } from "~/web/forms.server";

export const handle: PageHandle = { title: (t) => t("responses:editor.title") };

/** Only members of the consultation's owning institution get past this. */
function requireResponder(request: Request, context: ConsultationContext): Member & { institutionId: number } {
  const { actor, scope } = context;
  if (!can(actor, "response.publish", scope) || scope.owningInstitutionId === null) {
    refuse(request, actor, "response.publish", scope);
  }
  return { ...(actor as Member), institutionId: scope.owningInstitutionId };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  requireResponder(request, context);
  const { db, consultation: row, language } = context;
  const requested = new URL(request.url).searchParams.get("edit");
  const editLanguage: Language = isSupportedLanguage(requested) ? requested : language;
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

/** A posted row id, or null: ids beyond PostgreSQL's integer would fail the query itself. */
const postedId = rowId("responses:errors.notFound");
const idField = (formData: FormData, name: string) => {
  const parsed = postedId.safeParse(formData.get(name));
  return parsed.success ? parsed.data : null;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  const responder = requireResponder(request, context);
  const formData = await request.formData();
  const { db, consultation: row } = context;
  const notFound = () => formFailure(formData, { fieldErrors: {}, formError: "responses:errors.notFound" }, 404);
  const done = (message: string, anchor: string) =>
    respondSuccess(formData, { redirectTo: backTo(request, anchor), flash: { message }, result: null });

  switch (formData.get("intent")) {
    case "save-response": {
      const parsed = parseSubmission(responseForm, formData);
      if (!parsed.ok) return parsed.answer;
      const responseId = formData.get("responseId") ? idField(formData, "responseId") : undefined;
      if (responseId === null) return notFound();
      const result = await saveResponse(db, {
        ...parsed.data,
        consultationId: row.id,
        institutionId: responder.institutionId,
        userId: responder.userId,
        responseId,
      });
      if (!result.ok) {
        return result.reason === "no-summary"
          ? formFailure(formData, { fieldErrors: {}, formError: "responses:errors.noSummary" }, 409)
          : notFound();
      }
      return done("responses:flash.saved", `edit-response-${result.responseId}`);
    }
    case "publish": {
      const responseId = idField(formData, "responseId");
      if (responseId === null) return notFound();
      const result = await publishResponse(db, { consultationId: row.id, responseId });
      return result.ok ? done("responses:flash.published", `edit-response-${responseId}`) : notFound();
    }
    case "delete-response": {
      const responseId = idField(formData, "responseId");
      if (responseId === null) return notFound();
      // Only a draft goes: a published response is public record (the query refuses the others).
      return (await deleteDraftResponse(db, { consultationId: row.id, responseId }))
        ? done("responses:flash.deleted", "")
        : notFound();
    }
    case "add-commitment": {
      const responseId = idField(formData, "responseId");
      if (responseId === null) return notFound();
      const parsed = parseSubmission(commitmentForm, formData);
      if (!parsed.ok) return parsed.answer;
      const result = await addCommitment(db, {
        ...parsed.data,
        consultationId: row.id,
        responseId,
        userId: responder.userId,
      });
      return result.ok ? done("responses:flash.commitmentAdded", `edit-response-${responseId}`) : notFound();
    }
    case "edit-commitment": {
      const commitmentId = idField(formData, "commitmentId");
      if (commitmentId === null) return notFound();
      const parsed = parseSubmission(commitmentEditForm, formData);
      if (!parsed.ok) return parsed.answer;
      const result = await editCommitment(db, { ...parsed.data, consultationId: row.id, commitmentId });
      return result.ok ? done("responses:flash.commitmentSaved", `commitment-${commitmentId}`) : notFound();
    }
    case "change-status": {
      const commitmentId = idField(formData, "commitmentId");
      if (commitmentId === null) return notFound();
      const parsed = parseSubmission(statusChangeForm, formData);
      if (!parsed.ok) return parsed.answer;
      const result = await changeCommitmentStatus(db, {
        ...parsed.data,
        consultationId: row.id,
        commitmentId,
        userId: responder.userId,
      });
      if (!result.ok) {
        return result.reason === "unchanged"
          ? formFailure(formData, { fieldErrors: { status: "responses:errors.unchanged" } }, 409)
          : notFound();
      }
      return done("responses:flash.statusChanged", `commitment-${commitmentId}`);
    }
    default:
      return formFailure(formData, { fieldErrors: {}, formError: "responses:errors.unknownAction" }, 400);
  }
}

/** The failure, if it came from the form with these hidden values. */
function failureFor(failure: FormFailure | undefined, intent: string, idName?: string, id?: number) {
  if (!failure || failure.values.intent !== intent) return undefined;
  if (idName && failure.values[idName] !== String(id)) return undefined;
  if (!idName && failure.values.responseId) return undefined;
  return failure;
}

function ResponseTextForm({
  editLanguage,
  responseId,
  title,
  body,
  failure,
}: {
  editLanguage: Language;
  responseId?: number;
  title: string;
  body: string;
  failure?: FormFailure;
}) {
  const { t } = useTranslation("responses");
  const prefix = responseId ? `response-${responseId}` : "new-response";
  return (
    <Form method="post" className="stack">
      <FormToken />
      <input type="hidden" name="intent" value="save-response" />
      <input type="hidden" name="language" value={editLanguage} />
      {responseId ? <input type="hidden" name="responseId" value={responseId} /> : null}
      <FormError message={failure?.formError} values={failure?.formErrorValues} />
      <FormField
        id={`${prefix}-title`}
        name="title"
        label={t("editor.fields.title", { language: languageAutonyms[editLanguage] })}
        defaultValue={failure?.values.title ?? title}
        error={failure?.fieldErrors.title}
        lang={editLanguage}
        required
      />
      <TextAreaField
        id={`${prefix}-body`}
        name="body"
        label={t("editor.fields.body", { language: languageAutonyms[editLanguage] })}
        hint={t("editor.fields.bodyHint")}
        defaultValue={failure?.values.body ?? body}
        error={failure?.fieldErrors.body}
        lang={editLanguage}
        rows={10}
        required
      />
      <p>
        <button type="submit" className="button">
          {responseId ? t("editor.save") : t("editor.create")}
        </button>
      </p>
    </Form>
  );
}

/**
 * Deleting a draft, confirmed inside a disclosure so that it takes two deliberate presses and works
 * without JavaScript; it opens again when the deletion failed.
 */
function DeleteDraft({ responseId, failure }: { responseId: number; failure?: FormFailure }) {
  const { t } = useTranslation("responses");
  const deleteFailure = failureFor(failure, "delete-response", "responseId", responseId);
  return (
    <details className="comment__disclosure" open={deleteFailure ? true : undefined}>
      <summary>{t("editor.deleteDraft")}</summary>
      <Form method="post" className="stack">
        <FormToken />
        <input type="hidden" name="intent" value="delete-response" />
        <input type="hidden" name="responseId" value={responseId} />
        <FormError message={deleteFailure?.formError} />
        <p>{t("editor.deleteDraftExplanation")}</p>
        <button type="submit" className="button button--small button--danger">
          {t("editor.deleteDraftConfirm")}
        </button>
      </Form>
    </details>
  );
}

export default function ResponseEditorPage() {
  const { t } = useTranslation("responses");
  const { consultation: c, responses, language, editLanguage, summary } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const statusChoices = commitmentStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }));
  const languageChoices = supportedLanguages.map((code) => ({
    value: code,
    label: languageAutonyms[code],
    lang: code,
  }));
  const unknownFailure = failure && !failure.values.intent ? failure : undefined;
  return (
    <article className="page responses-editor">
      <p>
        <Link to={`/c/${c.slug}`} lang={c.title.language}>
          {c.title.text}
        </Link>{" "}
        · <Link to={`/c/${c.slug}/responses`}>{t("editor.publicLink")}</Link>
      </p>
      <h1>{t("editor.title")}</h1>
      <p className="lead">{t("editor.intro")}</p>
      <FormError message={unknownFailure?.formError} values={unknownFailure?.formErrorValues} />

      <section aria-labelledby="summary-heading" className="card">
        <h2 id="summary-heading">{t("editor.summaryHeading")}</h2>
        {summary ? (
          <SummaryBody segments={summary.segments} textLanguage={summary.language} language={language} />
        ) : (
          <p className="banner">{t("errors.noSummary")}</p>
        )}
      </section>

      <Form method="get" className="inline-form">
        <SelectField
          id="edit-language"
          name="edit"
          label={t("editor.editLanguage")}
          choices={languageChoices}
          defaultValue={editLanguage}
        />
        <button type="submit" className="button button--small">
          {t("editor.switchLanguage")}
        </button>
      </Form>

      <section aria-labelledby="new-response-heading" className="card">
        <h2 id="new-response-heading">{t("editor.newHeading")}</h2>
        <ResponseTextForm editLanguage={editLanguage} title="" body="" failure={failureFor(failure, "save-response")} />
      </section>

      {responses.map((r) => {
        const statusFailure = (id: number) => failureFor(failure, "change-status", "commitmentId", id);
        const commitmentFailure = failureFor(failure, "add-commitment", "responseId", r.id);
        return (
          <section key={r.id} id={`edit-response-${r.id}`} aria-labelledby={`edit-response-${r.id}-heading`}>
            <h2 id={`edit-response-${r.id}-heading`} lang={r.title.language}>
              {r.title.text}
            </h2>
            <p className="card__meta">
              <span className={`publication-status publication-status--${r.status}`}>
                {t(`editor.publication.${r.status}`)}
              </span>
            </p>
            <ResponseTextForm
              editLanguage={editLanguage}
              responseId={r.id}
              title={r.editTitle}
              body={r.editBody}
              failure={failureFor(failure, "save-response", "responseId", r.id)}
            />
            {r.status === "draft" ? (
              <Form method="post">
                <FormToken />
                <input type="hidden" name="intent" value="publish" />
                <input type="hidden" name="responseId" value={r.id} />
                <FormError message={failureFor(failure, "publish", "responseId", r.id)?.formError} />
                <p className="hint">{t("editor.publishHint")}</p>
                <button type="submit" className="button">
                  {t("editor.publish")}
                </button>
              </Form>
            ) : null}
            {r.status === "draft" ? <DeleteDraft responseId={r.id} failure={failure} /> : null}

            <h3>{t("public.commitments")}</h3>
            <ul className="commitments">
              {r.commitments.map((commitment) => {
                const changeFailure = statusFailure(commitment.id);
                const textFailure = failureFor(failure, "edit-commitment", "commitmentId", commitment.id);
                const prefix = `commitment-${commitment.id}`;
                return (
                  <li key={commitment.id} id={prefix} className="card commitment">
                    <CommitmentDetails commitment={commitment} language={language} headingLevel="h4">
                      <Form method="post" className="stack">
                        <FormToken />
                        <input type="hidden" name="intent" value="edit-commitment" />
                        <input type="hidden" name="commitmentId" value={commitment.id} />
                        <input type="hidden" name="language" value={editLanguage} />
                        <FormField
                          id={`${prefix}-what`}
                          name="what"
                          label={t("editor.fields.what", { language: languageAutonyms[editLanguage] })}
                          defaultValue={textFailure?.values.what ?? commitment.editWhat}
                          error={textFailure?.fieldErrors.what}
                          lang={editLanguage}
                          required
                        />
                        <FormField
                          id={`${prefix}-who`}
                          name="who"
                          label={t("editor.fields.who", { language: languageAutonyms[editLanguage] })}
                          hint={t("editor.fields.whoHint")}
                          defaultValue={textFailure?.values.who ?? commitment.editWho}
                          error={textFailure?.fieldErrors.who}
                          lang={editLanguage}
                          required
                        />
                        {commitment.hasReason ? (
                          <FormField
                            id={`${prefix}-why`}
                            name="why"
                            label={t("editor.fields.why", { language: languageAutonyms[editLanguage] })}
                            defaultValue={textFailure?.values.why ?? commitment.editWhy}
                            error={textFailure?.fieldErrors.why}
                            lang={editLanguage}
                          />
                        ) : null}
                        <FormField
                          id={`${prefix}-due`}
                          name="dueOn"
                          type="date"
                          label={t("editor.fields.dueOn")}
                          defaultValue={textFailure?.values.dueOn ?? commitment.dueOn ?? ""}
                          error={textFailure?.fieldErrors.dueOn}
                        />
                        <p>
                          <button type="submit" className="button button--small">
                            {t("editor.saveCommitment")}
                          </button>
                        </p>
                      </Form>
                      <Form method="post" className="stack">
                        <FormToken />
                        <input type="hidden" name="intent" value="change-status" />
                        <input type="hidden" name="commitmentId" value={commitment.id} />
                        <input type="hidden" name="language" value={editLanguage} />
                        <FormError message={changeFailure?.formError} values={changeFailure?.formErrorValues} />
                        <SelectField
                          id={`${prefix}-status`}
                          name="status"
                          label={t("editor.fields.status")}
                          choices={statusChoices}
                          defaultValue={changeFailure?.values.status ?? commitment.status}
                          error={changeFailure?.fieldErrors.status}
                        />
                        <FormField
                          id={`${prefix}-reason`}
                          name="reason"
                          label={t("editor.fields.reason", { language: languageAutonyms[editLanguage] })}
                          hint={t("editor.fields.reasonHint")}
                          defaultValue={changeFailure?.values.reason ?? ""}
                          error={changeFailure?.fieldErrors.reason}
                        />
                        <p>
                          <button type="submit" className="button button--small">
                            {t("editor.changeStatus")}
                          </button>
                        </p>
                      </Form>
                    </CommitmentDetails>
                  </li>
                );
              })}
            </ul>

            <Form method="post" className="stack card">
              <FormToken />
              <h3>{t("editor.addCommitment")}</h3>
              <input type="hidden" name="intent" value="add-commitment" />
              <input type="hidden" name="responseId" value={r.id} />
              <input type="hidden" name="language" value={editLanguage} />
              <FormError message={commitmentFailure?.formError} values={commitmentFailure?.formErrorValues} />
              <TextAreaField
                id={`response-${r.id}-what`}
                name="what"
                label={t("editor.fields.what", { language: languageAutonyms[editLanguage] })}
                defaultValue={commitmentFailure?.values.what ?? ""}
                error={commitmentFailure?.fieldErrors.what}
                lang={editLanguage}
                rows={3}
                required
              />
              <FormField
                id={`response-${r.id}-who`}
                name="who"
                label={t("editor.fields.who", { language: languageAutonyms[editLanguage] })}
                hint={t("editor.fields.whoHint")}
                defaultValue={commitmentFailure?.values.who ?? ""}
                error={commitmentFailure?.fieldErrors.who}
                lang={editLanguage}
                required
              />
              <FormField
                id={`response-${r.id}-due`}
                name="dueOn"
                type="date"
                label={t("editor.fields.dueOn")}
                defaultValue={commitmentFailure?.values.dueOn ?? ""}
                error={commitmentFailure?.fieldErrors.dueOn}
              />
              <p>
                <button type="submit" className="button">
                  {t("editor.addCommitmentButton")}
                </button>
              </p>
            </Form>
          </section>
        );
      })}
    </article>
  );
}
