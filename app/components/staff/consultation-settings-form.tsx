import { useTranslation } from "react-i18next";
import { regionalEconomicCommunities } from "~db/vocabulary";
import { languageAutonyms, supportedLanguages, type Language } from "~/platform/i18n/config";
import { moderationModes, resultsVisibilities, splitListValue } from "~/staff/staff-forms";
import type { FormFailure } from "~/web/form-failures.server";
import { CheckboxGroup, choicesOf, RadioGroup, SelectField } from "~/components/choice-fields";
import { FormField, formFields, NumberField } from "~/components/form-field";
import { LocalizedTextFields } from "~/components/staff/localized-text-fields";
import { SettingsForm, SlugField } from "~/components/staff/settings-form";

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
  const { shown, errors, field } = formFields(failure, values);
  const defaultLocale = (supportedLanguages as readonly string[]).includes(shown.defaultLocale ?? "")
    ? (shown.defaultLocale as Language)
    : undefined;
  return (
    <SettingsForm intent="save" failure={failure} submitLabel={submitLabel}>
      <SlugField defaultValue={shown.slug} error={errors.slug} />
      <SelectField
        {...field("defaultLocale")}
        label={t("form.defaultLocale")}
        hint={t("form.defaultLocaleHint")}
        choices={supportedLanguages.map((code) => ({ value: code, label: languageAutonyms[code], lang: code }))}
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
        <FormField {...field("opensAt")} type="datetime-local" label={t("form.opensAt")} hint={t("form.utcHint")} />
        <FormField {...field("closesAt")} type="datetime-local" label={t("form.closesAt")} hint={t("form.utcHint")} />
      </section>

      <section aria-labelledby="rules-heading" className="staff-form__section">
        <h2 id="rules-heading">{t("form.rulesHeading")}</h2>
        <RadioGroup
          {...field("moderationMode")}
          label={t("form.moderationMode")}
          choices={choicesOf(moderationModes, (value) => t(`moderationModes.${value}`))}
        />
        <RadioGroup
          {...field("resultsVisibility")}
          label={t("form.resultsVisibility")}
          choices={choicesOf(resultsVisibilities, (value) => t(`resultsVisibilities.${value}`))}
        />
        {(["ballotBudget", "flagThreshold"] as const).map((name) => (
          <NumberField key={name} {...field(name)} min={1} label={t(`form.${name}`)} hint={t(`form.${name}Hint`)} />
        ))}
      </section>

      <section aria-labelledby="institutions-heading" className="staff-form__section">
        <h2 id="institutions-heading">{t("form.institutionsHeading")}</h2>
        <SelectField
          {...field("owningInstitutionId")}
          label={t("form.owningInstitution")}
          emptyLabel={t("form.noInstitution")}
          choices={institutions}
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
    </SettingsForm>
  );
}
