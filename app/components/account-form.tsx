import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, FormField } from "~/components/form-field";
import { FormToken } from "~/security/form-guards";
import type { FormFailure } from "~/web/form-failures.server";

/**
 * The forms of the account pages (signing in and up, passwords, e-mail checks, the second factor,
 * deleting the account): one shape so they all post without JavaScript, sum up a refusal the same
 * way and cannot be sent twice while a post is on its way.
 */

/** The submit button, disabled while the page is posting. */
export function SubmitButton({ label, className = "button" }: { label: string; className?: string }) {
  const busy = useNavigation().state === "submitting";
  return (
    <button type="submit" className={className} disabled={busy}>
      {label}
    </button>
  );
}

/**
 * A posted account form: the form token, the error summary of `failure` (none without one, for forms
 * whose errors only sit by their field), the `hidden` values (an `intent`, a token from the link…), the fields and the
 * button that says `submit`.
 */
export function AccountForm({
  submit,
  failure,
  hidden = {},
  action,
  className = "stack",
  buttonClassName,
  fieldIds,
  children,
}: {
  submit: string;
  failure?: FormFailure;
  /** The ids of fields whose id is not their name, for the error summary's links. */
  fieldIds?: Record<string, string>;
  hidden?: Record<string, string>;
  action?: string;
  className?: string;
  buttonClassName?: string;
  children?: React.ReactNode;
}) {
  return (
    <Form method="post" action={action} className={className} noValidate>
      <FormToken />
      <FormError failure={failure} fieldIds={fieldIds} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <SubmitButton label={submit} className={buttonClassName} />
    </Form>
  );
}

type FieldProps = Omit<React.ComponentProps<typeof FormField>, "name" | "type" | "autoComplete"> & { name?: string };

/** The account's e-mail address, refilled after a refused post. */
export function EmailField({ failure, hint }: { failure?: FormFailure; hint?: string }) {
  const { t } = useTranslation("auth");
  return (
    <FormField
      name="email"
      type="email"
      autoComplete="email"
      label={t("fields.email")}
      hint={hint}
      defaultValue={failure?.values.email}
      error={failure?.fieldErrors.email}
      required
    />
  );
}

/**
 * A password, never refilled. A `chosen` one is being set, so password managers offer to make one
 * up; any other proves who is typing and they offer the saved one.
 */
export function PasswordField({ name = "password", chosen = false, ...field }: FieldProps & { chosen?: boolean }) {
  return (
    <FormField
      name={name}
      type="password"
      autoComplete={chosen ? "new-password" : "current-password"}
      required
      {...field}
    />
  );
}

/** A new password on the pages of signing up and resetting one: at least 8 characters, as the hint says. */
export function NewPasswordField({ label, failure }: { label: string; failure?: FormFailure }) {
  const { t } = useTranslation("auth");
  return (
    <PasswordField
      chosen
      label={label}
      hint={t("fields.newPasswordHint")}
      error={failure?.fieldErrors.password}
      minLength={8}
    />
  );
}

/** The code of the authenticator app, with the keypad that types it and the one-time-code autofill. */
export function AppCodeField({ id, error }: { id?: string; error?: string }) {
  const { t } = useTranslation("security");
  return (
    <FormField
      name="code"
      id={id}
      label={t("fields.appCode")}
      hint={t("fields.appCodeHint")}
      inputMode="numeric"
      autoComplete="one-time-code"
      error={error}
      required
    />
  );
}
