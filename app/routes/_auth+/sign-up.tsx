import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { signInAfterSignUp, signUpForm } from "~/accounts/account-forms";
import { signUp } from "~/accounts/accounts.server";
import { getSessionUser } from "~/platform/auth.server";
import { EmailField, NewPasswordField, SubmitButton } from "~/components/account-form";
import { FormError, FormField } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { clientAddress, safeRedirectPath } from "~/web/request.server";
import { rateLimitedFailure, type FormFailure } from "~/web/form-failures.server";
import { FormToken, HoneypotField } from "~/security/form-guards";
import { parseSubmission } from "~/web/forms.server";

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("auth:signUp.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseSubmission(signUpForm, formData);
  if (!parsed.ok) return parsed.answer;

  const result = await signUp(request, {
    ...parsed.data,
    language: await getLanguage(request),
    address: clientAddress(request, context),
  });
  // The same answer whether the address was free or taken: no cookie, on to "check your mail".
  if (result.ok) throw redirect(signInAfterSignUp(safeRedirectPath(parsed.data.redirectTo)));
  return rateLimitedFailure(formData, result.retryAfterSeconds, "auth:errors.rateLimited");
}

export default function SignUpPage() {
  const { t } = useTranslation("auth");
  const failure = useActionData<FormFailure>();
  const [searchParams] = useSearchParams();
  const redirectTo = failure?.values.redirectTo ?? searchParams.get("redirectTo") ?? "";
  return (
    <div className="page narrow">
      <h1>{t("signUp.title")}</h1>
      <p className="lead">{t("signUp.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <FormToken />
        <HoneypotField />
        <FormError failure={failure} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <FormField
          name="name"
          autoComplete="nickname"
          label={t("fields.name")}
          hint={t("fields.nameHint")}
          defaultValue={failure?.values.name}
          error={failure?.fieldErrors.name}
          maxLength={80}
          required
        />
        <EmailField failure={failure} hint={t("fields.emailHint")} />
        <NewPasswordField label={t("fields.password")} failure={failure} />
        <p>
          {t("privacy:signUpNote")} <Link to="/privacy">{t("common:layout.footer.privacyLink")}</Link>
        </p>
        <SubmitButton label={t("signUp.submit")} />
      </Form>
      <p>
        {t("signUp.haveAccount")} <Link to="/sign-in">{t("signUp.signInLink")}</Link>
      </p>
    </div>
  );
}
