/** The forms about one response as a whole: its text, its publication, deleting its draft. */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextAreaField } from "~/components/choice-fields";
import { failureFor, FormError, FormField, formFields } from "~/components/form-field";
import { languageAutonyms, type Language } from "~/platform/i18n/config";
import { FormToken } from "~/security/form-guards";
import type { FormFailure } from "~/web/form-failures.server";

/**
 * Hidden fields naming what a form does and to which response. The FormToken stays in each form,
 * where tests/unit/form-token.test.ts reads it.
 */
function ResponseTarget({ intent, responseId }: { intent: string; responseId: number }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="responseId" value={responseId} />
    </>
  );
}

/** A response's title and body in one language; without `responseId`, a new response. */
export function ResponseTextForm({
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
  const language = languageAutonyms[editLanguage];
  const { field } = formFields(failure, { title, body });
  return (
    <Form method="post" className="stack">
      <FormToken />
      <input type="hidden" name="intent" value="save-response" />
      <input type="hidden" name="language" value={editLanguage} />
      {responseId ? <input type="hidden" name="responseId" value={responseId} /> : null}
      <FormError message={failure?.formError} values={failure?.formErrorValues} />
      <FormField
        id={`${prefix}-title`}
        {...field("title")}
        label={t("editor.fields.title", { language })}
        lang={editLanguage}
        required
      />
      <TextAreaField
        id={`${prefix}-body`}
        {...field("body")}
        label={t("editor.fields.body", { language })}
        hint={t("editor.fields.bodyHint")}
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

export function PublishForm({ responseId, failure }: { responseId: number; failure?: FormFailure }) {
  const { t } = useTranslation("responses");
  return (
    <Form method="post">
      <FormToken />
      <ResponseTarget intent="publish" responseId={responseId} />
      <FormError message={failureFor(failure, "publish", { responseId })?.formError} />
      <p className="hint">{t("editor.publishHint")}</p>
      <button type="submit" className="button">
        {t("editor.publish")}
      </button>
    </Form>
  );
}

/**
 * Deleting a draft, confirmed inside a disclosure so that it takes two deliberate presses and works
 * without JavaScript; it opens again when the deletion failed.
 */
export function DeleteDraft({ responseId, failure }: { responseId: number; failure?: FormFailure }) {
  const { t } = useTranslation("responses");
  const deleteFailure = failureFor(failure, "delete-response", { responseId });
  return (
    <details className="comment__disclosure" open={deleteFailure ? true : undefined}>
      <summary>{t("editor.deleteDraft")}</summary>
      <Form method="post" className="stack">
        <FormToken />
        <ResponseTarget intent="delete-response" responseId={responseId} />
        <FormError message={deleteFailure?.formError} />
        <p>{t("editor.deleteDraftExplanation")}</p>
        <button type="submit" className="button button--small button--danger">
          {t("editor.deleteDraftConfirm")}
        </button>
      </Form>
    </details>
  );
}
