import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, FormField } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { StaffPage } from "~/components/staff/staff-page";
import { getDb } from "~/platform/db.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { requireAbility } from "~/web/guard.server";
import { MAX_RETENTION_DAYS, retentionKinds } from "~/privacy/retention";
import { loadRetention, retentionForm, saveRetention } from "~/privacy/retention.server";
import { FormToken } from "~/security/form-guards";
import { redirectWithFlash } from "~/web/flash.server";
import { formatDate } from "~/platform/format";
import { formFailure, parseForm, type FormFailure } from "~/web/form-failures.server";

export const handle: PageHandle = { title: (t) => t("privacy:retention.title") };

/** How long personal traces are kept (issue 14 item 8): admins only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "retention.manage", null);
  const [language, retention] = await Promise.all([getLanguage(request), loadRetention(await getDb())]);
  return {
    values: {
      sessionsDays: String(retention.sessionsDays),
      rateLimitDays: String(retention.rateLimitDays),
      mailDays: String(retention.mailDays),
    },
    updated: retention.updatedAt ? formatDate(retention.updatedAt, language) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireAbility(request, "retention.manage", null);
  if (actor.kind !== "member") throw new Response("Forbidden", { status: 403 });
  const formData = await request.formData();
  const parsed = parseForm(retentionForm, formData);
  if (!parsed.ok) {
    return formFailure(formData, { fieldErrors: parsed.fieldErrors, formError: "privacy:retention.errors.summary" });
  }
  await saveRetention(await getDb(), parsed.data, actor.userId);
  return redirectWithFlash("/staff/retention", { message: "privacy:retention.saved" });
}

export default function RetentionPage() {
  const { t } = useTranslation(["privacy", "staff"]);
  const { values: stored, updated } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const busy = useNavigation().state === "submitting";
  const values: Record<string, string> = failure?.values ?? stored;
  return (
    <StaffPage backTo="/staff" backLabel={t("staff:backToConsole")}>
      <h1>{t("retention.title")}</h1>
      <p className="lead">{t("retention.intro")}</p>
      <p>{updated ? t("retention.updated", { date: updated }) : t("retention.defaults")}</p>
      <Form method="post" className="stack" noValidate>
        <FormToken />
        <FormError message={failure?.formError} />
        {retentionKinds.map((kind) => (
          <FormField
            key={kind}
            name={kind}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_RETENTION_DAYS}
            step={1}
            label={t(`retention.fields.${kind}.label`)}
            hint={t(`retention.fields.${kind}.hint`)}
            defaultValue={values[kind]}
            error={failure?.fieldErrors[kind]}
            required
          />
        ))}
        <button type="submit" className="button" disabled={busy}>
          {t("retention.submit")}
        </button>
      </Form>
    </StaffPage>
  );
}
