import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import { InstitutionSettingsForm } from "~/components/staff/institution-settings-form";
import { PeopleWithRole, roleSections } from "~/components/staff/person-forms";
import { StaffPage } from "~/components/staff/staff-page";
import { localize } from "~/platform/i18n/localize";
import { requireStaffInstitution } from "~/web/staff-access.server";
import { saveInstitution } from "~/staff/institutions.server";
import { listRoleHolders } from "~/staff/people.server";
import { answerRolePost, saveSettings, unknownIntent } from "~/web/staff-actions.server";
import { institutionForm, institutionFormValues } from "~/staff/staff-forms";
import type { FormFailure } from "~/web/form-failures.server";

export const handle: PageHandle = { title: (t) => t("staff:institutions.editTitle") };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, language, institution } = await requireStaffInstitution(request, params.slug);
  return {
    slug: institution.slug,
    name: localize(institution.name, language),
    values: institutionFormValues(institution),
    members: await listRoleHolders(db, "institutionMember", institution.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, institution } = await requireStaffInstitution(request, params.slug);
  const formData = await request.formData();
  const { addIntent, removeIntent, headingId } = roleSections.institutionMember;
  const members = `/staff/institutions/${institution.slug}#${headingId}`;
  switch (formData.get("intent")) {
    case "save":
      return saveSettings(formData, institutionForm, (input) => saveInstitution(db, input, institution.id), {
        pagesUnder: "/staff/institutions",
        message: "staff:flash.saved",
      });
    case addIntent:
    case removeIntent:
      return answerRolePost(formData, db, {
        role: "institutionMember",
        overId: institution.id,
        addIntent,
        backTo: members,
      });
    default:
      return unknownIntent(formData);
  }
}

export default function EditInstitutionPage() {
  const { t } = useTranslation("staff");
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  return (
    <StaffPage backTo="/staff" backLabel={t("backToConsole")}>
      <h1>
        <span lang={data.name.language}>{data.name.text}</span>
      </h1>
      <section aria-labelledby="institution-settings-heading" className="staff-form__section">
        <h2 id="institution-settings-heading">{t("institutions.settingsHeading")}</h2>
        <InstitutionSettingsForm values={data.values} failure={failure} submitLabel={t("institutions.save")} />
      </section>
      <PeopleWithRole role="institutionMember" people={data.members} failure={failure} />
    </StaffPage>
  );
}
