import { useTranslation } from "react-i18next";
import type { PriorityResult } from "~/participation/results";
import { formatNumber, formatPercent } from "~/platform/format";

const percent = (share: number) => `${(share * 100).toFixed(2)}%`;

export type ResultsHiddenReason = "after-vote" | "after-close";

/** A priority's results in words (with the 95 % interval), and as a bar for those who read shapes. */
export function PriorityResults({
  result,
  language,
  hidden,
}: {
  result: PriorityResult;
  language: string;
  hidden: ResultsHiddenReason | null;
}) {
  const { t } = useTranslation("participation");
  if (hidden) {
    return <p className="results results--hidden">{t(`results.hidden.${hidden}`)}</p>;
  }
  const { counts, total, agreeShare, agreeInterval } = result;
  const share = (n: number) => (total === 0 ? 0 : n / total);
  return (
    <div className="results">
      <p className="results__words">
        {t("results.counts", {
          agree: formatNumber(counts.agree, language),
          disagree: formatNumber(counts.disagree, language),
          pass: formatNumber(counts.pass, language),
          total: formatNumber(total, language),
          count: total,
        })}
      </p>
      {agreeShare !== null && agreeInterval ? (
        <p className="results__share">
          {t("results.agreeShare", {
            share: formatPercent(agreeShare, language),
            low: formatPercent(agreeInterval.low, language),
            high: formatPercent(agreeInterval.high, language),
          })}
        </p>
      ) : (
        <p className="results__share">{t("results.noVotes")}</p>
      )}
      {total > 0 ? (
        <div className="bar" aria-hidden="true">
          <span className="bar__agree" style={{ inlineSize: percent(share(counts.agree)) }} />
          <span className="bar__disagree" style={{ inlineSize: percent(share(counts.disagree)) }} />
          <span className="bar__pass" style={{ inlineSize: percent(share(counts.pass)) }} />
        </div>
      ) : null}
    </div>
  );
}
