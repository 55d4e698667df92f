/** The forms about a response's commitments: add one, edit one's text, change one's status. */
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField } from "~/components/choice-fields";
import { CommitmentDetails } from "~/components/commitment-item";
import { failureFor, FormError, FormField, formFields } from "~/components/form-field";
import { commitmentStatuses } from "~/notifications/notification-text";
import { languageAutonyms } from "~/platform/i18n/config";
import { FormToken } from "~/security/form-guards";
import type { FormFailure } from "~/web/form-failures.server";
import type { loader } from "./route";

type Commitment = ReturnType<typeof useLoaderData<typeof loader>>["responses"][number]["commitments"][number];

/**
 * What a form does, to which row, in the language being edited. Each form draws its own FormToken:
 * tests/unit/form-token.test.ts reads it there.
 */
function TargetFields({ intent, name, id }: { intent: string; name: "responseId" | "commitmentId"; id: number }) {
  const { editLanguage } = useLoaderData<typeof loader>();
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={name} value={id} />
      <input type="hidden" name="language" value={editLanguage} />
    </>
  );
}

/** A commitment as readers see it, with the forms to edit its text and to change its status. */
export function CommitmentForms({ commitment, failure }: { commitment: Commitment; failure?: FormFailure }) {
  const { t } = useTranslation("responses");
  const { language, editLanguage } = useLoaderData<typeof loader>();
  const target = { commitmentId: commitment.id };
  const changeFailure = failureFor(failure, "change-status", target);
  const { field: textField } = formFields(failureFor(failure, "edit-commitment", target), {
    what: commitment.editWhat,
    who: commitment.editWho,
    why: commitment.editWhy,
    dueOn: commitment.dueOn ?? "",
  });
  const { field: statusField } = formFields(changeFailure, { status: commitment.status });
  const prefix = `commitment-${commitment.id}`;
  const inLanguage = { language: languageAutonyms[editLanguage] };
  const statusChoices = commitmentStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }));
  return (
    <CommitmentDetails commitment={commitment} language={language} headingLevel="h4">
      <Form method="post" className="stack">
        <FormToken />
        <TargetFields intent="edit-commitment" name="commitmentId" id={commitment.id} />
        <FormField
          id={`${prefix}-what`}
          {...textField("what")}
          label={t("editor.fields.what", inLanguage)}
          lang={editLanguage}
          required
        />
        <FormField
          id={`${prefix}-who`}
          {...textField("who")}
          label={t("editor.fields.who", inLanguage)}
          hint={t("editor.fields.whoHint")}
          lang={editLanguage}
          required
        />
        {commitment.hasReason ? (
          <FormField
            id={`${prefix}-why`}
            {...textField("why")}
            label={t("editor.fields.why", inLanguage)}
            lang={editLanguage}
          />
        ) : null}
        <FormField {...textField("dueOn")} id={`${prefix}-due`} type="date" label={t("editor.fields.dueOn")} />
        <p>
          <button type="submit" className="button button--small">
            {t("editor.saveCommitment")}
          </button>
        </p>
      </Form>
      <Form method="post" className="stack">
        <FormToken />
        <TargetFields intent="change-status" name="commitmentId" id={commitment.id} />
        <FormError message={changeFailure?.formError} values={changeFailure?.formErrorValues} />
        <SelectField
          id={`${prefix}-status`}
          {...statusField("status")}
          label={t("editor.fields.status")}
          choices={statusChoices}
        />
        <FormField
          id={`${prefix}-reason`}
          {...statusField("reason")}
          label={t("editor.fields.reason", inLanguage)}
          hint={t("editor.fields.reasonHint")}
        />
        <p>
          <button type="submit" className="button button--small">
            {t("editor.changeStatus")}
          </button>
        </p>
      </Form>
    </CommitmentDetails>
  );
}

export function AddCommitmentForm({ responseId, failure }: { responseId: number; failure?: FormFailure }) {
  const { t } = useTranslation("responses");
  const { editLanguage } = useLoaderData<typeof loader>();
  const inLanguage = { language: languageAutonyms[editLanguage] };
  const { field } = formFields(failure);
  return (
    <Form method="post" className="stack card">
      <h3>{t("editor.addCommitment")}</h3>
      <FormToken />
      <TargetFields intent="add-commitment" name="responseId" id={responseId} />
      <FormError message={failure?.formError} values={failure?.formErrorValues} />
      <TextAreaField
        id={`response-${responseId}-what`}
        {...field("what")}
        label={t("editor.fields.what", inLanguage)}
        lang={editLanguage}
        rows={3}
        required
      />
      <FormField
        id={`response-${responseId}-who`}
        {...field("who")}
        label={t("editor.fields.who", inLanguage)}
        hint={t("editor.fields.whoHint")}
        lang={editLanguage}
        required
      />
      <FormField {...field("dueOn")} id={`response-${responseId}-due`} type="date" label={t("editor.fields.dueOn")} />
      <p>
        <button type="submit" className="button">
          {t("editor.addCommitmentButton")}
        </button>
      </p>
    </Form>
  );
}
