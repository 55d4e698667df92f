/** The consultations an institution owns or follows, with their figures and the institution's tools. */
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DataTable } from "~/components/data-table";
import { formatNumber } from "~/platform/format";
import type { loader } from "./route";

export function PortalConsultations() {
  const { t } = useTranslation("api");
  const { consultations, language } = useLoaderData<typeof loader>();
  const number = (value: number) => formatNumber(value, language);
  return (
    <section aria-labelledby="portal-consultations">
      <h2 id="portal-consultations">{t("portal.consultations.heading")}</h2>
      {consultations.length === 0 ? (
        <p>{t("portal.consultations.none")}</p>
      ) : (
        <DataTable
          caption={t("portal.consultations.caption")}
          className="records-table"
          columns={[
            t("portal.consultations.consultation"),
            t("portal.consultations.phase"),
            t("portal.consultations.participants"),
            t("portal.consultations.votes"),
            t("portal.consultations.comments"),
            t("portal.consultations.links"),
          ]}
        >
          {consultations.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/c/${c.slug}`} lang={c.title.language}>
                  {c.title.text}
                </Link>{" "}
                <span className="portal-relation">
                  {t(c.owned ? "portal.consultations.owned" : "portal.consultations.followed")}
                </span>
              </th>
              <td>{t(`common:phase.${c.phase}`)}</td>
              <td>{number(c.participants)}</td>
              <td>{number(c.votes)}</td>
              <td>{number(c.publishedComments)}</td>
              <td className="records-table__links">
                <Link to={`/c/${c.slug}/export`}>{t("portal.consultations.export")}</Link>
                {c.owned ? <Link to={`/c/${c.slug}/responses/edit`}>{t("portal.consultations.responses")}</Link> : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
