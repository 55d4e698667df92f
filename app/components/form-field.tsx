import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { FormFailure } from "~/web/form-failures.server";

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

/**
 * The refused post if it came from this form and no other on the page (decision 0042): same
 * `intent`, and for one form among many (one per comment, per token…) the same hidden values in
 * `from`, e.g. `{ commentId: 12 }`.
 */
export function failureFor(
  failure: FormFailure | undefined,
  intent: string,
  from: Record<string, string | number> = {},
): FormFailure | undefined {
  if (failure?.values.intent !== intent) return undefined;
  const fromThisForm = Object.entries(from).every(([name, value]) => failure.values[name] === String(value));
  return fromThisForm ? failure : undefined;
}

/** Whether an action's answer is a refused form that has something to show. */
export function isFormFailure(value: unknown): value is FormFailure {
  if (!value || typeof value !== "object" || !("fieldErrors" in value)) return false;
  const failure = value as FormFailure;
  return Boolean(failure.formError) || Object.keys(failure.fieldErrors ?? {}).length > 0;
}

/**
 * The error summary at the top of a form (the GOV.UK pattern, decision 0032): a heading, the form's
 * own error, and a link to each field in error, which moves focus to the field. It takes focus when it
 * appears: without JavaScript through `autofocus` in the page's HTML, with JavaScript (a post that
 * does not reload the page) from an effect, each time a new answer arrives. The page title then
 * starts with "Error:" (app/components/page-title.tsx).
 *
 * `failure` is the action's answer; `message`/`values` a form error the page picked itself;
 * `fieldIds` the ids of fields whose id is not their name.
 */
export function FormError({
  failure,
  message = failure?.formError,
  values = failure?.formErrorValues,
  fieldErrors = failure?.fieldErrors,
  fieldIds = {},
}: {
  failure?: FormFailure;
  message?: string;
  values?: Record<string, string | number>;
  fieldErrors?: Record<string, string>;
  fieldIds?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const fields = Object.entries(fieldErrors ?? {}).filter(([name, error]) => name !== "form" && error);
  const shown = Boolean(message) || fields.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, failure, message, fieldErrors]);
  if (!shown) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" aria-labelledby={headingId} tabIndex={-1} autoFocus>
      <h2 id={headingId} className="error-summary__title">
        {t("common:errorSummary.title")}
      </h2>
      {message ? <p className="form-error">{t(message, values)}</p> : null}
      {fields.length > 0 ? (
        <ul className="error-summary__list">
          {fields.map(([name, error]) => (
            <li key={name}>
              <a href={`#${fieldIds[name] ?? name}`}>{t(error)}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * The form-level error of a refused post, if it has one, where the form is small enough not to
 * need the error summary (a vote, a flag, a comment). `id` lets the form be described by it.
 */
export function InlineFormError({ failure, id }: { failure?: FormFailure; id?: string }) {
  const { t } = useTranslation();
  if (!failure?.formError) return null;
  return (
    <p id={id} className="form-error" role="alert">
      {t(failure.formError, failure.formErrorValues)}
    </p>
  );
}

/**
 * What a form that succeeded says (issue 18, item 3): it takes focus, without JavaScript through
 * `autofocus`, with it when it appears, so the pressed (and now disabled or gone) button does not
 * leave the keyboard on <body>. The root's navigation focus (app/root.tsx) prefers it to the h1.
 */
export function Confirmation({ children, className = "notice" }: { children: React.ReactNode; className?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  // React applies autoFocus itself only to form controls: focus a confirmation shown in place here.
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} className={className} role="status" tabIndex={-1} autoFocus data-confirmation="">
      {children}
    </p>
  );
}
