import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { LocalizedValue } from "~/platform/i18n/localize";

/** A page of the staff console below its front page: a link back up, then the page itself. */
export function StaffPage({
  backTo,
  backLabel,
  children,
}: {
  backTo: string;
  backLabel: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="page narrow staff-page">
      <p>
        <Link to={backTo}>{backLabel}</Link>
      </p>
      {children}
    </div>
  );
}

/** A page about one part of a consultation (its phase, its priorities), below its settings page. */
export function ConsultationSubpage({
  slug,
  title,
  children,
}: {
  slug: string;
  title: LocalizedValue;
  children: React.ReactNode;
}) {
  const { t } = useTranslation("staff");
  return (
    <StaffPage
      backTo={`/staff/consultations/${slug}`}
      backLabel={
        <>
          {t("phase.backTo")} <span lang={title.language}>{title.text}</span>
        </>
      }
    >
      {children}
    </StaffPage>
  );
}

/** Where staff go from a consultation: its priorities and its public page. */
export function ConsultationLinks({ slug }: { slug: string }) {
  const { t } = useTranslation("staff");
  return (
    <ul className="staff-links">
      <li>
        <Link to={`/staff/consultations/${slug}/priorities`}>{t("list.priorities")}</Link>
      </li>
      <li>
        <Link to={`/c/${slug}`}>{t("list.publicPage")}</Link>
      </li>
    </ul>
  );
}
