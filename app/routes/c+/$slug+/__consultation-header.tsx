/** The top of the consultation page: its phase and dates, title, summary and whether one may take part. */
import { useTranslation } from "react-i18next";
import { FallbackNote } from "~/components/fallback-note";
import { formatDate } from "~/platform/format";
import type { ConsultationPageData } from "./consultation-page.server";

export function ConsultationHeader({
  data: { consultation: c, language, ability, suspensionReason },
  formError,
}: {
  data: Pick<ConsultationPageData, "consultation" | "language" | "ability" | "suspensionReason">;
  /** A refused post that no form below shows (an unknown intent, say), already translated. */
  formError: string | null;
}) {
  const { t } = useTranslation(["consultation", "common", "participation"]);
  return (
    <>
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
        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : null}
        {ability === "not-open" ? <p className="banner">{t("participation:refusal.notOpen")}</p> : null}
        {suspensionReason !== null ? (
          <p className="banner">{t("participation:refusal.suspended", { reason: suspensionReason })}</p>
        ) : null}
      </header>
    </>
  );
}
