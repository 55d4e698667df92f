import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import { ConsultationSettingsForm } from "~/components/staff/consultation-settings-form";
import { StaffPage } from "~/components/staff/staff-page";
import { requireStaff } from "~/web/staff-access.server";
import { createConsultation } from "~/staff/consultations.server";
import { consultationFormOptions } from "~/staff/form-options.server";
import { saveSettings } from "~/web/staff-actions.server";
import { consultationForm, joinListFields, newConsultationValues } from "~/staff/staff-forms";
import type { FormFailure } from "~/web/form-failures.server";

export const handle: PageHandle = { title: (t) => t("staff:consultation.newTitle") };

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, language } = await requireStaff(request);
  return consultationFormOptions(db, language);
}

export async function action({ request }: ActionFunctionArgs) {
  const { db } = await requireStaff(request);
  const formData = joinListFields(await request.formData());
  return saveSettings(formData, consultationForm, (input) => createConsultation(db, input), {
    pagesUnder: "/staff/consultations",
    message: "staff:flash.created",
  });
}

export default function NewConsultationPage() {
  const { t } = useTranslation("staff");
  const { countries, institutions } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  return (
    <StaffPage backTo="/staff" backLabel={t("backToConsole")}>
      <h1>{t("consultation.newTitle")}</h1>
      <p className="lead">{t("consultation.newIntro")}</p>
      <ConsultationSettingsForm
        values={newConsultationValues}
        failure={failure}
        countries={countries}
        institutions={institutions}
        submitLabel={t("consultation.create")}
      />
    </StaffPage>
  );
}
