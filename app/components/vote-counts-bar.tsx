import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/format";

type Counts = { agree: number; disagree: number; pass: number };

const percent = (share: number) => `${(share * 100).toFixed(2)}%`;

/** Vote counts in words, and the same as a bar for those who read shapes faster than numbers. */
export function VoteCountsBar({ counts, language }: { counts: Counts; language: string }) {
  const { t } = useTranslation("consultation");
  const total = counts.agree + counts.disagree + counts.pass;
  const share = (n: number) => (total === 0 ? 0 : n / total);
  return (
    <div className="counts">
      <p className="counts__words">
        {t("counts.summary", {
          agree: formatNumber(counts.agree, language),
          disagree: formatNumber(counts.disagree, language),
          pass: formatNumber(counts.pass, language),
          total: formatNumber(total, language),
          count: total,
        })}
      </p>
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
