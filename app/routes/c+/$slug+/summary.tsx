import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FallbackNote } from "~/components/fallback-note";
import type { PageHandle } from "~/components/page-title";
import { SummaryBody } from "~/components/summary-body";
import { listPrioritiesWithCounts } from "~/consultations/consultations.server";
import { localize } from "~/platform/i18n/localize";
import { loadConsultationContextOnce } from "~/web/consultation-context.server";
import { can } from "~/platform/permissions.server";
import { listPublicSummaries } from "~/summaries/summaries.server";
import summaryStyles from "~/styles/summaries.css?url";
import { formatDate } from "~/platform/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: summaryStyles }];

export const handle: PageHandle = { title: (t) => t("summaries:public.title") };

export async function loader(args: LoaderFunctionArgs) {
  const context = await loadConsultationContextOnce(args);
  const { db, consultation: row, language, actor, scope } = context;
  const [summaries, priorities] = await Promise.all([
    listPublicSummaries(db, row, language),
    listPrioritiesWithCounts(db, row.id),
  ]);
  const present = (entry: (typeof summaries)[number]) => ({
    ...entry,
    publishedAt: entry.publishedAt?.toISOString() ?? null,
  });
  const overall = summaries.find((entry) => entry.priorityId === null);
  return {
    language,
    consultation: { slug: row.slug, title: localize(row.title, language, row.defaultLocale) },
    canWrite: can(actor, "summary.write", scope),
    overall: overall ? present(overall) : null,
    priorities: priorities.flatMap((p) => {
      const entry = summaries.find((candidate) => candidate.priorityId === p.id);
      return entry ? [{ ...present(entry), title: localize(p.title, language, row.defaultLocale) }] : [];
    }),
  };
}

export default function PublicSummaryPage() {
  const { t } = useTranslation("summaries");
  const { consultation: c, overall, priorities, language, canWrite } = useLoaderData<typeof loader>();
  return (
    <article className="page summary-page">
      <h1>{t("public.heading")}</h1>
      {canWrite ? (
        <p>
          <Link to={`/c/${c.slug}/summaries`}>{t("public.editLink")}</Link>
        </p>
      ) : null}
      {!overall && priorities.length === 0 ? <p className="empty">{t("public.none")}</p> : null}
      {overall ? (
        <section aria-labelledby="overall-heading">
          <h2 id="overall-heading">{t("public.overallHeading")}</h2>
          <FallbackNote language={overall.language} show={overall.isFallback} />
          <p className="card__meta">{t("public.publishedOn", { date: formatDate(overall.publishedAt, language) })}</p>
          <SummaryBody segments={overall.segments} textLanguage={overall.language} language={language} />
        </section>
      ) : null}
      {priorities.map((entry) => (
        <section key={entry.priorityId} aria-labelledby={`summary-priority-${entry.priorityId}`}>
          <h2 id={`summary-priority-${entry.priorityId}`}>
            <span className="summary-page__kicker">{t("public.priorityKicker")}</span>{" "}
            <Link to={`/c/${c.slug}/p/${entry.priorityId}`} lang={entry.title.language}>
              {entry.title.text}
            </Link>
          </h2>
          <FallbackNote language={entry.language} show={entry.isFallback} />
          <p className="card__meta">{t("public.publishedOn", { date: formatDate(entry.publishedAt, language) })}</p>
          <SummaryBody segments={entry.segments} textLanguage={entry.language} language={language} />
        </section>
      ))}
    </article>
  );
}
