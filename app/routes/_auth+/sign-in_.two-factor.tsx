import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { secondFactorStepForm } from "~/accounts/security-forms";
import { passSecondFactor } from "~/accounts/security.server";
import { AccountForm, AppCodeField } from "~/components/account-form";
import { FormField } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { safeRedirectPath } from "~/web/request.server";
import { formFailure, type FormFailure } from "~/web/form-failures.server";
import { parseSubmission } from "~/web/forms.server";
import { sendSignedInOnward } from "~/web/guard.server";

/** The second step of signing in to an account with a second factor (decision 0026). */

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("security:signInStep.title") };

export const loader = ({ request }: LoaderFunctionArgs) => sendSignedInOnward(request);

const failureMessages = {
  "invalid-code": "security:errors.invalidCode",
  "too-many-attempts": "security:errors.tooManyAttempts",
  expired: "security:errors.challengeExpired",
} as const;

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseSubmission(secondFactorStepForm, formData);
  if (!parsed.ok) return parsed.answer;
  const result = await passSecondFactor(request, parsed.data);
  if (result.ok) throw redirect(safeRedirectPath(parsed.data.redirectTo), { headers: result.headers });
  const status = result.reason === "invalid-code" ? 401 : result.reason === "too-many-attempts" ? 429 : 400;
  return formFailure(formData, { fieldErrors: { code: failureMessages[result.reason] } }, status);
}

export default function SecondFactorStepPage() {
  const { t } = useTranslation("security");
  const failure = useActionData<FormFailure>();
  const [searchParams] = useSearchParams();
  const redirectTo = failure?.values.redirectTo ?? searchParams.get("redirectTo") ?? "";
  const failedKind = failure?.values.kind;
  const expired = failure?.fieldErrors.code === failureMessages.expired;
  // An expired challenge is said once, above both forms, with the way to start again.
  const codeError = (kind: string) => (failedKind === kind && !expired ? failure?.fieldErrors.code : undefined);
  return (
    <div className="page narrow">
      <h1>{t("signInStep.title")}</h1>
      <p>{t("signInStep.intro")}</p>
      {expired ? (
        <p className="notice" role="alert">
          {t("errors.challengeExpired")} <Link to="/sign-in">{t("signInStep.startAgain")}</Link>
        </p>
      ) : null}
      <AccountForm submit={t("signInStep.submit")} hidden={{ redirectTo, kind: "totp" }}>
        <AppCodeField id="app-code" error={codeError("totp")} />
      </AccountForm>
      <details open={failedKind === "recovery"}>
        <summary>{t("signInStep.lostDevice")}</summary>
        <AccountForm
          submit={t("signInStep.submitRecovery")}
          hidden={{ redirectTo, kind: "recovery" }}
          buttonClassName="button button--quiet"
        >
          <FormField
            name="code"
            id="recovery-code"
            label={t("fields.recoveryCode")}
            hint={t("fields.recoveryCodeHint")}
            autoComplete="off"
            error={codeError("recovery")}
            required
          />
        </AccountForm>
      </details>
    </div>
  );
}
