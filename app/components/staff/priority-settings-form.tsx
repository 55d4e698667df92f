import { useTranslation } from "react-i18next";
import { priorityCategories, productTypes } from "~db/vocabulary";
import type { Language } from "~/platform/i18n/config";
import type { FormFailure } from "~/web/form-failures.server";
import { SelectField } from "~/components/choice-fields";
import { formFields, NumberField } from "~/components/form-field";
import { LocalizedTextFields } from "~/components/staff/localized-text-fields";
import { SettingsForm } from "~/components/staff/settings-form";

/** Adding or editing a staff-written priority: its texts in every language, category, product type and place. */
export function PrioritySettingsForm({
  intent,
  values,
  failure,
  defaultLocale,
  submitLabel,
}: {
  intent: string;
  values: Record<string, string>;
  failure?: FormFailure;
  defaultLocale: Language;
  submitLabel: string;
}) {
  const { t } = useTranslation(["staff", "consultation"]);
  const { shown, errors, field } = formFields(failure, values);
  return (
    <SettingsForm intent={intent} failure={failure} submitLabel={submitLabel}>
      <LocalizedTextFields
        fields={[
          { name: "title", label: t("priorities.fields.title"), maxLength: 200 },
          { name: "body", label: t("priorities.fields.body"), maxLength: 5000, rows: 4 },
        ]}
        values={shown}
        errors={errors}
        requiredLanguage={defaultLocale}
      />
      <SelectField
        {...field("category")}
        label={t("priorities.fields.category")}
        emptyLabel={t("priorities.fields.chooseCategory")}
        choices={priorityCategories.map((value) => ({ value, label: t(`consultation:categories.${value}`) }))}
        required
      />
      <SelectField
        {...field("productType")}
        label={t("priorities.fields.productType")}
        emptyLabel={t("priorities.fields.noProductType")}
        choices={productTypes.map((value) => ({ value, label: t(`consultation:productTypes.${value}`) }))}
      />
      <NumberField
        {...field("position")}
        min={0}
        label={t("priorities.fields.position")}
        hint={t("priorities.fields.positionHint")}
      />
    </SettingsForm>
  );
}
