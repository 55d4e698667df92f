import { useTranslation } from "react-i18next";
import { niceMax, seriesPoints, shareBar } from "~/reports/charts";
import type { ConsultationReport, ReportPriority } from "~/reports/report-model";
import { formatDate, formatNumber, formatPercent } from "~/platform/format";
import { ShownCount } from "~/components/report/shown-count";
import { DataTable } from "~/components/data-table";

const CHART = { width: 640, height: 200, margin: 40 };

/** Votes and published comments per week: an SVG line chart, with the same figures as a table for screen readers and print. */
export function WeeklyChart({ weekly, language }: { weekly: ConsultationReport["weekly"]; language: string }) {
  const { t } = useTranslation("reports");
  if (weekly.length === 0) return <p>{t("weekly.empty")}</p>;
  const max = niceMax(Math.max(...weekly.flatMap((w) => [w.counts.votes, w.counts.comments])));
  const area = { width: CHART.width - 2 * CHART.margin, height: CHART.height - 2 * CHART.margin };
  const line = (kind: "votes" | "comments") =>
    seriesPoints(
      weekly.map((w) => w.counts[kind]),
      max,
      area,
    )
      .map(({ x, y }) => `${x},${y}`)
      .join(" ");
  return (
    <figure className="report-figure">
      <svg
        role="img"
        aria-labelledby="weekly-title weekly-desc"
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        className="report-chart"
      >
        <title id="weekly-title">{t("weekly.chartTitle")}</title>
        <desc id="weekly-desc">
          {t("weekly.chartDesc", { weeks: weekly.length, max: formatNumber(max, language) })}
        </desc>
        <g transform={`translate(${CHART.margin} ${CHART.margin})`}>
          <line x1={0} y1={area.height} x2={area.width} y2={area.height} className="report-chart__axis" />
          <line x1={0} y1={0} x2={0} y2={area.height} className="report-chart__axis" />
          <text x={-6} y={4} textAnchor="end" className="report-chart__label">
            {formatNumber(max, language)}
          </text>
          <text x={-6} y={area.height} textAnchor="end" className="report-chart__label">
            0
          </text>
          <polyline points={line("votes")} className="report-chart__votes" fill="none" />
          <polyline points={line("comments")} className="report-chart__comments" fill="none" />
        </g>
      </svg>
      <figcaption>
        <span className="report-key report-key--votes">{t("weekly.votes")}</span>{" "}
        <span className="report-key report-key--comments">{t("weekly.comments")}</span>
      </figcaption>
      <DataTable
        caption={t("weekly.tableCaption")}
        className="report-table"
        columns={[t("weekly.week"), t("weekly.votes"), t("weekly.comments")]}
      >
        {weekly.map((w) => (
          <tr key={w.week}>
            <th scope="row">{formatDate(w.week, language)}</th>
            <td>{formatNumber(w.counts.votes, language)}</td>
            <td>{formatNumber(w.counts.comments, language)}</td>
          </tr>
        ))}
      </DataTable>
    </figure>
  );
}

const BAR = { length: 300, height: 14, gap: 6, labelWidth: 0 };

function ShareRow({
  y,
  share,
  interval,
  className,
}: {
  y: number;
  share: number | null;
  interval: ReportPriority["agreeInterval"];
  className: string;
}) {
  if (share === null) return null;
  const bar = shareBar(share, interval, BAR.length);
  const middle = y + BAR.height / 2;
  return (
    <g>
      <rect x={0} y={y} width={BAR.length} height={BAR.height} className="report-bar__track" />
      <rect x={0} y={y} width={bar.width} height={BAR.height} className={className} />
      <line x1={bar.low} y1={middle} x2={bar.high} y2={middle} className="report-bar__whisker" />
      <line x1={bar.low} y1={y} x2={bar.low} y2={y + BAR.height} className="report-bar__whisker" />
      <line x1={bar.high} y1={y} x2={bar.high} y2={y + BAR.height} className="report-bar__whisker" />
    </g>
  );
}

/** Agree, disagree, pass and their total, in the order of the result table's columns. */
function countsOf<N>(votes: { counts: { agree: N; disagree: N; pass: N }; total: N }): N[] {
  return [votes.counts.agree, votes.counts.disagree, votes.counts.pass, votes.total];
}

/** One line of a priority's result table: who voted, the counts, and the share that agrees. */
function ResultRow({
  who,
  counts,
  share,
}: {
  who: React.ReactNode;
  counts: readonly React.ReactNode[];
  share: string;
}) {
  return (
    <tr>
      <th scope="row">{who}</th>
      {counts.map((count, place) => (
        <td key={place}>{count}</td>
      ))}
      <td>{share}</td>
    </tr>
  );
}

/** One priority's agreement among everyone and without declared commercial interests, with 95 % intervals. */
export function PriorityResult({
  priority: p,
  language,
  threshold,
  showBallot,
}: {
  priority: ReportPriority;
  language: string;
  threshold: number;
  showBallot: boolean;
}) {
  const { t } = useTranslation("reports");
  const percent = (share: number | null) => (share === null ? t("results.notShown") : formatPercent(share, language));
  const interval = (i: ReportPriority["agreeInterval"]) =>
    i ? t("results.interval", { low: formatPercent(i.low, language), high: formatPercent(i.high, language) }) : "";
  const w = p.withoutInterest;
  const titleId = `priority-${p.id}-chart`;
  return (
    <section className="report-priority" aria-labelledby={`priority-${p.id}`}>
      <h3 id={`priority-${p.id}`} lang={p.title.language}>
        {p.title.text}
      </h3>
      <svg
        role="img"
        aria-labelledby={titleId}
        viewBox={`0 0 ${BAR.length} ${2 * BAR.height + BAR.gap}`}
        className="report-bars"
      >
        <title id={titleId}>
          {t("results.chartTitle", {
            everyone: percent(p.agreeShare),
            without: percent(w.agreeShare),
          })}
        </title>
        <ShareRow y={0} share={p.agreeShare} interval={p.agreeInterval} className="report-bar__everyone" />
        <ShareRow
          y={BAR.height + BAR.gap}
          share={w.agreeShare}
          interval={w.agreeInterval}
          className="report-bar__without"
        />
      </svg>
      <DataTable
        caption={t("results.tableCaption")}
        context={`priority-${p.id}`}
        className="report-table"
        columns={(["who", "agree", "disagree", "pass", "total", "agreeShare"] as const).map((column) =>
          t(`results.${column}`),
        )}
      >
        <ResultRow
          who={<span className="report-key report-key--everyone">{t("results.everyone")}</span>}
          counts={countsOf(p).map((n) => formatNumber(n, language))}
          share={`${percent(p.agreeShare)} ${interval(p.agreeInterval)}`}
        />
        <ResultRow
          who={<span className="report-key report-key--without">{t("results.withoutInterest")}</span>}
          counts={countsOf(w).map((n) => (
            <ShownCount value={n} threshold={threshold} />
          ))}
          share={`${percent(w.agreeShare)} ${interval(w.agreeInterval)}`}
        />
      </DataTable>
      {showBallot ? <p>{t("results.ballotPoints", { count: p.ballotPoints })}</p> : null}
    </section>
  );
}
