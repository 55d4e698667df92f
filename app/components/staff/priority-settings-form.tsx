import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { priorityCategories, productTypes } from "../../../db/vocabulary";
import type { Language } from "~/i18n/config";
import type { FormFailure } from "~/utils/forms.server";
import { SelectField } from "../choice-fields";
import { FormError, FormField } from "../form-field";
import { LocalizedTextFields } from "./localized-text-fields";

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
  const errors = failure?.fieldErrors ?? {};
  const shown = failure?.values ?? values;
  return (
    <Form method="post" className="stack staff-form" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <FormError message={failure?.formError ?? (failure ? "staff:errors.correctBelow" : undefined)} />
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
        name="category"
        label={t("priorities.fields.category")}
        emptyLabel={t("priorities.fields.chooseCategory")}
        choices={priorityCategories.map((value) => ({ value, label: t(`consultation:categories.${value}`) }))}
        defaultValue={shown.category ?? ""}
        error={errors.category}
        required
      />
      <SelectField
        name="productType"
        label={t("priorities.fields.productType")}
        emptyLabel={t("priorities.fields.noProductType")}
        choices={productTypes.map((value) => ({ value, label: t(`consultation:productTypes.${value}`) }))}
        defaultValue={shown.productType ?? ""}
        error={errors.productType}
      />
      <FormField
        name="position"
        type="number"
        inputMode="numeric"
        min={0}
        label={t("priorities.fields.position")}
        hint={t("priorities.fields.positionHint")}
        defaultValue={shown.position}
        error={errors.position}
      />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
