import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PageLinks } from "~/components/page-links";
import type { PageHandle } from "~/components/page-title";
import { localize } from "~/platform/i18n/localize";
import { listPublicModerationLog } from "~/moderation/public-log.server";
import { loadConsultationContextOnce } from "~/web/consultation-context.server";
import { formatDate } from "~/platform/format";
import styles from "~/styles/moderation.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const handle: PageHandle = { title: (t) => t("moderation:log.title") };

const logQuery = z.object({ page: z.coerce.number().int().min(1).catch(1) });

/** Anyone who may read the consultation may read its moderation log: it names nobody and quotes nothing. */
export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const { db, consultation: row, language } = await loadConsultationContextOnce(args);
  const { page } = logQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const log = await listPublicModerationLog(db, row.id, page);
  return {
    language,
    consultation: { slug: row.slug, title: localize(row.title, language, row.defaultLocale) },
    page: log.page,
    pageCount: log.pageCount,
    entries: log.entries.map((entry) => ({
      id: entry.id,
      targetType: entry.targetType,
      action: entry.action,
      reason: entry.reason,
      automatic: entry.automatic,
      createdAt: entry.createdAt.toISOString(),
    })),
  };
}

export default function ModerationLogPage() {
  const { t, i18n } = useTranslation("moderation");
  const { consultation: c, entries, language, page, pageCount } = useLoaderData<typeof loader>();
  const describe = (entry: (typeof entries)[number]) => {
    const key = `log.entries.${entry.targetType}.${entry.action}`;
    const what = i18n.exists(`moderation:${key}`) ? t(key) : t("log.entries.other");
    const reasonKey = `reasons.${entry.reason}`;
    return entry.reason && i18n.exists(`moderation:${reasonKey}`)
      ? t("log.entry", { what, reason: t(reasonKey) })
      : what;
  };
  return (
    <article className="page moderation-log">
      <h1>{t("log.title")}</h1>
      <p className="lead">{t("log.intro")}</p>
      {entries.length === 0 ? <p className="empty">{t("log.empty")}</p> : null}
      <ol className="moderation-log__entries">
        {entries.map((entry) => (
          <li key={entry.id}>
            <time dateTime={entry.createdAt}>{formatDate(entry.createdAt, language)}</time>{" "}
            <span className="moderation-log__what">{describe(entry)}</span>
            {entry.automatic ? <span className="tag">{t("log.automatic")}</span> : null}
          </li>
        ))}
      </ol>
      <PageLinks
        label={t("log.pagination.label")}
        page={page}
        pageCount={pageCount}
        language={language}
        hrefFor={(n) => `/c/${c.slug}/moderation-log${n > 1 ? `?page=${n}` : ""}`}
        previous={t("log.pagination.previous")}
        next={t("log.pagination.next")}
      />
    </article>
  );
}
