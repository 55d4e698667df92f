import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { ConsultationSubpage } from "~/components/staff/staff-page";
import { effectivePhase } from "~/consultations/consultations.server";
import { localize } from "~/platform/i18n/localize";
import { requireStaffConsultation } from "~/web/staff-access.server";
import { changePhase } from "~/staff/consultations.server";
import { canMovePhase, consultationPhases } from "~/staff/phases";
import { phaseForm } from "~/staff/staff-forms";
import { redirectWithFlash } from "~/web/flash.server";
import { formatDate } from "~/platform/format";
import { formFailure, parseForm, type FormFailure } from "~/web/form-failures.server";
import { FormToken } from "~/security/form-guards";

export const handle: PageHandle = { title: (t) => t("staff:phase.confirmTitle") };

const isPhase = (value: string | null): value is (typeof consultationPhases)[number] =>
  (consultationPhases as readonly string[]).includes(value ?? "");

/** The page that says what a phase change does and asks to confirm it: the change is never one click. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: row, language } = await requireStaffConsultation(request, params.slug);
  const to = new URL(request.url).searchParams.get("to");
  const target = isPhase(to) && canMovePhase(row.phase, to) ? to : null;
  // The clock may overrule the new phase at once (opening after the closing time, say): say so.
  const clockPhase = target ? effectivePhase({ ...row, phase: target }) : null;
  return {
    slug: row.slug,
    title: localize(row.title, language, row.defaultLocale),
    from: row.phase,
    to: target,
    clockPhase: clockPhase !== target ? clockPhase : null,
    opensAt: formatDate(row.opensAt, language),
    closesAt: formatDate(row.closesAt, language),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, consultation: row } = await requireStaffConsultation(request, params.slug);
  const formData = await request.formData();
  const parsed = parseForm(phaseForm, formData);
  if (!parsed.ok) return formFailure(formData, { fieldErrors: {}, formError: "staff:errors.phase" });
  const { from, to } = parsed.data;
  if (formData.get("confirm") !== "yes") {
    return redirect(`/staff/consultations/${row.slug}/phase?to=${to}`);
  }
  const changed = await changePhase(db, row.id, from, to);
  if (!changed.ok) {
    const formError = changed.reason === "changed" ? "staff:phase.errors.changed" : "staff:errors.phase";
    return formFailure(formData, { fieldErrors: {}, formError }, changed.reason === "changed" ? 409 : 400);
  }
  return redirectWithFlash(`/staff/consultations/${row.slug}`, { message: `staff:flash.phaseChanged.${to}` });
}

export default function ConfirmPhasePage() {
  const { t } = useTranslation(["staff", "common"]);
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const phaseName = (phase: string) => t(`common:phase.${phase}`);
  const back = `/staff/consultations/${data.slug}`;
  return (
    <ConsultationSubpage slug={data.slug} title={data.title}>
      <h1>{t("phase.confirmTitle")}</h1>
      <FormError message={failure?.formError} values={failure?.formErrorValues} />
      {data.to ? (
        <>
          <p className="lead">
            {t("phase.question", { from: phaseName(data.from), to: phaseName(data.to) })}{" "}
            <span lang={data.title.language}>{data.title.text}</span>
          </p>
          <p>{t(`phase.effects.${data.from}-${data.to}`)}</p>
          {data.clockPhase ? (
            <p className="banner">
              {t("phase.clockNote", {
                phase: phaseName(data.clockPhase),
                opens: data.opensAt || "–",
                closes: data.closesAt || "–",
              })}
            </p>
          ) : null}
          <Form method="post" className="stack">
            <FormToken />
            <input type="hidden" name="from" value={data.from} />
            <input type="hidden" name="to" value={data.to} />
            <button type="submit" name="confirm" value="yes" className="button">
              {t("phase.confirm", { phase: phaseName(data.to) })}
            </button>
          </Form>
          <p>
            <Link to={back}>{t("phase.cancel")}</Link>
          </p>
        </>
      ) : (
        <p className="banner">{t("phase.notAllowed", { phase: phaseName(data.from) })}</p>
      )}
    </ConsultationSubpage>
  );
}
