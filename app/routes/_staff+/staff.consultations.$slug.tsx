import { failureFor } from "~/components/form-field";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import { ConsultationSettingsForm } from "~/components/staff/consultation-settings-form";
import { PeopleWithRole, roleSections } from "~/components/staff/person-forms";
import { ConsultationLinks, StaffPage } from "~/components/staff/staff-page";
import { localize } from "~/platform/i18n/localize";
import { requireRoleAssignment, requireStaffConsultation } from "~/web/staff-access.server";
import { updateConsultation } from "~/staff/consultations.server";
import { listRoleHolders } from "~/staff/people.server";
import { consultationFormOptions } from "~/staff/form-options.server";
import { phaseTransitions } from "~/staff/phases";
import { answerRolePost, saveSettings, unknownIntent } from "~/web/staff-actions.server";
import { requireAbility } from "~/web/guard.server";
import { consultationForm, consultationFormValues, joinListFields } from "~/staff/staff-forms";
import type { FormFailure } from "~/web/form-failures.server";

export const handle: PageHandle = {
  title: (t, data) => t("staff:consultation.editTitle", { title: (data as LoaderData | undefined)?.title.text ?? "" }),
};

type LoaderData = Awaited<ReturnType<typeof loader>>;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const {
    db,
    language,
    consultation: row,
    followingInstitutionIds,
    effectivePhase,
  } = await requireStaffConsultation(request, params.slug);
  const [options, moderators, facilitators] = await Promise.all([
    consultationFormOptions(db, language),
    listRoleHolders(db, "moderator", row.id),
    listRoleHolders(db, "facilitator", row.id),
  ]);
  return {
    ...options,
    slug: row.slug,
    title: localize(row.title, language, row.defaultLocale),
    phase: row.phase,
    effectivePhase,
    transitions: phaseTransitions(row.phase),
    values: consultationFormValues(row, followingInstitutionIds),
    moderators,
    facilitators,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, actor, consultation: row, scope } = await requireStaffConsultation(request, params.slug);
  const formData = joinListFields(await request.formData());
  const { addIntent, removeIntent, headingId } = roleSections.moderator;
  const moderators = `/staff/consultations/${row.slug}#${headingId}`;
  const facilitators = roleSections.facilitator;
  switch (formData.get("intent")) {
    case "save":
      return saveSettings(formData, consultationForm, (input) => updateConsultation(db, row.id, input), {
        pagesUnder: "/staff/consultations",
        message: "staff:flash.saved",
      });
    case addIntent:
    case removeIntent:
      await requireRoleAssignment(request);
      return answerRolePost(formData, db, { role: "moderator", overId: row.id, addIntent, backTo: moderators });
    case facilitators.addIntent:
    case facilitators.removeIntent:
      await requireAbility(request, "facilitator.assign", scope);
      return answerRolePost(formData, db, {
        role: "facilitator",
        overId: row.id,
        addIntent: facilitators.addIntent,
        backTo: `/staff/consultations/${row.slug}#${facilitators.headingId}`,
        grantedById: actor.userId,
      });
    default:
      return unknownIntent(formData);
  }
}

export default function EditConsultationPage() {
  const { t } = useTranslation(["staff", "common"]);
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const saveFailure = failureFor(failure, "save");
  const phaseName = (phase: string) => t(`common:phase.${phase}`);
  return (
    <StaffPage backTo="/staff" backLabel={t("backToConsole")}>
      <h1>
        <span lang={data.title.language}>{data.title.text}</span>
      </h1>
      <ConsultationLinks slug={data.slug} />
      {failure && !saveFailure && !/(moderator|facilitator)$/.test(failure.values.intent ?? "") ? (
        <p className="form-error" role="alert">
          {t(failure.formError ?? "staff:errors.unknownAction")}
        </p>
      ) : null}

      <section aria-labelledby="phase-heading" className="staff-form__section">
        <h2 id="phase-heading">{t("phase.heading")}</h2>
        <p>
          {t("phase.current", { phase: phaseName(data.phase) })}
          {data.effectivePhase !== data.phase
            ? ` ${t("phase.effective", { phase: phaseName(data.effectivePhase) })}`
            : null}
        </p>
        <ul className="staff-links">
          {data.transitions.map((to) => (
            <li key={to}>
              <Link to={`/staff/consultations/${data.slug}/phase?to=${to}`} className="button button--small">
                {t("phase.moveTo", { phase: phaseName(to) })}
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <ConsultationSettingsForm
        values={data.values}
        failure={saveFailure}
        countries={data.countries}
        institutions={data.institutions}
        submitLabel={t("consultation.save")}
      />

      <PeopleWithRole role="moderator" people={data.moderators} failure={failure} />
      <PeopleWithRole role="facilitator" people={data.facilitators} failure={failure} />
    </StaffPage>
  );
}
