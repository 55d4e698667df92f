import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { signInForm } from "~/accounts/account-forms";
import { signIn } from "~/accounts/accounts.server";
import { AccountForm, EmailField, PasswordField } from "~/components/account-form";
import { Confirmation } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { clientAddress, safeRedirectPath } from "~/web/request.server";
import { formFailure, rateLimitedFailure, type FormFailure } from "~/web/form-failures.server";
import { parseSubmission } from "~/web/forms.server";
import { sendSignedInOnward } from "~/web/guard.server";

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("auth:signIn.title") };

export const loader = ({ request }: LoaderFunctionArgs) => sendSignedInOnward(request);

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseSubmission(signInForm, formData);
  if (!parsed.ok) return parsed.answer;

  const result = await signIn(request, { ...parsed.data, address: clientAddress(request, context) });
  if (result.ok && result.secondFactor) {
    const next = `/sign-in/two-factor?redirectTo=${encodeURIComponent(safeRedirectPath(parsed.data.redirectTo))}`;
    throw redirect(next, { headers: result.headers });
  }
  if (result.ok) {
    throw redirect(safeRedirectPath(parsed.data.redirectTo), { headers: result.headers });
  }
  if (result.reason === "rate-limited") {
    return rateLimitedFailure(formData, result.retryAfterSeconds, "auth:errors.rateLimited");
  }
  return formFailure(formData, { fieldErrors: {}, formError: "auth:errors.invalidCredentials" }, 401);
}

export default function SignInPage() {
  const { t } = useTranslation("auth");
  const failure = useActionData<FormFailure>();
  const [searchParams] = useSearchParams();
  const redirectTo = failure?.values.redirectTo ?? searchParams.get("redirectTo") ?? "";
  const afterSignUp = redirectTo ? `/sign-up?redirectTo=${encodeURIComponent(redirectTo)}` : "/sign-up";
  return (
    <div className="page narrow">
      <h1>{t("signIn.title")}</h1>
      {searchParams.get("signedUp") === "1" ? (
        <Confirmation>
          {t("emailCheck.signedUp")} <Link to="/verify-email">{t("emailCheck.resendLink")}</Link>
        </Confirmation>
      ) : null}
      {searchParams.get("reset") === "done" ? <Confirmation>{t("signIn.resetDone")}</Confirmation> : null}
      <AccountForm submit={t("signIn.submit")} failure={failure} hidden={{ redirectTo }}>
        <EmailField failure={failure} />
        <PasswordField label={t("fields.password")} error={failure?.fieldErrors.password} />
      </AccountForm>
      <p>
        <Link to="/forgot-password">{t("signIn.forgotPassword")}</Link>
      </p>
      <p>
        {t("signIn.noAccount")} <Link to={afterSignUp}>{t("signIn.signUpLink")}</Link>
      </p>
    </div>
  );
}
