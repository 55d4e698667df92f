import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import { getDb } from "~/platform/db.server";
import { turnOffEmailNotifications } from "~/notifications/notifications.server";
import { verifyUnsubscribeToken } from "~/notifications/unsubscribe-token.server";
import { FormToken } from "~/security/form-guards";

export const handle: PageHandle = { title: (t) => t("notifications:unsubscribe.title") };

export const meta = () => [{ name: "robots", content: "noindex" }];

/**
 * GET only shows a confirmation: mail scanners follow links, and must not unsubscribe anyone.
 * The POST needs no sign-in: the signed token says whose e-mails to stop.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const check = verifyUnsubscribeToken(token);
  return data({ token, problem: check.ok ? null : check.reason }, { status: check.ok ? 200 : 400 });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const token = String(formData.get("token") ?? "");
  const check = verifyUnsubscribeToken(token);
  if (!check.ok) return data({ done: false, problem: check.reason }, { status: 400 });
  await turnOffEmailNotifications(await getDb(), check.userId);
  return { done: true, problem: null };
}

export default function UnsubscribePage() {
  const { t } = useTranslation("notifications");
  const { token, problem } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const shownProblem = result?.problem ?? problem;
  return (
    <article className="page unsubscribe-page">
      <h1>{t("unsubscribe.title")}</h1>
      {shownProblem ? (
        <p className="form-error" role="alert">
          {t(`unsubscribe.${shownProblem}`)}
        </p>
      ) : result?.done ? (
        <p className="banner" role="status">
          {t("unsubscribe.done")}
        </p>
      ) : (
        <Form method="post">
          <FormToken />
          <input type="hidden" name="token" value={token} />
          <p>{t("unsubscribe.confirm")}</p>
          <button type="submit" className="button">
            {t("unsubscribe.button")}
          </button>
        </Form>
      )}
    </article>
  );
}
