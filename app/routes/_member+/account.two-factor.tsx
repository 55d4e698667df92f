import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { confirmEnrolmentForm, disableSecondFactorForm, startEnrolmentForm } from "~/accounts/security-forms";
import {
  confirmEnrolment,
  disableSecondFactor,
  enrolmentOf,
  startEnrolment,
  type Enrolment,
} from "~/accounts/security.server";
import { AccountForm, AppCodeField, PasswordField } from "~/components/account-form";
import type { PageHandle } from "~/components/page-title";
import { holdsRole } from "~/platform/permissions.server";
import { requireMember } from "~/web/guard.server";
import { safeRedirectPath } from "~/web/request.server";
import { redirectWithFlash } from "~/web/flash.server";
import { formFailure, parseForm, type FormFailure } from "~/web/form-failures.server";
import { parseSubmission } from "~/web/forms.server";

/**
 * Enrolling a second factor (TOTP with recovery codes), and turning it off. Staff are sent here
 * before any staff page opens; members may come from their profile (decision 0026).
 */

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("security:twoFactor.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request);
  const url = new URL(request.url);
  return {
    enabled: actor.secondFactor,
    required: holdsRole(actor) && !actor.secondFactor,
    redirectTo: url.searchParams.get("redirectTo") ?? "",
  };
}

type EnrolmentStep = { enrolment: Enrolment & { qrSvg: string } } & Partial<FormFailure>;

async function enrolmentStep(enrolment: Enrolment, failure?: FormFailure): Promise<EnrolmentStep> {
  // An inline SVG drawn here: no script and no request to another site.
  const qrSvg = await QRCode.toString(enrolment.totpURI, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { enrolment: { ...enrolment, qrSvg }, ...failure };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireMember(request);
  const formData = await request.formData();
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/account/two-factor");
  switch (formData.get("intent")) {
    case "start": {
      const parsed = parseSubmission(startEnrolmentForm, formData);
      if (!parsed.ok) return parsed.answer;
      const started = await startEnrolment(request, parsed.data.password);
      if (!started.ok)
        return formFailure(formData, { fieldErrors: { password: "security:errors.wrongPassword" } }, 401);
      return enrolmentStep(started.enrolment);
    }
    case "confirm": {
      const parsed = parseForm(confirmEnrolmentForm, formData);
      const uri = String(formData.get("totpURI") ?? "");
      const codes = String(formData.get("recoveryCodes") ?? "")
        .split(/\s+/)
        .filter(Boolean);
      if (!parsed.ok) {
        if (!uri.startsWith("otpauth://totp/")) throw new Response("Bad Request", { status: 400 });
        return enrolmentStep(enrolmentOf(uri, codes), {
          fieldErrors: parsed.fieldErrors,
          values: {},
        });
      }
      const confirmed = await confirmEnrolment(request, parsed.data.code);
      if (!confirmed.ok) {
        const message =
          confirmed.reason === "invalid-code" ? "security:errors.invalidCode" : "security:errors.startAgain";
        return enrolmentStep(enrolmentOf(uri, codes), { fieldErrors: { code: message }, values: {} });
      }
      return redirectWithFlash(redirectTo, { message: "security:flash.enrolled" }, { headers: confirmed.headers });
    }
    case "disable": {
      const parsed = parseSubmission(disableSecondFactorForm, formData);
      if (!parsed.ok) return parsed.answer;
      const disabled = await disableSecondFactor(request, parsed.data.password);
      if (!disabled.ok)
        return formFailure(formData, { fieldErrors: { password: "security:errors.wrongPassword" } }, 401);
      return redirectWithFlash(
        "/account/two-factor",
        { message: "security:flash.disabled" },
        {
          headers: disabled.headers,
        },
      );
    }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

export default function TwoFactorPage() {
  const { t } = useTranslation("security");
  const { enabled, required, redirectTo } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as (EnrolmentStep | FormFailure) | undefined;
  const step = answer && "enrolment" in answer ? answer : undefined;
  const failure = answer && !("enrolment" in answer) ? answer : undefined;
  const formAction = redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : undefined;
  // Turning the second factor on or off both ask for the password again.
  const passwordAgain = <PasswordField label={t("fields.password")} error={failure?.fieldErrors.password} />;

  return (
    <div className="page narrow">
      <h1>{t("twoFactor.title")}</h1>
      {required ? (
        <p className="notice" role="status">
          {t("twoFactor.required")}
        </p>
      ) : null}
      {enabled ? (
        <>
          <p>{t("twoFactor.on")}</p>
          <AccountForm
            submit={t("twoFactor.disable")}
            hidden={{ intent: "disable" }}
            buttonClassName="button button--danger"
          >
            <h2>{t("twoFactor.disableHeading")}</h2>
            <p>{t("twoFactor.disableIntro")}</p>
            {passwordAgain}
          </AccountForm>
        </>
      ) : step ? (
        <>
          <h2>{t("enrol.scanHeading")}</h2>
          <p>{t("enrol.scanIntro")}</p>
          <div
            className="qr-code"
            role="img"
            aria-label={t("enrol.qrLabel")}
            dangerouslySetInnerHTML={{ __html: step.enrolment.qrSvg }}
          />
          <p>
            {t("enrol.secretLabel")} <code className="secret">{step.enrolment.secret}</code>
          </p>
          <p>
            {t("enrol.uriLabel")} <code className="secret">{step.enrolment.totpURI}</code>
          </p>
          {step.enrolment.recoveryCodes.length > 0 ? (
            <>
              <h2>{t("enrol.recoveryHeading")}</h2>
              <p>{t("enrol.recoveryIntro")}</p>
              <ul className="recovery-codes">
                {step.enrolment.recoveryCodes.map((code) => (
                  <li key={code}>
                    <code>{code}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <AccountForm
            submit={t("enrol.confirm")}
            action={formAction}
            hidden={{
              intent: "confirm",
              totpURI: step.enrolment.totpURI,
              recoveryCodes: step.enrolment.recoveryCodes.join(" "),
            }}
          >
            <h2>{t("enrol.confirmHeading")}</h2>
            <AppCodeField error={step.fieldErrors?.code} />
          </AccountForm>
        </>
      ) : (
        <AccountForm submit={t("enrol.start")} action={formAction} hidden={{ intent: "start" }}>
          <p>{t("twoFactor.off")}</p>
          <p>{t("enrol.startIntro")}</p>
          {passwordAgain}
        </AccountForm>
      )}
      <p>
        <Link to="/account/security">{t("security.link")}</Link>
      </p>
    </div>
  );
}
