import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { SummaryBody } from "~/components/summary-body";
import type { ConsultationReport } from "~/reports/report-model";
import { formatDate, formatNumber } from "~/platform/format";
import { BreakdownTable, ChannelTable } from "~/components/report/report-breakdown";
import { PriorityResult, WeeklyChart } from "~/components/report/report-charts";
import { ReportOpinionGroupsSection } from "~/components/report/report-opinion-groups";
import { DataTable } from "~/components/data-table";

/** A row of the moderation table: what, and how many; `sub` for a part of the row above (one reason for hiding). */
function CountRow({ label, count, language, sub }: { label: string; count: number; language: string; sub?: boolean }) {
  return (
    <tr>
      <th scope="row" className={sub ? "report-table__sub" : undefined}>
        {label}
      </th>
      <td>{formatNumber(count, language)}</td>
    </tr>
  );
}

/** The whole report, one printed page per section; pure rendering of the report model. */
export function ConsultationReportView({ report, language }: { report: ConsultationReport; language: string }) {
  const { t } = useTranslation(["reports", "common", "staff", "moderation", "responses"]);
  const { consultation: c, figures, smallCellThreshold: threshold } = report;
  const date = (value: string | null) => (value ? formatDate(value, language) : t("reports:cover.noDate"));
  const figureList = [
    ["participants", figures.participants],
    ["votes", figures.votes],
    ["commentsReceived", figures.commentsReceived],
    ["commentsPublished", figures.commentsPublished],
    ["proposals", figures.proposals],
    ["priorities", figures.priorities],
  ] as const;
  const coverDates = [
    ["phase", t(`common:phase.${c.phase}`)],
    ["opens", date(c.opensAt)],
    ["closes", date(c.closesAt)],
    ["generated", date(report.generatedAt)],
  ] as const;
  const moderationCounts = [
    ["reports:figures.commentsReceived", report.moderation.received],
    ["reports:figures.commentsPublished", report.moderation.published],
    ["reports:method.pending", report.moderation.pending],
    ["reports:method.hidden", report.moderation.hidden],
  ] as const;
  return (
    <article className="page report-page">
      <p className="report-back">
        <a href={`/c/${c.slug}`}>{t("reports:back")}</a> ·{" "}
        <a href={`/c/${c.slug}/report/pdf?locale=${language}`}>{t("reports:pdfLink")}</a>
      </p>
      <section className="report-section report-cover" aria-labelledby="report-title">
        <p className="report-kicker">{t("reports:cover.kicker")}</p>
        <h1 id="report-title" lang={c.title.language}>
          {c.title.text}
        </h1>
        <p lang={c.summary.language}>{c.summary.text}</p>
        <dl className="report-dates">
          {coverDates.map(([key, value]) => (
            <Fragment key={key}>
              <dt>{t(`reports:cover.${key}`)}</dt>
              <dd>{value}</dd>
            </Fragment>
          ))}
        </dl>
        <h2>{t("reports:figures.heading")}</h2>
        <dl className="report-figures">
          {figureList.map(([key, value]) => (
            <div key={key}>
              <dt>{t(`reports:figures.${key}`)}</dt>
              <dd>{formatNumber(value, language)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="report-section" aria-labelledby="report-weekly">
        <h2 id="report-weekly">{t("reports:weekly.heading")}</h2>
        <WeeklyChart weekly={report.weekly} language={language} />
      </section>

      <section className="report-section" aria-labelledby="report-who">
        <h2 id="report-who">{t("reports:breakdowns.heading")}</h2>
        <p>{t("reports:breakdowns.intro", { threshold })}</p>
        <div className="report-breakdowns">
          {report.breakdowns.map((b) => (
            <BreakdownTable key={b.key} breakdown={b} language={language} threshold={threshold} />
          ))}
        </div>
      </section>

      <section className="report-section" aria-labelledby="report-channels">
        <h2 id="report-channels">{t("reports:channels.heading")}</h2>
        <p>{t("reports:channels.intro", { threshold })}</p>
        <ChannelTable channels={report.channels} threshold={threshold} />
      </section>

      <section className="report-section" aria-labelledby="report-results">
        <h2 id="report-results">{t("reports:results.heading")}</h2>
        <p>{t("reports:results.intro")}</p>
        {report.priorities.map((p) => (
          <PriorityResult
            key={p.id}
            priority={p}
            language={language}
            threshold={threshold}
            showBallot={c.ballotBudget !== null}
          />
        ))}
      </section>

      <section className="report-section" aria-labelledby="report-summaries">
        <h2 id="report-summaries">{t("reports:summaries.heading")}</h2>
        {report.summaries.length === 0 ? <p>{t("reports:summaries.none")}</p> : null}
        {report.summaries.map((s) => {
          const priority = report.priorities.find((p) => p.id === s.priorityId);
          return (
            <section key={s.priorityId ?? "overall"} className="report-summary">
              <h3 lang={priority?.title.language}>{priority ? priority.title.text : t("reports:summaries.overall")}</h3>
              <SummaryBody segments={s.segments} textLanguage={s.language} language={language} />
            </section>
          );
        })}
      </section>

      <section className="report-section" aria-labelledby="report-responses">
        <h2 id="report-responses">{t("reports:responses.heading")}</h2>
        {report.responses.length === 0 ? <p>{t("reports:responses.none")}</p> : null}
        {report.responses.map((r) => (
          <section key={r.id}>
            <h3 id={`response-${r.id}`} lang={r.title.language}>
              {r.title.text}
            </h3>
            <DataTable
              caption={t("reports:responses.commitments")}
              context={`response-${r.id}`}
              className="report-table"
              columns={(["what", "who", "due", "status"] as const).map((column) => t(`reports:responses.${column}`))}
            >
              {r.commitments.map((commitment) => (
                <tr key={commitment.id}>
                  <td lang={commitment.what.language}>{commitment.what.text}</td>
                  <td lang={commitment.who.language}>{commitment.who.text}</td>
                  <td>{date(commitment.dueOn)}</td>
                  <td>{t(`responses:status.${commitment.status}`)}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        ))}
      </section>

      <ReportOpinionGroupsSection groups={report.opinionGroups} language={language} threshold={threshold} />

      <section className="report-section" aria-labelledby="report-method">
        <h2 id="report-method">{t("reports:method.heading")}</h2>
        <ul>
          <li>{t("reports:method.dates", { opens: date(c.opensAt), closes: date(c.closesAt) })}</li>
          <li>
            {t("reports:method.moderation")} {t(`staff:moderationModes.${c.moderationMode}`)}
          </li>
          <li>{t("reports:method.participants")}</li>
          <li>{t("reports:method.smallCells", { threshold })}</li>
          <li>{t("reports:method.consent")}</li>
          <li>{t("reports:method.interest")}</li>
          <li>{t("reports:method.intervals")}</li>
        </ul>
        <DataTable caption={t("reports:method.commentsCaption")} className="report-table">
          {moderationCounts.map(([label, count]) => (
            <CountRow key={label} label={t(label)} count={count} language={language} />
          ))}
          {report.moderation.hiddenByReason.map(({ reason, count }) => (
            <CountRow key={reason} label={t(`moderation:reasons.${reason}`)} count={count} language={language} sub />
          ))}
        </DataTable>
      </section>
    </article>
  );
}
