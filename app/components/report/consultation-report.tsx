import { useTranslation } from "react-i18next";
import { SummaryBody } from "~/components/summary-body";
import type { ConsultationReport } from "~/reports/report-model";
import { formatDate, formatNumber } from "~/platform/format";
import { BreakdownTable } from "~/components/report/report-breakdown";
import { PriorityResult, WeeklyChart } from "~/components/report/report-charts";
import { ReportOpinionGroupsSection } from "~/components/report/report-opinion-groups";
import { TableScroll } from "~/components/table-scroll";

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
          <dt>{t("reports:cover.phase")}</dt>
          <dd>{t(`common:phase.${c.phase}`)}</dd>
          <dt>{t("reports:cover.opens")}</dt>
          <dd>{date(c.opensAt)}</dd>
          <dt>{t("reports:cover.closes")}</dt>
          <dd>{date(c.closesAt)}</dd>
          <dt>{t("reports:cover.generated")}</dt>
          <dd>{date(report.generatedAt)}</dd>
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
            <TableScroll
              caption={t("reports:responses.commitments")}
              context={`response-${r.id}`}
              className="report-table"
            >
              <thead>
                <tr>
                  <th scope="col">{t("reports:responses.what")}</th>
                  <th scope="col">{t("reports:responses.who")}</th>
                  <th scope="col">{t("reports:responses.due")}</th>
                  <th scope="col">{t("reports:responses.status")}</th>
                </tr>
              </thead>
              <tbody>
                {r.commitments.map((commitment) => (
                  <tr key={commitment.id}>
                    <td lang={commitment.what.language}>{commitment.what.text}</td>
                    <td lang={commitment.who.language}>{commitment.who.text}</td>
                    <td>{date(commitment.dueOn)}</td>
                    <td>{t(`responses:status.${commitment.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </TableScroll>
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
        <TableScroll caption={t("reports:method.commentsCaption")} className="report-table">
          <tbody>
            <tr>
              <th scope="row">{t("reports:figures.commentsReceived")}</th>
              <td>{formatNumber(report.moderation.received, language)}</td>
            </tr>
            <tr>
              <th scope="row">{t("reports:figures.commentsPublished")}</th>
              <td>{formatNumber(report.moderation.published, language)}</td>
            </tr>
            <tr>
              <th scope="row">{t("reports:method.pending")}</th>
              <td>{formatNumber(report.moderation.pending, language)}</td>
            </tr>
            <tr>
              <th scope="row">{t("reports:method.hidden")}</th>
              <td>{formatNumber(report.moderation.hidden, language)}</td>
            </tr>
            {report.moderation.hiddenByReason.map(({ reason, count }) => (
              <tr key={reason}>
                <th scope="row" className="report-table__sub">
                  {t(`moderation:reasons.${reason}`)}
                </th>
                <td>{formatNumber(count, language)}</td>
              </tr>
            ))}
          </tbody>
        </TableScroll>
      </section>
    </article>
  );
}
