import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import { PrioritySettingsForm } from "~/components/staff/priority-settings-form";
import { StaffPage } from "~/components/staff/staff-page";
import { isSupportedLanguage } from "~/platform/i18n/config";
import { localize } from "~/platform/i18n/localize";
import { requireStaffConsultation } from "~/web/staff-access.server";
import { findStaffPriority, updateStaffPriority } from "~/staff/priorities.server";
import { priorityForm, priorityFormValues, priorityIdForm } from "~/staff/staff-forms";
import { redirectWithFlash } from "~/web/flash.server";
import { type FormFailure } from "~/web/form-failures.server";
import { parseSubmission } from "~/web/forms.server";

export const handle: PageHandle = { title: (t) => t("staff:priorities.editTitle") };

async function loadPriority(request: Request, params: LoaderFunctionArgs["params"]) {
  const context = await requireStaffConsultation(request, params.slug);
  const id = priorityIdForm.safeParse({ priorityId: params.priorityId });
  const found = id.success ? await findStaffPriority(context.db, context.consultation.id, id.data.priorityId) : null;
  if (!found) throw new Response("Not Found", { status: 404 });
  const defaultLocale = isSupportedLanguage(context.consultation.defaultLocale)
    ? context.consultation.defaultLocale
    : "en";
  return { ...context, priority: found, defaultLocale };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: row, language, priority, defaultLocale } = await loadPriority(request, params);
  return {
    slug: row.slug,
    title: localize(priority.title, language, priority.proposalLanguage ?? row.defaultLocale),
    defaultLocale,
    values: priorityFormValues(priority),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, consultation: row, priority, defaultLocale } = await loadPriority(request, params);
  const formData = await request.formData();
  const parsed = parseSubmission(priorityForm(defaultLocale), formData);
  if (!parsed.ok) return parsed.answer;
  await updateStaffPriority(db, row.id, priority.id, parsed.data);
  return redirectWithFlash(`/staff/consultations/${row.slug}/priorities#priority-${priority.id}`, {
    message: "staff:flash.prioritySaved",
  });
}

export default function EditPriorityPage() {
  const { t } = useTranslation("staff");
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  return (
    <StaffPage backTo={`/staff/consultations/${data.slug}/priorities`} backLabel={t("priorities.backToList")}>
      <h1>
        {t("priorities.editTitle")}: <span lang={data.title.language}>{data.title.text}</span>
      </h1>
      <PrioritySettingsForm
        intent="save"
        values={data.values}
        failure={failure}
        defaultLocale={data.defaultLocale}
        submitLabel={t("priorities.save")}
      />
    </StaffPage>
  );
}
