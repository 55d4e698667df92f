import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { secondFactorStepForm } from "~/accounts/security-forms";
import { passSecondFactor } from "~/accounts/security.server";
import { getSessionUser } from "~/platform/auth.server";
import { FormField } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { safeRedirectPath } from "~/web/request.server";
import { formFailure, type FormFailure } from "~/web/form-failures.server";
import { FormToken } from "~/security/form-guards";
import { parseSubmission } from "~/web/forms.server";

/** The second step of signing in to an account with a second factor (decision 0026). */

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("security:signInStep.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (await getSessionUser(request)) throw redirect(safeRedirectPath(url.searchParams.get("redirectTo")));
  return null;
}

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
  const busy = useNavigation().state === "submitting";
  const redirectTo = failure?.values.redirectTo ?? searchParams.get("redirectTo") ?? "";
  const failedKind = failure?.values.kind;
  const expired = failure?.fieldErrors.code === failureMessages.expired;
  return (
    <div className="page narrow">
      <h1>{t("signInStep.title")}</h1>
      <p>{t("signInStep.intro")}</p>
      {expired ? (
        <p className="notice" role="alert">
          {t("errors.challengeExpired")} <Link to="/sign-in">{t("signInStep.startAgain")}</Link>
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <FormToken />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <input type="hidden" name="kind" value="totp" />
        <FormField
          name="code"
          id="app-code"
          label={t("fields.appCode")}
          hint={t("fields.appCodeHint")}
          inputMode="numeric"
          autoComplete="one-time-code"
          error={failedKind === "totp" && !expired ? failure?.fieldErrors.code : undefined}
          required
        />
        <button type="submit" className="button" disabled={busy}>
          {t("signInStep.submit")}
        </button>
      </Form>
      <details open={failedKind === "recovery"}>
        <summary>{t("signInStep.lostDevice")}</summary>
        <Form method="post" className="stack" noValidate>
          <FormToken />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <input type="hidden" name="kind" value="recovery" />
          <FormField
            name="code"
            id="recovery-code"
            label={t("fields.recoveryCode")}
            hint={t("fields.recoveryCodeHint")}
            autoComplete="off"
            error={failedKind === "recovery" && !expired ? failure?.fieldErrors.code : undefined}
            required
          />
          <button type="submit" className="button button--quiet" disabled={busy}>
            {t("signInStep.submitRecovery")}
          </button>
        </Form>
      </details>
    </div>
  );
}
