import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import type { PageHandle } from "~/components/page-title";
import { API_DOWNLOAD_PREFIX, AUDIT_PAGE_SIZE, listDownloads } from "~/exports/exports.server";
import { getDb } from "~/platform/db.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { localize } from "~/platform/i18n/localize";
import { requireAbility } from "~/web/guard.server";
import { formatNumber } from "~/platform/format";
import exportStyles from "~/styles/exports.css?url";
import { DataTable } from "~/components/data-table";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: exportStyles }];

export const handle: PageHandle = { title: (t) => t("exports:audit.title") };

const pageParam = z.coerce.number().int().min(1).max(1_000_000).catch(1);

/** Who downloaded which report or export of which consultation, and when: for admins only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "downloads.audit", null);
  const page = pageParam.parse(new URL(request.url).searchParams.get("page") ?? undefined);
  const [{ entries, total }, language] = await Promise.all([listDownloads(await getDb(), page), getLanguage(request)]);
  return {
    language,
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    total,
    entries: entries.map((entry) => ({
      id: entry.id,
      createdAt: entry.createdAt.toISOString(),
      who: entry.userName === null ? null : { name: entry.userName, email: entry.userEmail },
      throughApi: entry.kind.startsWith(API_DOWNLOAD_PREFIX),
      institution: entry.institutionName ? localize(entry.institutionName, language).text : null,
      consultation: { slug: entry.consultationSlug, title: localize(entry.consultationTitle, language) },
      kind: entry.kind,
      format: entry.format,
    })),
  };
}

function formatTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
    new Date(iso),
  );
}

export default function DownloadsAuditPage() {
  const { t } = useTranslation("exports");
  const { language, page, pageCount, total, entries } = useLoaderData<typeof loader>();
  return (
    <article className="page audit-page">
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>
      {entries.length === 0 ? (
        <p className="empty">{t("audit.empty")}</p>
      ) : (
        <>
          <p>{t("audit.total", { count: total, formattedCount: formatNumber(total, language) })}</p>
          <DataTable
            caption={t("audit.caption")}
            className="records-table"
            columns={(["when", "who", "institution", "consultation", "kind", "format"] as const).map((column) =>
              t(`audit.${column}`),
            )}
          >
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.createdAt}>{formatTime(entry.createdAt, language)}</time>
                </td>
                <td>
                  {entry.who ? (
                    <>
                      {entry.who.name} <span className="audit-page__email">{entry.who.email}</span>
                    </>
                  ) : entry.throughApi ? (
                    t("audit.apiToken")
                  ) : (
                    t("audit.deletedUser")
                  )}
                </td>
                <td>{entry.institution ?? t("audit.noInstitution")}</td>
                <td>
                  <Link to={`/c/${entry.consultation.slug}`} lang={entry.consultation.title.language}>
                    {entry.consultation.title.text}
                  </Link>
                </td>
                <td>
                  <code>{entry.kind}</code>
                </td>
                <td>
                  <code>{entry.format}</code>
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      {pageCount > 1 ? (
        <nav className="pagination" aria-label={t("audit.pagination.label")}>
          {page > 1 ? (
            <Link to={`?page=${page - 1}`} rel="prev">
              {t("audit.pagination.previous")}
            </Link>
          ) : null}
          <span aria-current="page">
            {t("audit.pagination.status", {
              page: formatNumber(page, language),
              pages: formatNumber(pageCount, language),
            })}
          </span>
          {page < pageCount ? (
            <Link to={`?page=${page + 1}`} rel="next">
              {t("audit.pagination.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </article>
  );
}
