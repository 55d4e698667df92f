import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FallbackNote } from "~/components/fallback-note";
import type { PageHandle } from "~/components/page-title";
import { VoteCountsBar } from "~/components/vote-counts-bar";
import {
  consultationScope,
  findConsultationBySlug,
  listPrioritiesWithCounts,
} from "~/consultations/consultations.server";
import { getDb } from "~/db.server";
import { getLanguage } from "~/i18n/i18n.server";
import { localize } from "~/i18n/localize";
import { requireAbility } from "~/permissions.server";
import { countryName, formatDate } from "~/utils/format";

export const handle: PageHandle = {
  title: (t, data) =>
    (data as { consultation?: { title: { text: string } } } | undefined)?.consultation?.title.text ??
    t("errors.notFound.title"),
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = await getDb();
  const row = await findConsultationBySlug(db, params.slug ?? "");
  if (!row) throw new Response("Not Found", { status: 404 });
  await requireAbility(request, "consultation.read", await consultationScope(db, row));

  const language = await getLanguage(request);
  const priorities = await listPrioritiesWithCounts(db, row.id);
  return {
    language,
    consultation: {
      slug: row.slug,
      title: localize(row.title, language, row.defaultLocale),
      summary: localize(row.summary, language, row.defaultLocale),
      context: localize(row.context, language, row.defaultLocale),
      phase: row.phase,
      opensAt: row.opensAt?.toISOString() ?? null,
      closesAt: row.closesAt?.toISOString() ?? null,
      isDemo: row.isDemo,
      countries: row.regionCountries.map((code) => countryName(code, language)),
      communities: row.regionCommunities,
    },
    priorities: priorities.map((p) => ({
      id: p.id,
      title: localize(p.title, language, row.defaultLocale),
      body: localize(p.body, language, row.defaultLocale),
      category: p.category,
      productType: p.productType,
      counts: p.counts,
    })),
  };
}

export default function ConsultationPage() {
  const { t } = useTranslation(["consultation", "common"]);
  const { consultation: c, priorities, language } = useLoaderData<typeof loader>();
  return (
    <article className="page">
      {c.isDemo ? (
        <p className="banner banner--demo" role="note">
          {t("common:demo.banner")}
        </p>
      ) : null}
      <header className="consultation-header">
        <p className="card__meta">
          <span className={`phase phase--${c.phase}`}>{t(`common:phase.${c.phase}`)}</span>
          {c.opensAt && c.closesAt ? (
            <span>
              {t("dates", { opens: formatDate(c.opensAt, language), closes: formatDate(c.closesAt, language) })}
            </span>
          ) : null}
        </p>
        <h1 lang={c.title.language}>{c.title.text}</h1>
        <FallbackNote language={c.title.language} show={c.title.isFallback} />
        <p className="lead" lang={c.summary.language}>
          {c.summary.text}
        </p>
      </header>

      <section aria-labelledby="context-heading" className="context">
        <h2 id="context-heading">{t("contextHeading")}</h2>
        <FallbackNote language={c.context.language} show={c.context.isFallback && !c.title.isFallback} />
        {c.context.text.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index} lang={c.context.language}>
            {paragraph}
          </p>
        ))}
        {c.countries.length > 0 ? (
          <p className="region">
            <strong>{t("region")}</strong> {[...c.communities, ...c.countries].join(" · ")}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="priorities-heading">
        <h2 id="priorities-heading">{t("prioritiesHeading", { count: priorities.length })}</h2>
        {priorities.length === 0 ? <p className="empty">{t("noPriorities")}</p> : null}
        <ol className="priorities">
          {priorities.map((p) => (
            <li key={p.id} id={`priority-${p.id}`} className="priority">
              <h3 lang={p.title.language}>{p.title.text}</h3>
              <FallbackNote language={p.title.language} show={p.title.isFallback} />
              <p className="priority__tags">
                <span className="tag">{t(`categories.${p.category}`)}</span>
                {p.productType ? <span className="tag tag--product">{t(`productTypes.${p.productType}`)}</span> : null}
              </p>
              <p lang={p.body.language}>{p.body.text}</p>
              <VoteCountsBar counts={p.counts} language={language} />
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
