import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { resetPasswordForm } from "~/accounts/account-forms";
import { resetPassword } from "~/accounts/accounts.server";
import { AccountForm, NewPasswordField } from "~/components/account-form";
import type { PageHandle } from "~/components/page-title";
import { formFailure, type FormFailure } from "~/web/form-failures.server";
import { parseSubmission } from "~/web/forms.server";

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("auth:resetPassword.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  return { token: new URL(request.url).searchParams.get("token") ?? "" };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseSubmission(resetPasswordForm, formData);
  if (!parsed.ok) return parsed.answer;
  const result = await resetPassword(parsed.data);
  if (!result.ok) return formFailure(formData, { fieldErrors: {}, formError: "auth:errors.resetLinkInvalid" });
  throw redirect("/sign-in?reset=done");
}

export default function ResetPasswordPage() {
  const { t } = useTranslation("auth");
  const { token } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  if (!token) {
    return (
      <div className="page narrow">
        <h1>{t("resetPassword.title")}</h1>
        <p className="form-error">{t("errors.resetLinkInvalid")}</p>
        <p>
          <Link to="/forgot-password">{t("resetPassword.askAgain")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t("resetPassword.title")}</h1>
      <AccountForm submit={t("resetPassword.submit")} failure={failure} hidden={{ token }}>
        <NewPasswordField label={t("fields.newPassword")} failure={failure} />
      </AccountForm>
    </div>
  );
}
