import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forgotPasswordForm } from "~/accounts/account-forms";
import { requestPasswordReset } from "~/accounts/accounts.server";
import { AccountForm, EmailField } from "~/components/account-form";
import { Confirmation } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { clientAddress } from "~/web/request.server";
import { rateLimitedFailure, type FormFailure } from "~/web/form-failures.server";
import { parseSubmission } from "~/web/forms.server";

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("auth:forgotPassword.title") };

export async function loader() {
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const parsed = parseSubmission(forgotPasswordForm, formData);
  if (!parsed.ok) return parsed.answer;
  const result = await requestPasswordReset({ email: parsed.data.email, address: clientAddress(request, context) });
  if (!result.ok) {
    return rateLimitedFailure(formData, result.retryAfterSeconds, "auth:errors.rateLimited");
  }
  return { sent: true as const };
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation("auth");
  const result = useActionData<FormFailure | { sent: true }>();
  if (result && "sent" in result) {
    return (
      <div className="page narrow">
        <h1>{t("forgotPassword.title")}</h1>
        <Confirmation>{t("forgotPassword.sent")}</Confirmation>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t("forgotPassword.title")}</h1>
      <p className="lead">{t("forgotPassword.intro")}</p>
      <AccountForm submit={t("forgotPassword.submit")} failure={result}>
        <EmailField failure={result} />
      </AccountForm>
    </div>
  );
}
