import { useTranslation } from "react-i18next";
import { FallbackNote } from "~/components/fallback-note";
import type { LocalizedValue } from "~/platform/i18n/localize";
import { formatDate } from "~/platform/format";

export interface CommitmentView {
  id: number;
  what: LocalizedValue;
  who: LocalizedValue;
  dueOn: string | null;
  status: string;
  statusReason: LocalizedValue | null;
  history?: Array<{ fromStatus: string | null; toStatus: string; reason: LocalizedValue | null; at: string }>;
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
  // One note for the commitment, naming the first language shown in place of the reader's.
  const fallback = [c.what, c.who, c.statusReason].find((text) => text?.isFallback);
  return (
    <>
      <Heading lang={c.what.language}>{c.what.text}</Heading>
      <p className="card__meta">
        <CommitmentStatusBadge status={c.status} />
        <span>{t("commitment.who", { who: c.who.text })}</span>
        {c.dueOn ? <span>{t("commitment.due", { date: formatDate(c.dueOn, language) })}</span> : null}
      </p>
      <FallbackNote language={fallback?.language ?? language} show={Boolean(fallback)} />
      {c.statusReason ? <p>{t("commitment.reason", { reason: c.statusReason.text })}</p> : null}
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
                {change.reason ? (
                  <>
                    {" — "}
                    <span lang={change.reason.language}>{change.reason.text}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {children}
    </>
  );
}
