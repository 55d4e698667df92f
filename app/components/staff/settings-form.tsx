import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormFailure } from "~/web/form-failures.server";
import { FormError, FormField } from "~/components/form-field";
import { FormToken } from "~/security/form-guards";

/**
 * The frame of a staff settings form (consultation, institution, priority): a plain post naming its
 * intent, the refusal on top, the fields, one submit button.
 */
export function SettingsForm({
  intent,
  failure,
  submitLabel,
  children,
}: {
  intent: string;
  /** What the action sent back, when it was about this form. */
  failure?: FormFailure;
  submitLabel: string;
  children: React.ReactNode;
}) {
  return (
    <Form method="post" className="stack staff-form" noValidate>
      <FormToken />
      <input type="hidden" name="intent" value={intent} />
      <FormError message={failure?.formError ?? (failure ? "staff:errors.correctBelow" : undefined)} />
      {children}
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}

/** The short name in the page's address (/staff/consultations/<slug>). */
export function SlugField({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  const { t } = useTranslation("staff");
  return (
    <FormField
      name="slug"
      label={t("form.slug")}
      hint={t("form.slugHint")}
      defaultValue={defaultValue}
      error={error}
      maxLength={80}
      required
    />
  );
}
