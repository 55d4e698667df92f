/**
 * Confirming an e-mail address. The mailed link opens a page with a button rather than confirming
 * on GET, so mail scanners that follow links do not confirm (and sign in) on the owner's behalf.
 * Without a link, the page asks for an address and mails a new one.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { resendVerificationForm, verifyEmailForm } from "~/accounts/account-forms";
import { resendVerificationMail, verifyEmail } from "~/accounts/accounts.server";
import { AccountForm, EmailField } from "~/components/account-form";
import { Confirmation } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { clientAddress } from "~/web/request.server";
import { formFailure, parseForm, rateLimitedFailure, type FormFailure } from "~/web/form-failures.server";
import { parseSubmission } from "~/web/forms.server";

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("auth:emailCheck.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return { token: url.searchParams.get("token") ?? "", done: url.searchParams.get("done") === "1" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "confirm") {
    const parsed = parseForm(verifyEmailForm, formData);
    const result = parsed.ok ? await verifyEmail(request, parsed.data.token) : { ok: false as const };
    if (!result.ok) return formFailure(formData, { fieldErrors: {}, formError: "auth:emailCheck.linkInvalid" });
    throw redirect("/verify-email?done=1", { headers: result.headers });
  }
  const parsed = parseSubmission(resendVerificationForm, formData);
  if (!parsed.ok) return parsed.answer;
  const result = await resendVerificationMail({ email: parsed.data.email, address: clientAddress(request, context) });
  if (!result.ok) return rateLimitedFailure(formData, result.retryAfterSeconds, "auth:errors.rateLimited");
  return { sent: true as const };
}

export default function VerifyEmailPage() {
  const { t } = useTranslation("auth");
  const { token, done } = useLoaderData<typeof loader>();
  const result = useActionData<FormFailure | { sent: true }>();
  const failure = result && "values" in result ? result : undefined;
  if (done) {
    return (
      <div className="page narrow">
        <h1>{t("emailCheck.title")}</h1>
        <Confirmation>{t("emailCheck.confirmed")}</Confirmation>
        <p>
          <Link to="/">{t("emailCheck.continue")}</Link>
        </p>
      </div>
    );
  }
  if (token && !failure) {
    return (
      <div className="page narrow">
        <h1>{t("emailCheck.title")}</h1>
        <p className="lead">{t("emailCheck.confirmIntro")}</p>
        <AccountForm submit={t("emailCheck.confirm")} hidden={{ intent: "confirm", token }} />
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t("emailCheck.title")}</h1>
      {result && "sent" in result ? <Confirmation>{t("emailCheck.resent")}</Confirmation> : null}
      <p className="lead">{t("emailCheck.resendIntro")}</p>
      <AccountForm submit={t("emailCheck.resend")} failure={failure} hidden={{ intent: "resend" }}>
        <EmailField failure={failure} />
      </AccountForm>
    </div>
  );
}
