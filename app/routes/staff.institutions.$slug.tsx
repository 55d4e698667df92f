import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import { InstitutionSettingsForm } from "~/components/staff/institution-settings-form";
import { PeopleWithRole } from "~/components/staff/person-forms";
import { localize } from "~/i18n/localize";
import { requireStaffInstitution } from "~/staff/access.server";
import {
  addInstitutionMember,
  listInstitutionMembers,
  removeInstitutionMember,
  saveInstitution,
} from "~/staff/institutions.server";
import { emailForm, institutionForm, institutionFormValues, userIdForm } from "~/staff/staff-forms";
import { redirectWithFlash } from "~/utils/flash.server";
import { formFailure, parseForm, type FormFailure } from "~/utils/forms.server";

export const handle: PageHandle = { title: (t) => t("staff:institutions.editTitle") };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, language, institution } = await requireStaffInstitution(request, params.slug);
  return {
    slug: institution.slug,
    name: localize(institution.name, language),
    values: institutionFormValues(institution),
    members: await listInstitutionMembers(db, institution.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, institution } = await requireStaffInstitution(request, params.slug);
  const formData = await request.formData();
  const here = `/staff/institutions/${institution.slug}`;
  switch (formData.get("intent")) {
    case "save": {
      const parsed = parseForm(institutionForm, formData);
      if (!parsed.ok) return formFailure(formData, { fieldErrors: parsed.fieldErrors });
      const saved = await saveInstitution(db, parsed.data, institution.id);
      if (!saved.ok) return formFailure(formData, { fieldErrors: { [saved.field]: saved.error } }, 409);
      return redirectWithFlash(`/staff/institutions/${saved.slug}`, { message: "staff:flash.saved" });
    }
    case "add-member": {
      const parsed = parseForm(emailForm, formData);
      if (!parsed.ok) return formFailure(formData, { fieldErrors: parsed.fieldErrors });
      const granted = await addInstitutionMember(db, institution.id, parsed.data.email);
      if (!granted.ok) return formFailure(formData, { fieldErrors: { email: "staff:errors.noAccount" } }, 404);
      const message = granted.alreadyHeld ? "staff:flash.alreadyMember" : "staff:flash.memberAdded";
      return redirectWithFlash(`${here}#members-heading`, { message, values: { email: parsed.data.email } });
    }
    case "remove-member": {
      const parsed = parseForm(userIdForm, formData);
      const removed = parsed.ok && (await removeInstitutionMember(db, institution.id, parsed.data.userId));
      if (!removed) return formFailure(formData, { fieldErrors: {}, formError: "staff:errors.unknownPerson" }, 404);
      return redirectWithFlash(`${here}#members-heading`, { message: "staff:flash.memberRemoved" });
    }
    default:
      return formFailure(formData, { fieldErrors: {}, formError: "staff:errors.unknownAction" }, 400);
  }
}

export default function EditInstitutionPage() {
  const { t } = useTranslation("staff");
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  return (
    <div className="page narrow staff-page">
      <p>
        <Link to="/staff">{t("backToConsole")}</Link>
      </p>
      <h1>
        <span lang={data.name.language}>{data.name.text}</span>
      </h1>
      <section aria-labelledby="institution-settings-heading" className="staff-form__section">
        <h2 id="institution-settings-heading">{t("institutions.settingsHeading")}</h2>
        <InstitutionSettingsForm values={data.values} failure={failure} submitLabel={t("institutions.save")} />
      </section>
      <section aria-labelledby="members-heading" className="staff-form__section">
        <h2 id="members-heading">{t("institutions.membersHeading")}</h2>
        <p>{t("institutions.membersIntro")}</p>
        <PeopleWithRole
          idPrefix="member"
          people={data.members}
          emptyLabel={t("institutions.noMembers")}
          addIntent="add-member"
          removeIntent="remove-member"
          addLabel={t("institutions.addMember")}
          failure={failure}
        />
      </section>
    </div>
  );
}
