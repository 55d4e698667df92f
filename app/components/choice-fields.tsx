import { describedBy, Field, FieldError, Hint } from "~/components/form-field";
import { languageAutonyms, supportedLanguages } from "~/platform/i18n/config";

/**
 * Selects, text areas, radio groups and checkboxes with their hint and error beside them, linked for
 * screen readers the same way as `FormField`. Errors are i18n keys, as sent back by actions.
 */

interface Described {
  label: string;
  hint?: string;
  /** An i18n key. */
  error?: string;
}

export interface Choice {
  value: string;
  label: string;
  /** Set when the label is in another language than the page (language names in their own script). */
  lang?: string;
}

/** `values` as choices, each labelled by `label` (most often a translation). */
export function choicesOf(values: readonly string[], label: (value: string) => string): Choice[] {
  return values.map((value) => ({ value, label: label(value) }));
}

/** The site's languages, each named in itself. */
export const languageChoices: readonly Choice[] = supportedLanguages.map((code) => ({
  value: code,
  label: languageAutonyms[code],
  lang: code,
}));

interface SelectFieldProps extends Described, Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "children"> {
  name: string;
  choices: readonly Choice[];
  /** The first, empty choice ("Not answered", "Choose…"); none when omitted. */
  emptyLabel?: string;
}

export function SelectField({ name, label, hint, error, choices, emptyLabel, id = name, ...select }: SelectFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(described) => (
        <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} {...select}>
          {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value} lang={choice.lang}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

interface TextAreaFieldProps extends Described, React.TextareaHTMLAttributes<HTMLTextAreaElement> {
  name: string;
}

export function TextAreaField({ name, label, hint, error, id = name, ...textarea }: TextAreaFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(described) => (
        <textarea
          id={id}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          {...textarea}
        />
      )}
    </Field>
  );
}

interface ChoiceGroupProps extends Described {
  name: string;
  choices: readonly Choice[];
  /** Prefixes the ids of the hint and error; give one when the same group appears more than once on a page. */
  id?: string;
}

/**
 * One question, its answers as radio buttons or checkboxes in a fieldset whose legend is the
 * question: the shell `RadioGroup` and `CheckboxGroup` share.
 */
function ChoiceGroup({
  type,
  name,
  label,
  hint,
  error,
  choices,
  id = `${name}-group`,
  isChecked,
  onChange,
}: ChoiceGroupProps & {
  type: "radio" | "checkbox";
  isChecked: (value: string) => boolean;
  onChange?: (value: string) => void;
}) {
  return (
    <fieldset
      className={error ? "choices choices--invalid" : "choices"}
      aria-describedby={describedBy(id, { hint, error })}
    >
      <legend>{label}</legend>
      <Hint id={id} hint={hint} />
      {choices.map((choice) => (
        <label key={choice.value} className="choice">
          <input
            type={type}
            name={name}
            value={choice.value}
            defaultChecked={isChecked(choice.value)}
            onChange={onChange ? () => onChange(choice.value) : undefined}
          />{" "}
          <span lang={choice.lang}>{choice.label}</span>
        </label>
      ))}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

interface RadioGroupProps extends ChoiceGroupProps {
  defaultValue?: string;
  onChange?: (value: string) => void;
}

/** One question, one answer. */
export function RadioGroup({ defaultValue, ...group }: RadioGroupProps) {
  return <ChoiceGroup type="radio" isChecked={(value) => value === defaultValue} {...group} />;
}

interface CheckboxGroupProps extends ChoiceGroupProps {
  checked: readonly string[];
}

/** One question, several answers: each ticked one is posted under `name`. */
export function CheckboxGroup({ checked, ...group }: CheckboxGroupProps) {
  return <ChoiceGroup type="checkbox" isChecked={(value) => checked.includes(value)} {...group} />;
}

interface CheckboxFieldProps extends Described {
  name: string;
  defaultChecked: boolean;
}

/** Posts "yes" when ticked and nothing when not. */
export function CheckboxField({ name, label, hint, error, defaultChecked }: CheckboxFieldProps) {
  return (
    <div className={error ? "checkbox-field choices--invalid" : "checkbox-field"}>
      <input
        type="checkbox"
        id={name}
        name={name}
        value="yes"
        defaultChecked={defaultChecked}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, { hint, error })}
      />
      <label htmlFor={name}>{label}</label>
      <Hint id={name} hint={hint} />
      <FieldError id={name} error={error} />
    </div>
  );
}
