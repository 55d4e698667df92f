import { useTranslation } from "react-i18next";
import type { FormFailure } from "~/web/form-failures.server";
import { failureFor, FormField, formFields } from "~/components/form-field";
import { LocalizedTextFields } from "~/components/staff/localized-text-fields";
import { SettingsForm, SlugField } from "~/components/staff/settings-form";

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
  const saveFailure = failureFor(failure, "save");
  const { shown, errors, field } = formFields(saveFailure, values);
  return (
    <SettingsForm intent="save" failure={saveFailure} submitLabel={submitLabel}>
      <SlugField defaultValue={shown.slug} error={errors.slug} />
      <FormField
        {...field("website")}
        type="url"
        label={t("institutions.fields.website")}
        hint={t("institutions.fields.websiteHint")}
        maxLength={500}
      />
      <LocalizedTextFields
        fields={[{ name: "name", label: t("institutions.fields.name"), maxLength: 200 }]}
        values={shown}
        errors={errors}
        requiredLanguage="en"
      />
    </SettingsForm>
  );
}
