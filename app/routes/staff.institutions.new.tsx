import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import { InstitutionSettingsForm } from "~/components/staff/institution-settings-form";
import { requireInstitutionManager } from "~/staff/access.server";
import { saveInstitution } from "~/staff/institutions.server";
import { institutionForm } from "~/staff/staff-forms";
import { redirectWithFlash } from "~/utils/flash.server";
import { formFailure, parseForm, type FormFailure } from "~/utils/forms.server";

export const handle: PageHandle = { title: (t) => t("staff:institutions.newTitle") };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireInstitutionManager(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { db } = await requireInstitutionManager(request);
  const formData = await request.formData();
  const parsed = parseForm(institutionForm, formData);
  if (!parsed.ok) return formFailure(formData, { fieldErrors: parsed.fieldErrors });
  const saved = await saveInstitution(db, parsed.data, null);
  if (!saved.ok) return formFailure(formData, { fieldErrors: { [saved.field]: saved.error } }, 409);
  return redirectWithFlash(`/staff/institutions/${saved.slug}`, { message: "staff:flash.institutionCreated" });
}

export default function NewInstitutionPage() {
  const { t } = useTranslation("staff");
  const failure = useActionData<FormFailure>();
  return (
    <div className="page narrow staff-page">
      <p>
        <Link to="/staff">{t("backToConsole")}</Link>
      </p>
      <h1>{t("institutions.newTitle")}</h1>
      <InstitutionSettingsForm values={{}} failure={failure} submitLabel={t("institutions.create")} />
    </div>
  );
}
