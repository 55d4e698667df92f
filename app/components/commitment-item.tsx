import { useTranslation } from "react-i18next";
import type { LocalizedValue } from "~/i18n/localize";
import { formatDate } from "~/utils/format";

export interface CommitmentView {
  id: number;
  what: LocalizedValue;
  who: string;
  dueOn: string | null;
  status: string;
  statusReason: string | null;
  history?: Array<{ fromStatus: string | null; toStatus: string; reason: string | null; at: string }>;
}

export function CommitmentStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("responses");
  return <span className={`commitment-status commitment-status--${status}`}>{t(`status.${status}`)}</span>;
}

/** A commitment as the public sees it: what, who, when, its status and (when given) its history. */
export function CommitmentDetails({
  commitment: c,
  language,
  headingLevel: Heading = "h3",
  children,
}: {
  commitment: CommitmentView;
  language: string;
  headingLevel?: "h2" | "h3" | "h4";
  children?: React.ReactNode;
}) {
  const { t } = useTranslation("responses");
  return (
    <>
      <Heading lang={c.what.language}>{c.what.text}</Heading>
      <p className="card__meta">
        <CommitmentStatusBadge status={c.status} />
        <span>{t("commitment.who", { who: c.who })}</span>
        {c.dueOn ? <span>{t("commitment.due", { date: formatDate(c.dueOn, language) })}</span> : null}
      </p>
      {c.statusReason ? <p>{t("commitment.reason", { reason: c.statusReason })}</p> : null}
      {c.history && c.history.length > 0 ? (
        <details className="commitment-history">
          <summary>{t("commitment.history")}</summary>
          <ol>
            {c.history.map((change, index) => (
              <li key={index}>
                <time dateTime={change.at}>{formatDate(change.at, language)}</time>{" "}
                {change.fromStatus
                  ? t("commitment.changed", {
                      from: t(`status.${change.fromStatus}`),
                      to: t(`status.${change.toStatus}`),
                    })
                  : t("commitment.made")}
                {change.reason ? ` — ${change.reason}` : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {children}
    </>
  );
}
