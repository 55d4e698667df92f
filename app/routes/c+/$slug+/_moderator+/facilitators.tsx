/**
 * The consultation's facilitators, granted and taken back by its moderators (and admins) without
 * the staff console (decision 0037): the same role section as the console's, on the consultation.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import { PeopleWithRole, roleSections } from "~/components/staff/person-forms";
import { listRoleHolders } from "~/staff/people.server";
import { loadConsultationContext, loadConsultationContextOnce } from "~/web/consultation-context.server";
import type { FormFailure } from "~/web/form-failures.server";
import { requireConsultationAbility } from "~/web/guard.server";
import { answerRolePost, unknownIntent } from "~/web/staff-actions.server";

export const handle: PageHandle = { title: (t) => t("staff:facilitators.heading") };

export async function loader(args: LoaderFunctionArgs) {
  const context = await loadConsultationContextOnce(args);
  requireConsultationAbility(args.request, context, "facilitator.assign");
  return {
    slug: context.consultation.slug,
    facilitators: await listRoleHolders(context.db, "facilitator", context.consultation.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  const moderator = requireConsultationAbility(request, context, "facilitator.assign");
  const formData = await request.formData();
  const { addIntent, removeIntent, headingId } = roleSections.facilitator;
  const intent = formData.get("intent");
  if (intent !== addIntent && intent !== removeIntent) return unknownIntent(formData);
  return answerRolePost(formData, context.db, {
    role: "facilitator",
    overId: context.consultation.id,
    addIntent,
    backTo: `/c/${context.consultation.slug}/facilitators#${headingId}`,
    grantedById: moderator.userId,
  });
}

export default function FacilitatorsPage() {
  const { t } = useTranslation("meetings");
  const { slug, facilitators } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  return (
    <article className="page">
      <h1>{t("facilitators.title")}</h1>
      <p className="lead">{t("facilitators.intro")}</p>
      <p>
        <Link to={`/c/${slug}/meetings`}>{t("list.title")}</Link>
      </p>
      <PeopleWithRole role="facilitator" people={facilitators} failure={failure} />
    </article>
  );
}
