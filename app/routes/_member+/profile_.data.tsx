import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { currentDataExport, dataExportPath, requestDataExport } from "~/accounts/data-export.server";
import { FormError } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { usePollWhile } from "~/components/use-poll-while";
import { getDb } from "~/platform/db.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { requireAccountOwner } from "~/web/guard.server";
import { FormToken } from "~/security/form-guards";
import { formatDateTime, formatNumber } from "~/platform/format";
import { type FormFailure, rateLimitRefusal } from "~/web/form-failures.server";

export const meta: MetaFunction = () => [{ name: "robots", content: "noindex" }];

export const handle: PageHandle = { title: (t) => t("mydata:title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAccountOwner(request);
  const current = await currentDataExport(await getDb(), actor.userId);
  // Reached from an expired download link: the page says so, with the status to match.
  const expiredLink = new URL(request.url).searchParams.get("expired") === "1";
  const view = {
    expiredLink,
    current: current && {
      id: current.id,
      status: current.status,
      byteSize: current.byteSize,
      finishedAt: current.finishedAt?.toISOString() ?? null,
      expiresAt: current.expiresAt?.toISOString() ?? null,
      href: dataExportPath(current.id),
    },
  };
  return data(view, { status: expiredLink ? 410 : 200, headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAccountOwner(request);
  const formData = await request.formData();
  const db = await getDb();
  const refused = await rateLimitRefusal(db, [["dataExportPerMember", actor.userId]], formData, "mydata:rateLimited");
  if (refused) return refused;
  await requestDataExport(db, { userId: actor.userId, locale: await getLanguage(request) });
  return redirect("/profile/data");
}

export default function MyDataPage() {
  const { t, i18n } = useTranslation("mydata");
  const { current, expiredLink } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const language = i18n.language;
  const pending = current?.status === "queued" || current?.status === "running";
  usePollWhile(pending);

  const prepareButton = (label: string) => (
    <Form method="post">
      <FormToken />
      <button type="submit">{label}</button>
    </Form>
  );

  return (
    <div className="page narrow">
      <p>
        <Link to="/profile">{t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      {expiredLink ? (
        <div role="alert">
          <h2>{t("expired.title")}</h2>
          <p>{t("expired.body")}</p>
        </div>
      ) : null}
      <p className="lead">{t("contents")}</p>
      <p>{t("howLong")}</p>
      <FormError message={failure?.formError} values={failure?.formErrorValues} />

      <section aria-labelledby="my-data-status">
        <h2 id="my-data-status">{t("statusHeading")}</h2>
        {!current ? (
          <>
            <p>{t("none")}</p>
            {prepareButton(t("prepare"))}
          </>
        ) : null}

        {current && pending ? (
          <div role="status">
            <p>
              {t("pending")} <a href="/profile/data">{t("refresh")}</a>
            </p>
          </div>
        ) : null}

        {current?.status === "done" && current.finishedAt && current.expiresAt ? (
          <>
            <p>
              <a className="button" href={current.href} download>
                {t("download", {
                  size: formatNumber(Math.max(1, Math.ceil((current.byteSize ?? 0) / 1024)), language),
                })}
              </a>
            </p>
            <p>
              {t("ready", {
                when: formatDateTime(current.finishedAt, language),
                until: formatDateTime(current.expiresAt, language),
              })}
            </p>
            {prepareButton(t("prepareAgain"))}
          </>
        ) : null}

        {current?.status === "expired" ? (
          <>
            {expiredLink ? null : <p>{t("lastExpired")}</p>}
            {prepareButton(t("prepare"))}
          </>
        ) : null}

        {current?.status === "failed" ? (
          <>
            <p className="form-error" role="alert">
              {t("failed")}
            </p>
            {prepareButton(t("prepare"))}
          </>
        ) : null}
      </section>
    </div>
  );
}
