/** The forms about a response's commitments: add one, edit one's text, change one's status. */
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextAreaField } from "~/components/choice-fields";
import { CommitmentDetails } from "~/components/commitment-item";
import { failureFor, FormError, FormField } from "~/components/form-field";
import { commitmentStatuses } from "~/notifications/notification-text";
import { languageAutonyms } from "~/platform/i18n/config";
import { FormToken } from "~/security/form-guards";
import type { FormFailure } from "~/web/form-failures.server";
import type { loader } from "./route";

type Commitment = ReturnType<typeof useLoaderData<typeof loader>>["responses"][number]["commitments"][number];

/** What a form does, to which row, in the language being edited. */
function TargetFields({ intent, name, id }: { intent: string; name: "responseId" | "commitmentId"; id: number }) {
  const { editLanguage } = useLoaderData<typeof loader>();
  return (
    <>
      <FormToken />
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
  const textFailure = failureFor(failure, "edit-commitment", target);
  const changeFailure = failureFor(failure, "change-status", target);
  const prefix = `commitment-${commitment.id}`;
  const inLanguage = { language: languageAutonyms[editLanguage] };
  const statusChoices = commitmentStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }));
  return (
    <CommitmentDetails commitment={commitment} language={language} headingLevel="h4">
      <Form method="post" className="stack">
        <TargetFields intent="edit-commitment" name="commitmentId" id={commitment.id} />
        <FormField
          id={`${prefix}-what`}
          name="what"
          label={t("editor.fields.what", inLanguage)}
          defaultValue={textFailure?.values.what ?? commitment.editWhat}
          error={textFailure?.fieldErrors.what}
          lang={editLanguage}
          required
        />
        <FormField
          id={`${prefix}-who`}
          name="who"
          label={t("editor.fields.who", inLanguage)}
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
            label={t("editor.fields.why", inLanguage)}
            defaultValue={textFailure?.values.why ?? commitment.editWhy}
            error={textFailure?.fieldErrors.why}
            lang={editLanguage}
          />
        ) : null}
        <DueOnField id={`${prefix}-due`} failure={textFailure} defaultValue={commitment.dueOn ?? ""} />
        <p>
          <button type="submit" className="button button--small">
            {t("editor.saveCommitment")}
          </button>
        </p>
      </Form>
      <Form method="post" className="stack">
        <TargetFields intent="change-status" name="commitmentId" id={commitment.id} />
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
          label={t("editor.fields.reason", inLanguage)}
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
  );
}

function DueOnField({ id, failure, defaultValue }: { id: string; failure?: FormFailure; defaultValue: string }) {
  const { t } = useTranslation("responses");
  return (
    <FormField
      id={id}
      name="dueOn"
      type="date"
      label={t("editor.fields.dueOn")}
      defaultValue={failure?.values.dueOn ?? defaultValue}
      error={failure?.fieldErrors.dueOn}
    />
  );
}

export function AddCommitmentForm({ responseId, failure }: { responseId: number; failure?: FormFailure }) {
  const { t } = useTranslation("responses");
  const { editLanguage } = useLoaderData<typeof loader>();
  const inLanguage = { language: languageAutonyms[editLanguage] };
  return (
    <Form method="post" className="stack card">
      <h3>{t("editor.addCommitment")}</h3>
      <TargetFields intent="add-commitment" name="responseId" id={responseId} />
      <FormError message={failure?.formError} values={failure?.formErrorValues} />
      <TextAreaField
        id={`response-${responseId}-what`}
        name="what"
        label={t("editor.fields.what", inLanguage)}
        defaultValue={failure?.values.what ?? ""}
        error={failure?.fieldErrors.what}
        lang={editLanguage}
        rows={3}
        required
      />
      <FormField
        id={`response-${responseId}-who`}
        name="who"
        label={t("editor.fields.who", inLanguage)}
        hint={t("editor.fields.whoHint")}
        defaultValue={failure?.values.who ?? ""}
        error={failure?.fieldErrors.who}
        lang={editLanguage}
        required
      />
      <DueOnField id={`response-${responseId}-due`} failure={failure} defaultValue="" />
      <p>
        <button type="submit" className="button">
          {t("editor.addCommitmentButton")}
        </button>
      </p>
    </Form>
  );
}
