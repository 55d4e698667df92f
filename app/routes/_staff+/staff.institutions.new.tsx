import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import { InstitutionSettingsForm } from "~/components/staff/institution-settings-form";
import { StaffPage } from "~/components/staff/staff-page";
import { requireInstitutionManager } from "~/web/staff-access.server";
import { saveInstitution } from "~/staff/institutions.server";
import { saveSettings } from "~/web/staff-actions.server";
import { institutionForm } from "~/staff/staff-forms";
import type { FormFailure } from "~/web/form-failures.server";

export const handle: PageHandle = { title: (t) => t("staff:institutions.newTitle") };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireInstitutionManager(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { db } = await requireInstitutionManager(request);
  const formData = await request.formData();
  return saveSettings(formData, institutionForm, (input) => saveInstitution(db, input, null), {
    pagesUnder: "/staff/institutions",
    message: "staff:flash.institutionCreated",
  });
}

export default function NewInstitutionPage() {
  const { t } = useTranslation("staff");
  const failure = useActionData<FormFailure>();
  return (
    <StaffPage backTo="/staff" backLabel={t("backToConsole")}>
      <h1>{t("institutions.newTitle")}</h1>
      <InstitutionSettingsForm values={{}} failure={failure} submitLabel={t("institutions.create")} />
    </StaffPage>
  );
}
