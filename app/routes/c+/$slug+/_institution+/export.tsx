import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LabelledSection } from "~/components/labelled-section";
import type { PageHandle } from "~/components/page-title";
import { getEnv } from "~/platform/env.server";
import { exportTableNames } from "~/exports/tables.server";
import { loadConsultationContextOnce } from "~/web/consultation-context.server";
import { requireAbility } from "~/web/guard.server";
import exportStyles from "~/styles/exports.css?url";
import { DataTable } from "~/components/data-table";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: exportStyles }];

export const handle: PageHandle = { title: (t) => t("exports:title") };

/** The tables and formats of a consultation's data export; plain links, so it works without JavaScript. */
export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const { consultation, scope } = await loadConsultationContextOnce(args);
  await requireAbility(request, "export.download", scope);
  return {
    consultation: { slug: consultation.slug },
    tables: exportTableNames,
    threshold: getEnv().SMALL_CELL_THRESHOLD,
  };
}

/** What the export leaves out and why, in the order the page says it; some name the small-cell threshold. */
const privacyPoints = ["pseudonyms", "published", "consent", "profiles", "smallCells", "logged"] as const;

/** The files of one table; the accessible names say which table, the visible ones need not. */
const tableFiles = [
  { suffix: ".csv", label: "tables.csv", labelFor: "tables.csvFor" },
  { suffix: ".csv?bom=1", label: "tables.csvExcel", labelFor: "tables.csvExcelFor" },
  { suffix: ".xlsx", label: "tables.xlsx", labelFor: "tables.xlsxFor" },
  { suffix: ".json", label: "tables.json", labelFor: "tables.jsonFor" },
] as const;

/**
 * A link that shows "CSV" and is read "Comments as CSV": the words around the visible ones are
 * visually hidden text, not an aria-label, so the name always contains what is seen (WCAG 2.5.3,
 * issue 18 item 6), in every language's word order.
 */
function NamedByVisibleText({ visible, full }: { visible: string; full: string }) {
  const at = full.indexOf(visible);
  if (at < 0) {
    return (
      <>
        {visible}
        <span className="visually-hidden"> ({full})</span>
      </>
    );
  }
  const before = full.slice(0, at);
  const after = full.slice(at + visible.length);
  return (
    <>
      {before ? <span className="visually-hidden">{before}</span> : null}
      {visible}
      {after ? <span className="visually-hidden">{after}</span> : null}
    </>
  );
}

export default function ExportPage() {
  const { t } = useTranslation("exports");
  const { consultation: c, tables, threshold } = useLoaderData<typeof loader>();
  const href = (file: string) => `/c/${c.slug}/export/${file}`;
  return (
    <article className="page export-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>

      <LabelledSection headingId="export-privacy" heading={t("privacy.heading")}>
        <ul>
          {privacyPoints.map((point) => (
            <li key={point}>{t(`privacy.${point}`, { threshold })}</li>
          ))}
        </ul>
      </LabelledSection>

      <LabelledSection headingId="export-formats" heading={t("formats.heading")}>
        <ul>
          <li>{t("formats.csv")}</li>
          <li>{t("formats.csvExcel")}</li>
        </ul>
      </LabelledSection>

      <LabelledSection headingId="export-whole" heading={t("whole.heading")}>
        <ul className="export-files">
          <li>
            <a href={href("all.xlsx")} download>
              {t("whole.xlsx")}
            </a>
          </li>
          <li>
            <a href={href("all.json")} download>
              {t("whole.json")}
            </a>
          </li>
          <li>
            <a href={href("package.zip")} download>
              {t("whole.package")}
            </a>
          </li>
        </ul>
      </LabelledSection>

      <LabelledSection headingId="export-tables" heading={t("tables.heading")}>
        <DataTable
          caption={t("tables.caption")}
          className="records-table"
          columns={[t("tables.table"), t("tables.contents"), t("tables.download")]}
        >
          {tables.map((name) => {
            const title = t(`tables.${name}.title`);
            return (
              <tr key={name}>
                <th scope="row">{title}</th>
                <td>{t(`tables.${name}.description`)}</td>
                <td className="records-table__links">
                  {tableFiles.map(({ suffix, label, labelFor }) => (
                    <a key={suffix} href={href(`${name}${suffix}`)} download>
                      <NamedByVisibleText visible={t(label)} full={t(labelFor, { table: title })} />
                    </a>
                  ))}
                </td>
              </tr>
            );
          })}
        </DataTable>
      </LabelledSection>
    </article>
  );
}
