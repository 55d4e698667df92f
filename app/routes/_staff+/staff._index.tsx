import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LabelledSection } from "~/components/labelled-section";
import type { PageHandle } from "~/components/page-title";
import { ConsultationLinks } from "~/components/staff/staff-page";
import { localize } from "~/platform/i18n/localize";
import { requireStaff } from "~/web/staff-access.server";
import { listStaffConsultations } from "~/staff/consultations.server";
import { listInstitutions } from "~/staff/institutions.server";
import { formatDate } from "~/platform/format";
import { DataTable } from "~/components/data-table";

export const handle: PageHandle = { title: (t) => t("staff:title") };

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, language } = await requireStaff(request);
  const [consultations, institutions] = await Promise.all([listStaffConsultations(db), listInstitutions(db)]);
  return {
    language,
    consultations: consultations.map((c) => ({
      slug: c.slug,
      title: localize(c.title, language, c.defaultLocale),
      phase: c.phase,
      effectivePhase: c.effectivePhase,
      opensAt: c.opensAt?.toISOString() ?? null,
      closesAt: c.closesAt?.toISOString() ?? null,
    })),
    institutions: institutions.map((i) => ({ slug: i.slug, name: localize(i.name, language) })),
  };
}

/** One kind of thing the staff look after: its heading, the button to add one, then the list (or that it is empty). */
function ManagedList({
  headingId,
  heading,
  add,
  empty,
  children,
}: {
  headingId: string;
  heading: string;
  /** The button to add one: where it goes, what it says. */
  add: { to: string; label: string };
  /** What to say instead of the list, when there is nothing in it. */
  empty: string | null;
  children: React.ReactNode;
}) {
  return (
    <LabelledSection headingId={headingId} heading={heading}>
      <p>
        <Link to={add.to} className="button">
          {add.label}
        </Link>
      </p>
      {empty ? <p className="empty">{empty}</p> : null}
      {children}
    </LabelledSection>
  );
}

export default function StaffConsolePage() {
  const { t } = useTranslation(["staff", "common"]);
  const { consultations, institutions, language } = useLoaderData<typeof loader>();
  return (
    <div className="page staff-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>

      <ManagedList
        headingId="consultations-heading"
        heading={t("list.consultationsHeading")}
        add={{ to: "/staff/consultations/new", label: t("list.newConsultation") }}
        empty={consultations.length === 0 ? t("list.noConsultations") : null}
      >
        <DataTable
          caption={t("list.consultationsCaption")}
          captionClassName="visually-hidden"
          className="staff-table"
          columns={[t("list.columns.title"), t("list.columns.phase"), t("list.columns.dates"), t("list.columns.links")]}
        >
          {consultations.map((c) => (
            <tr key={c.slug}>
              <th scope="row">
                <Link to={`/staff/consultations/${c.slug}`} lang={c.title.language}>
                  {c.title.text}
                </Link>
              </th>
              <td>
                <span className={`phase phase--${c.phase}`}>{t(`common:phase.${c.phase}`)}</span>
                {c.effectivePhase !== c.phase ? (
                  <span className="staff-effective-phase">
                    {" "}
                    {t("list.effectivePhase", { phase: t(`common:phase.${c.effectivePhase}`) })}
                  </span>
                ) : null}
              </td>
              <td>
                {c.opensAt || c.closesAt
                  ? t("list.dates", {
                      opens: c.opensAt ? formatDate(c.opensAt, language) : "–",
                      closes: c.closesAt ? formatDate(c.closesAt, language) : "–",
                    })
                  : t("list.noDates")}
              </td>
              <td>
                <ConsultationLinks slug={c.slug} />
              </td>
            </tr>
          ))}
        </DataTable>
      </ManagedList>

      <LabelledSection headingId="privacy-settings-heading" heading={t("privacy:retention.consoleHeading")}>
        <p>
          <Link to="/staff/retention">{t("privacy:retention.title")}</Link>
        </p>
      </LabelledSection>

      <LabelledSection headingId="phones-heading" heading={t("phones:simulator.consoleHeading")}>
        <p>
          <Link to="/staff/phone-simulator">{t("phones:simulator.title")}</Link>
        </p>
      </LabelledSection>

      <ManagedList
        headingId="institutions-list-heading"
        heading={t("list.institutionsHeading")}
        add={{ to: "/staff/institutions/new", label: t("list.newInstitution") }}
        empty={institutions.length === 0 ? t("list.noInstitutions") : null}
      >
        <ul className="staff-list">
          {institutions.map((i) => (
            <li key={i.slug}>
              <Link to={`/staff/institutions/${i.slug}`} lang={i.name.language}>
                {i.name.text}
              </Link>
            </li>
          ))}
        </ul>
      </ManagedList>
    </div>
  );
}
