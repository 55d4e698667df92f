import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/choice-fields";
import { CommitmentDetails } from "~/components/commitment-item";
import type { PageHandle } from "~/components/page-title";
import { getDb } from "~/platform/db.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { localize } from "~/platform/i18n/localize";
import { commitmentStatuses, type CommitmentStatus } from "~/notifications/notification-text";
import { commitmentView, listAllCommitments } from "~/responses/responses.server";

export const handle: PageHandle = { title: (t) => t("responses:overview.title") };

function isCommitmentStatus(value: unknown): value is CommitmentStatus {
  return (commitmentStatuses as readonly unknown[]).includes(value);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const requested = new URL(request.url).searchParams.get("status");
  const status = isCommitmentStatus(requested) ? requested : undefined;
  const [language, db] = await Promise.all([getLanguage(request), getDb()]);
  const commitments = await listAllCommitments(db, { status });
  return {
    language,
    status: status ?? "",
    commitments: commitments.map((c) => ({
      ...commitmentView(c, language, c.consultationLocale),
      consultation: { slug: c.consultationSlug, title: localize(c.consultationTitle, language, c.consultationLocale) },
    })),
  };
}

export default function CommitmentsOverviewPage() {
  const { t } = useTranslation("responses");
  const { commitments, status, language } = useLoaderData<typeof loader>();
  return (
    <article className="page commitments-page">
      <h1>{t("overview.title")}</h1>
      <p className="lead">{t("overview.intro")}</p>
      <Form method="get" className="inline-form">
        <SelectField
          name="status"
          label={t("overview.filter")}
          emptyLabel={t("overview.allStatuses")}
          choices={commitmentStatuses.map((value) => ({ value, label: t(`status.${value}`) }))}
          defaultValue={status}
        />
        <button type="submit" className="button button--small">
          {t("overview.apply")}
        </button>
      </Form>
      <p role="status">{t("overview.count", { count: commitments.length })}</p>
      <ul className="commitments">
        {commitments.map((c) => (
          <li key={c.id} className="card commitment">
            <CommitmentDetails commitment={c} language={language} headingLevel="h2">
              <p>
                <Link
                  to={`/c/${c.consultation.slug}/responses#commitment-${c.id}`}
                  lang={c.consultation.title.language}
                >
                  {c.consultation.title.text}
                </Link>
              </p>
            </CommitmentDetails>
          </li>
        ))}
      </ul>
    </article>
  );
}
