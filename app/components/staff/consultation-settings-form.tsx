import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { regionalEconomicCommunities } from "../../../db/vocabulary";
import { languageAutonyms, supportedLanguages, type Language } from "~/i18n/config";
import { moderationModes, resultsVisibilities, splitListValue } from "~/staff/staff-forms";
import type { FormFailure } from "~/utils/forms.server";
import { CheckboxGroup, RadioGroup, SelectField } from "../choice-fields";
import { FormError, FormField } from "../form-field";
import { LocalizedTextFields } from "./localized-text-fields";

export interface NamedOption {
  value: string;
  label: string;
}

/** Creating and editing a consultation: one plain form, the same on both pages. */
export function ConsultationSettingsForm({
  values,
  failure,
  countries,
  institutions,
  submitLabel,
}: {
  values: Record<string, string>;
  failure?: FormFailure;
  countries: readonly NamedOption[];
  institutions: readonly NamedOption[];
  submitLabel: string;
}) {
  const { t } = useTranslation("staff");
  const errors = failure?.fieldErrors ?? {};
  const shown = failure?.values ?? values;
  const defaultLocale = (supportedLanguages as readonly string[]).includes(shown.defaultLocale ?? "")
    ? (shown.defaultLocale as Language)
    : undefined;
  return (
    <Form method="post" className="stack staff-form" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormError message={failure?.formError ?? (failure ? "staff:errors.correctBelow" : undefined)} />
      <FormField
        name="slug"
        label={t("form.slug")}
        hint={t("form.slugHint")}
        defaultValue={shown.slug}
        error={errors.slug}
        maxLength={80}
        required
      />
      <SelectField
        name="defaultLocale"
        label={t("form.defaultLocale")}
        hint={t("form.defaultLocaleHint")}
        choices={supportedLanguages.map((code) => ({ value: code, label: languageAutonyms[code], lang: code }))}
        defaultValue={shown.defaultLocale}
        error={errors.defaultLocale}
      />

      <section aria-labelledby="texts-heading" className="staff-form__section">
        <h2 id="texts-heading">{t("form.textsHeading")}</h2>
        <LocalizedTextFields
          fields={[
            { name: "title", label: t("form.title"), maxLength: 200 },
            { name: "summary", label: t("form.summary"), maxLength: 1000, rows: 3 },
            { name: "context", label: t("form.context"), maxLength: 10_000, rows: 6 },
          ]}
          values={shown}
          errors={errors}
          requiredLanguage={defaultLocale}
        />
      </section>

      <section aria-labelledby="region-heading" className="staff-form__section">
        <h2 id="region-heading">{t("form.regionHeading")}</h2>
        <SelectField
          name="regionCountries"
          label={t("form.countries")}
          hint={t("form.countriesHint")}
          choices={countries}
          multiple
          size={8}
          defaultValue={splitListValue(shown.regionCountries)}
          error={errors.regionCountries}
        />
        <CheckboxGroup
          name="regionCommunities"
          label={t("form.communities")}
          choices={regionalEconomicCommunities.map((code) => ({ value: code, label: t(`communities.${code}`) }))}
          checked={splitListValue(shown.regionCommunities)}
          error={errors.regionCommunities}
        />
      </section>

      <section aria-labelledby="schedule-heading" className="staff-form__section">
        <h2 id="schedule-heading">{t("form.scheduleHeading")}</h2>
        <FormField
          name="opensAt"
          type="datetime-local"
          label={t("form.opensAt")}
          hint={t("form.utcHint")}
          defaultValue={shown.opensAt}
          error={errors.opensAt}
        />
        <FormField
          name="closesAt"
          type="datetime-local"
          label={t("form.closesAt")}
          hint={t("form.utcHint")}
          defaultValue={shown.closesAt}
          error={errors.closesAt}
        />
      </section>

      <section aria-labelledby="rules-heading" className="staff-form__section">
        <h2 id="rules-heading">{t("form.rulesHeading")}</h2>
        <RadioGroup
          name="moderationMode"
          label={t("form.moderationMode")}
          choices={moderationModes.map((value) => ({ value, label: t(`moderationModes.${value}`) }))}
          defaultValue={shown.moderationMode}
          error={errors.moderationMode}
        />
        <RadioGroup
          name="resultsVisibility"
          label={t("form.resultsVisibility")}
          choices={resultsVisibilities.map((value) => ({ value, label: t(`resultsVisibilities.${value}`) }))}
          defaultValue={shown.resultsVisibility}
          error={errors.resultsVisibility}
        />
        <FormField
          name="ballotBudget"
          type="number"
          inputMode="numeric"
          min={1}
          label={t("form.ballotBudget")}
          hint={t("form.ballotBudgetHint")}
          defaultValue={shown.ballotBudget}
          error={errors.ballotBudget}
        />
        <FormField
          name="flagThreshold"
          type="number"
          inputMode="numeric"
          min={1}
          label={t("form.flagThreshold")}
          hint={t("form.flagThresholdHint")}
          defaultValue={shown.flagThreshold}
          error={errors.flagThreshold}
        />
      </section>

      <section aria-labelledby="institutions-heading" className="staff-form__section">
        <h2 id="institutions-heading">{t("form.institutionsHeading")}</h2>
        <SelectField
          name="owningInstitutionId"
          label={t("form.owningInstitution")}
          emptyLabel={t("form.noInstitution")}
          choices={institutions}
          defaultValue={shown.owningInstitutionId ?? ""}
          error={errors.owningInstitutionId}
        />
        <CheckboxGroup
          name="followingInstitutionIds"
          label={t("form.followingInstitutions")}
          hint={t("form.followingInstitutionsHint")}
          choices={institutions}
          checked={splitListValue(shown.followingInstitutionIds)}
          error={errors.followingInstitutionIds}
        />
      </section>

      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
