import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormFailure } from "~/utils/forms.server";
import { FormError, FormField } from "../form-field";
import { LocalizedTextFields } from "./localized-text-fields";

export function InstitutionSettingsForm({
  values,
  failure,
  submitLabel,
}: {
  values: Record<string, string>;
  failure?: FormFailure;
  submitLabel: string;
}) {
  const { t } = useTranslation("staff");
  const saveFailure = failure?.values.intent === "save" ? failure : undefined;
  const errors = saveFailure?.fieldErrors ?? {};
  const shown = saveFailure?.values ?? values;
  return (
    <Form method="post" className="stack staff-form" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormError message={saveFailure ? "staff:errors.correctBelow" : undefined} />
      <FormField
        name="slug"
        label={t("form.slug")}
        hint={t("form.slugHint")}
        defaultValue={shown.slug}
        error={errors.slug}
        maxLength={80}
        required
      />
      <FormField
        name="website"
        type="url"
        label={t("institutions.fields.website")}
        hint={t("institutions.fields.websiteHint")}
        defaultValue={shown.website}
        error={errors.website}
        maxLength={500}
      />
      <LocalizedTextFields
        fields={[{ name: "name", label: t("institutions.fields.name"), maxLength: 200 }]}
        values={shown}
        errors={errors}
        requiredLanguage="en"
      />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
