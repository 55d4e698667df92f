import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import { listPrioritiesWithCounts } from "~/consultations/consultations.server";
import { languageAutonyms, supportedLanguages } from "~/platform/i18n/config";
import { localize } from "~/platform/i18n/localize";
import { loadConsultationContextOnce } from "~/web/consultation-context.server";
import { listConsultationSummaries } from "~/summaries/summaries.server";
import { requireConsultationAbility } from "~/web/guard.server";
import summaryStyles from "~/styles/summaries.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: summaryStyles }];

export const handle: PageHandle = { title: (t) => t("summaries:overview.title") };

export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const context = await loadConsultationContextOnce(args);
  requireConsultationAbility(request, context, "summary.write");
  const { db, consultation: row, language } = context;
  const [priorities, summaries] = await Promise.all([
    listPrioritiesWithCounts(db, row.id),
    listConsultationSummaries(db, row.id),
  ]);
  const scopes = [
    { key: "consultation", priorityId: null, title: null },
    ...priorities.map((p) => ({
      key: String(p.id),
      priorityId: p.id,
      title: localize(p.title, language, row.defaultLocale),
    })),
  ];
  return {
    consultation: { slug: row.slug, title: localize(row.title, language, row.defaultLocale) },
    scopes: scopes.map((scope) => ({
      ...scope,
      locales: supportedLanguages.map((locale) => {
        const found = summaries.find((s) => s.priorityId === scope.priorityId && s.locale === locale);
        return {
          locale,
          status: found ? found.status : ("none" as const),
          latestVersion: found?.latestVersion ?? null,
          publishedVersion: found?.publishedVersion ?? null,
        };
      }),
    })),
  };
}

export default function SummariesOverview() {
  const { t } = useTranslation("summaries");
  const { consultation: c, scopes } = useLoaderData<typeof loader>();
  return (
    <article className="page summaries-page">
      <h1>{t("overview.title")}</h1>
      <p className="lead">{t("overview.intro")}</p>
      <p>
        <Link to={`/c/${c.slug}/summary`}>{t("overview.publicLink")}</Link>
      </p>
      {scopes.map((scope) => (
        <section key={scope.key} aria-labelledby={`scope-${scope.key}`} className="summary-scope">
          <h2 id={`scope-${scope.key}`} lang={scope.title?.language}>
            {scope.title ? scope.title.text : t("scope.consultation")}
          </h2>
          <ul className="summary-locales">
            {scope.locales.map((entry) => (
              <li key={entry.locale}>
                <Link to={`/c/${c.slug}/summaries/${scope.key}/${entry.locale}`} lang={entry.locale}>
                  {languageAutonyms[entry.locale]}
                </Link>{" "}
                <span className={`summary-status summary-status--${entry.status}`}>{t(`status.${entry.status}`)}</span>{" "}
                {entry.latestVersion !== null && entry.latestVersion !== entry.publishedVersion ? (
                  <span className="summary-status summary-status--changes">{t("status.unpublishedChanges")}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
