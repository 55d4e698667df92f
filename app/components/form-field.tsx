import { useTranslation } from "react-i18next";

interface FormFieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  /** An i18n key, as sent back by the action. */
  error?: string;
  hint?: string;
}

/** A labelled input with its hint and its error beside it, linked for screen readers. */
export function FormField({ name, label, error, hint, id = name, ...input }: FormFieldProps) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {error ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
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
