import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LabelledSection } from "~/components/labelled-section";
import type { PageHandle } from "~/components/page-title";
import { closingDate } from "~/consultations/closing-date";
import { listVisibleConsultations } from "~/consultations/consultations.server";
import { getDb } from "~/platform/db.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { localize } from "~/platform/i18n/localize";
import { formatDate, formatNumber } from "~/platform/format";

export const handle: PageHandle = { title: (t) => t("home.title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const [language, consultations] = await Promise.all([getLanguage(request), listVisibleConsultations(await getDb())]);
  return {
    language,
    consultations: consultations.map((c) => ({
      slug: c.slug,
      title: localize(c.title, language),
      summary: localize(c.summary, language),
      phase: c.phase,
      opensAt: c.opensAt?.toISOString() ?? null,
      closesAt: c.closesAt?.toISOString() ?? null,
      isDemo: c.isDemo,
      participantCount: c.participantCount,
    })),
  };
}

type ConsultationCard = Awaited<ReturnType<typeof loader>>["consultations"][number];

export default function HomePage() {
  const { t } = useTranslation();
  const { consultations, language } = useLoaderData<typeof loader>();
  const open = consultations.filter((c) => c.phase === "open");
  const others = consultations.filter((c) => c.phase !== "open");
  return (
    <div className="page">
      <section className="hero">
        <h1>{t("home.heading")}</h1>
        <p className="lead">{t("home.intro")}</p>
        <ul className="hero__roles">
          <li>{t("home.roles.members")}</li>
          <li>{t("home.roles.moderators")}</li>
          <li>{t("home.roles.institutions")}</li>
        </ul>
      </section>
      <ConsultationCards list="open" consultations={open} language={language} />
      <ConsultationCards list="others" consultations={others} language={language} />
    </div>
  );
}

/** The home page's two lists of consultations: the open ones first, then all the others. */
const cardLists = {
  open: { headingId: "open-heading", heading: "home.openConsultations", empty: "home.noOpenConsultations" },
  others: { headingId: "closed-heading", heading: "home.otherConsultations", empty: "home.noOtherConsultations" },
} as const;

/** One of the lists: its heading, then a card a consultation (or that there is none). */
function ConsultationCards({
  list,
  consultations,
  language,
}: {
  list: keyof typeof cardLists;
  consultations: readonly ConsultationCard[];
  language: string;
}) {
  const { t } = useTranslation();
  const { headingId, heading, empty } = cardLists[list];
  return (
    <LabelledSection headingId={headingId} heading={t(heading)}>
      {consultations.length === 0 ? <p className="empty">{t(empty)}</p> : null}
      <ul className="cards">
        {consultations.map((c) => (
          <ConsultationCardItem key={c.slug} consultation={c} language={language} />
        ))}
      </ul>
    </LabelledSection>
  );
}

function ConsultationCardItem({ consultation: c, language }: { consultation: ConsultationCard; language: string }) {
  const { t } = useTranslation();
  const closing = closingDate(c.phase, c.closesAt);
  return (
    <li className="card">
      <h3 lang={c.title.language}>
        <Link to={`/c/${c.slug}`}>{c.title.text}</Link>
      </h3>
      <p className="card__meta">
        <span className={`phase phase--${c.phase}`}>{t(`phase.${c.phase}`)}</span>
        {c.isDemo ? <span className="badge badge--demo">{t("demo.badge")}</span> : null}
        {closing ? <span>{t(closing.key, { date: formatDate(closing.date, language) })}</span> : null}
        <span>
          {t("home.participants", { count: c.participantCount, formatted: formatNumber(c.participantCount, language) })}
        </span>
      </p>
      <p lang={c.summary.language}>{c.summary.text}</p>
    </li>
  );
}
