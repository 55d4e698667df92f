import { useId } from "react";
import { useTranslation } from "react-i18next";
import { languageAutonyms, supportedLanguages, textDirection, type Language } from "~/platform/i18n/config";
import { localeCompleteness, type LocaleCompleteness } from "~/staff/completeness";
import { localizedFieldName, localizedFromValues } from "~/staff/staff-forms";
import { TextAreaField } from "~/components/choice-fields";
import { FormField } from "~/components/form-field";

export interface LocalizedFieldSpec {
  name: string;
  label: string;
  maxLength: number;
  /** Rows of a text area; a one-line input when omitted. */
  rows?: number;
}

/** "Français: 2 of 3 texts", "English: complete", "العربية: missing". */
export function CompletenessLabel({
  completeness,
  withLanguage = true,
}: {
  completeness: LocaleCompleteness;
  /** Without the language's name, where it is already said beside the label. */
  withLanguage?: boolean;
}) {
  const { t } = useTranslation("staff");
  const { language, status, filled, total } = completeness;
  const key = withLanguage ? `completeness.${status}` : `completeness.short.${status}`;
  return (
    <span className={`completeness completeness--${status}`}>
      {t(key, { language: languageAutonyms[language], filled, total })}
    </span>
  );
}

/**
 * The texts of a staff form in every language, each language in its own group that says how
 * complete it is. Inputs carry the language they are written in, so they lay out and are read
 * aloud in it.
 */
export function LocalizedTextFields({
  fields,
  values,
  errors,
  requiredLanguage,
}: {
  fields: readonly LocalizedFieldSpec[];
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  /** The language whose texts must be written (the default one). */
  requiredLanguage?: Language;
}) {
  const { t } = useTranslation("staff");
  const headingId = useId();
  const completeness = localeCompleteness(fields.map((field) => localizedFromValues(field.name, values)));
  return (
    <div className="localized-texts">
      <p id={headingId} className="completeness-list__label">
        {t("completeness.heading")}
      </p>
      <ul className="completeness-list" aria-labelledby={headingId}>
        {completeness.map((item) => (
          <li key={item.language}>
            <CompletenessLabel completeness={item} />
          </li>
        ))}
      </ul>
      {supportedLanguages.map((language, index) => (
        <fieldset key={language} className="localized-texts__language">
          <legend>
            <span lang={language}>{languageAutonyms[language]}</span>
            {language === requiredLanguage ? ` (${t("completeness.required")})` : null} —{" "}
            <CompletenessLabel completeness={completeness[index]!} withLanguage={false} />
          </legend>
          {fields.map((field) => {
            const name = localizedFieldName(field.name, language);
            const common = {
              name,
              label: t("completeness.fieldIn", { field: field.label, language: languageAutonyms[language] }),
              defaultValue: values[name] ?? "",
              error: errors[name],
              maxLength: field.maxLength,
              lang: language,
              dir: textDirection(language),
            };
            return field.rows ? (
              <TextAreaField key={name} {...common} rows={field.rows} />
            ) : (
              <FormField key={name} {...common} />
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
