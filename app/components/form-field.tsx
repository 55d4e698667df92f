import { useTranslation } from "react-i18next";
import type { FormFailure } from "~/utils/forms.server";

/**
 * Form fields with their hint and error beside them, linked for screen readers. Errors are i18n
 * keys, as sent back by actions. `Field` is the shell every kind of control uses.
 */

/** The ids a control's aria-describedby names: its hint and its error, when there are any. */
export function describedBy(id: string, { hint, error }: { hint?: string; error?: string }): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function Hint({ id, hint }: { id: string; hint?: string }) {
  return hint ? (
    <p id={`${id}-hint`} className="field__hint">
      {hint}
    </p>
  ) : null;
}

export function FieldError({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation();
  return error ? (
    <p id={`${id}-error`} className="field__error" role="alert">
      {t(error)}
    </p>
  ) : null;
}

/** A label, a hint, the control (given the ids it is described by) and its error. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => React.ReactNode;
}) {
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
      {children(describedBy(id, { hint, error }))}
      <FieldError id={id} error={error} />
    </div>
  );
}

interface FormFieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  /** An i18n key, as sent back by the action. */
  error?: string;
  hint?: string;
}

export function FormField({ name, label, error, hint, id = name, ...input }: FormFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(described) => (
        <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      )}
    </Field>
  );
}

/** A whole number, with the keypad that types one. */
export function NumberField(props: Omit<FormFieldProps, "type" | "inputMode">) {
  return <FormField type="number" inputMode="numeric" {...props} />;
}

/**
 * What a form shows: what a refused post sent back (typed values and errors) when there is one,
 * else `values`. `field(name)` gives a control its name, value and error.
 */
export function formFields(failure: FormFailure | undefined, values: Record<string, string> = {}) {
  const shown = failure?.values ?? values;
  const errors = failure?.fieldErrors ?? {};
  const field = (name: string) => ({ name, defaultValue: shown[name] ?? "", error: errors[name] });
  return { shown, errors, field };
}

export function FormError({ message, values }: { message?: string; values?: Record<string, string | number> }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {t(message, values)}
    </p>
  );
}
