import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/choice-fields";
import { failureFor, FormError } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { SummaryBody } from "~/components/summary-body";
import { isSupportedLanguage, languageAutonyms, supportedLanguages } from "~/platform/i18n/config";
import { loadConsultationContext, loadConsultationContextOnce } from "~/web/consultation-context.server";
import type { FormFailure } from "~/web/form-failures.server";
import { AddCommitmentForm, CommitmentForms } from "./__commitment-forms";
import { DeleteDraft, PublishForm, ResponseTextForm } from "./__response-forms";
import {
  addCommitmentTo,
  changeStatus,
  deleteDraft,
  editCommitmentText,
  loadResponseEditor,
  publish,
  refused,
  requireResponder,
  saveResponseText,
} from "./editor.server";

export const handle: PageHandle = { title: (t) => t("responses:editor.title") };

export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const context = await loadConsultationContextOnce(args);
  requireResponder(request, context);
  const requested = new URL(request.url).searchParams.get("edit");
  return loadResponseEditor(context, isSupportedLanguage(requested) ? requested : context.language);
}

const handlers = {
  "save-response": saveResponseText,
  publish,
  "delete-response": deleteDraft,
  "add-commitment": addCommitmentTo,
  "edit-commitment": editCommitmentText,
  "change-status": changeStatus,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  const responder = requireResponder(request, context);
  const formData = await request.formData();
  const intent = String(formData.get("intent"));
  if (!Object.hasOwn(handlers, intent)) return refused(formData, "unknownAction", 400);
  return handlers[intent as keyof typeof handlers]({ request, context, responder, formData });
}

export default function ResponseEditorPage() {
  const { t } = useTranslation("responses");
  const { consultation: c, responses, language, editLanguage, summary } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const languageChoices = supportedLanguages.map((code) => ({
    value: code,
    label: languageAutonyms[code],
    lang: code,
  }));
  const unknownFailure = failure && !failure.values.intent ? failure : undefined;
  const saveFailure = failureFor(failure, "save-response");
  return (
    <article className="page responses-editor">
      <p>
        <Link to={`/c/${c.slug}/responses`}>{t("editor.publicLink")}</Link>
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
        <ResponseTextForm
          editLanguage={editLanguage}
          title=""
          body=""
          // A new response's form posts no id: a refused save of an existing response is not its own.
          failure={saveFailure?.values.responseId ? undefined : saveFailure}
        />
      </section>

      {responses.map((r) => (
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
            failure={failureFor(failure, "save-response", { responseId: r.id })}
          />
          {r.status === "draft" ? <PublishForm responseId={r.id} failure={failure} /> : null}
          {r.status === "draft" ? <DeleteDraft responseId={r.id} failure={failure} /> : null}

          <h3>{t("public.commitments")}</h3>
          <ul className="commitments">
            {r.commitments.map((commitment) => (
              <li key={commitment.id} id={`commitment-${commitment.id}`} className="card commitment">
                <CommitmentForms commitment={commitment} failure={failure} />
              </li>
            ))}
          </ul>

          <AddCommitmentForm responseId={r.id} failure={failureFor(failure, "add-commitment", { responseId: r.id })} />
        </section>
      ))}
    </article>
  );
}
