import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LabelledSection } from "~/components/labelled-section";
import type { PageHandle } from "~/components/page-title";
import { getDb } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { loadRetention } from "~/privacy/retention.server";
import { formatDate } from "~/platform/format";

export const handle: PageHandle = { title: (t) => t("privacy:notice.title") };

/** "30 days" in the reader's language, with its own plural rules. */
function formatDays(days: number, language: string): string {
  return new Intl.NumberFormat(language, { style: "unit", unit: "day", unitDisplay: "long" }).format(days);
}

/** The address in `Name <address>`, or the whole value. */
function mailAddress(from: string): string {
  return /<([^<>]+)>/.exec(from)?.[1] ?? from;
}

/** The privacy notice (issue 14 item 7): public, with the retention periods the admin set. */
export async function loader({ request }: LoaderFunctionArgs) {
  const [language, retention] = await Promise.all([getLanguage(request), loadRetention(await getDb())]);
  const env = getEnv();
  return {
    site: env.BASE_URL,
    contact: env.PRIVACY_CONTACT ?? mailAddress(env.MAIL_FROM),
    retention: {
      sessions: formatDays(retention.sessionsDays, language),
      rateLimit: formatDays(retention.rateLimitDays, language),
      mail: formatDays(retention.mailDays, language),
    },
    updated: formatDate(retention.updatedAt ?? new Date("2026-12-05T00:00:00Z"), language),
  };
}

const collected = ["account", "profile", "participation", "notifications", "signIns", "rateLimits"] as const;
const purposes = ["account", "participation", "statistics", "notifications", "safety", "reports"] as const;
const retentionPeriods = ["sessions", "rateLimit", "mail"] as const;
const rights = [
  { key: "access", to: "/profile/data" },
  { key: "rectify", to: "/profile" },
  { key: "erase", to: "/profile/delete" },
  { key: "withdraw", to: "/profile#consents" },
  { key: "object", to: null },
  { key: "complain", to: null },
] as const;

export default function PrivacyNoticePage() {
  const { t } = useTranslation("privacy");
  const { site, contact, retention, updated } = useLoaderData<typeof loader>();
  return (
    <article className="page narrow privacy-page">
      <h1>{t("notice.title")}</h1>
      <p className="lead">{t("notice.intro")}</p>
      <p>{t("notice.updated", { date: updated })}</p>

      <LabelledSection headingId="privacy-controller" heading={t("notice.controller.heading")}>
        <p>{t("notice.controller.body", { site })}</p>
      </LabelledSection>

      <LabelledSection headingId="privacy-collected" heading={t("notice.collected.heading")}>
        <ul>
          {collected.map((key) => (
            <li key={key}>{t(`notice.collected.${key}`)}</li>
          ))}
        </ul>
        <p>{t("notice.collected.never")}</p>
      </LabelledSection>

      <LabelledSection headingId="privacy-purposes" heading={t("notice.purposes.heading")}>
        <dl>
          {purposes.map((key) => (
            <div key={key}>
              <dt>{t(`notice.purposes.${key}.what`)}</dt>
              <dd>{t(`notice.purposes.${key}.basis`)}</dd>
            </div>
          ))}
        </dl>
      </LabelledSection>

      <LabelledSection headingId="privacy-retention" heading={t("notice.retention.heading")}>
        <ul>
          {retentionPeriods.map((kept) => (
            <li key={kept}>{t(`notice.retention.${kept}`, { period: retention[kept] })}</li>
          ))}
          <li>{t("notice.retention.account")}</li>
        </ul>
      </LabelledSection>

      <LabelledSection headingId="privacy-rights" heading={t("notice.rights.heading")}>
        <ul>
          {rights.map(({ key, to }) => (
            <li key={key}>
              {t(`notice.rights.${key}.text`)}
              {to ? (
                <>
                  {" "}
                  <Link to={to}>{t(`notice.rights.${key}.link`)}</Link>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </LabelledSection>

      <LabelledSection headingId="privacy-contact" heading={t("notice.contact.heading")}>
        <p>
          {t("notice.contact.body")} <a href={`mailto:${contact}`}>{contact}</a>
        </p>
      </LabelledSection>
    </article>
  );
}
