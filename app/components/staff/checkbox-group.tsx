import { describedBy, FieldError, Hint } from "../form-field";
import type { Choice } from "../choice-fields";

/** Several answers to one question, as checkboxes in a fieldset whose legend is the question. */
export function CheckboxGroup({
  name,
  label,
  hint,
  error,
  choices,
  checked,
}: {
  name: string;
  label: string;
  hint?: string;
  /** An i18n key. */
  error?: string;
  choices: readonly Choice[];
  checked: readonly string[];
}) {
  const id = `${name}-group`;
  return (
    <fieldset
      className={error ? "choices choices--invalid" : "choices"}
      aria-describedby={describedBy(id, { hint, error })}
    >
      <legend>{label}</legend>
      <Hint id={id} hint={hint} />
      {choices.map((choice) => (
        <label key={choice.value} className="choice">
          <input type="checkbox" name={name} value={choice.value} defaultChecked={checked.includes(choice.value)} />{" "}
          <span lang={choice.lang}>{choice.label}</span>
        </label>
      ))}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
