import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { failureFor, FormError } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { PrioritySettingsForm } from "~/components/staff/priority-settings-form";
import { ConsultationSubpage } from "~/components/staff/staff-page";
import { isSupportedLanguage } from "~/platform/i18n/config";
import { localize } from "~/platform/i18n/localize";
import { requireStaffConsultation } from "~/web/staff-access.server";
import { createStaffPriority, listStaffPriorities, setPriorityHidden } from "~/staff/priorities.server";
import { priorityForm, priorityIdForm } from "~/staff/staff-forms";
import { unknownIntent } from "~/web/staff-actions.server";
import { redirectWithFlash } from "~/web/flash.server";
import { formFailure, parseForm, type FormFailure } from "~/web/form-failures.server";
import { FormToken } from "~/security/form-guards";
import { parseSubmission } from "~/web/forms.server";

export const handle: PageHandle = { title: (t) => t("staff:priorities.title") };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, language, consultation: row } = await requireStaffConsultation(request, params.slug);
  const priorities = await listStaffPriorities(db, row.id);
  return {
    slug: row.slug,
    title: localize(row.title, language, row.defaultLocale),
    defaultLocale: isSupportedLanguage(row.defaultLocale) ? row.defaultLocale : "en",
    priorities: priorities.map((p) => ({
      id: p.id,
      title: localize(p.title, language, p.proposalLanguage ?? row.defaultLocale),
      status: p.status,
      category: p.category,
      position: p.position,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, actor, consultation: row } = await requireStaffConsultation(request, params.slug);
  const formData = await request.formData();
  const here = `/staff/consultations/${row.slug}/priorities`;
  const intent = formData.get("intent");
  switch (intent) {
    case "add": {
      const defaultLocale = isSupportedLanguage(row.defaultLocale) ? row.defaultLocale : "en";
      const parsed = parseSubmission(priorityForm(defaultLocale), formData);
      if (!parsed.ok) return parsed.answer;
      const priorityId = await createStaffPriority(db, row.id, parsed.data);
      return redirectWithFlash(`${here}#priority-${priorityId}`, { message: "staff:flash.priorityAdded" });
    }
    case "hide":
    case "restore": {
      const parsed = parseForm(priorityIdForm, formData);
      const changed =
        parsed.ok &&
        (await setPriorityHidden(db, {
          consultationId: row.id,
          priorityId: parsed.data.priorityId,
          actorId: actor.userId,
          hidden: intent === "hide",
        }));
      if (!changed) return formFailure(formData, { fieldErrors: {}, formError: "staff:errors.unknownPriority" }, 404);
      const message = intent === "hide" ? "staff:flash.priorityHidden" : "staff:flash.priorityRestored";
      return redirectWithFlash(`${here}#priority-${parsed.data.priorityId}`, { message });
    }
    default:
      return unknownIntent(formData);
  }
}

export default function StaffPrioritiesPage() {
  const { t } = useTranslation(["staff", "consultation"]);
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const addFailure = failureFor(failure, "add");
  return (
    <ConsultationSubpage slug={data.slug} title={data.title}>
      <h1>{t("priorities.title")}</h1>
      <FormError message={addFailure ? undefined : failure?.formError} />
      <section aria-labelledby="priority-list-heading">
        <h2 id="priority-list-heading">{t("priorities.listHeading")}</h2>
        {data.priorities.length === 0 ? <p className="empty">{t("priorities.none")}</p> : null}
        <ol className="staff-list">
          {data.priorities.map((p) => (
            <li key={p.id} id={`priority-${p.id}`}>
              <span lang={p.title.language}>{p.title.text}</span>{" "}
              <span className={`proposal-status proposal-status--${p.status}`}>
                {t(`priorities.status.${p.status}`)}
              </span>{" "}
              <span className="tag">{t(`consultation:categories.${p.category}`)}</span>{" "}
              <span>{t("priorities.position", { position: p.position })}</span>
              <div className="staff-actions">
                <Link to={`/staff/consultations/${data.slug}/priorities/${p.id}`}>
                  {t("priorities.edit")} <span className="visually-hidden">{p.title.text}</span>
                </Link>
                {p.status === "approved" || p.status === "hidden" ? (
                  <Form method="post" className="inline-form">
                    <FormToken />
                    <input type="hidden" name="priorityId" value={p.id} />
                    <button
                      type="submit"
                      name="intent"
                      value={p.status === "approved" ? "hide" : "restore"}
                      className="button button--small button--quiet"
                    >
                      {p.status === "approved" ? t("priorities.hide") : t("priorities.restore")}{" "}
                      <span className="visually-hidden">{p.title.text}</span>
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="priority-add-heading">
        <h2 id="priority-add-heading">{t("priorities.addHeading")}</h2>
        <PrioritySettingsForm
          intent="add"
          values={{}}
          failure={addFailure}
          defaultLocale={data.defaultLocale}
          submitLabel={t("priorities.add")}
        />
      </section>
    </ConsultationSubpage>
  );
}
