import { Link } from "@remix-run/react";
import type { LocalizedValue } from "~/platform/i18n/localize";

/**
 * The first line of a page under a consultation: its title, in the language it is written in,
 * linking back to the consultation's page.
 */
export function ConsultationBackLink({
  consultation,
  className,
}: {
  consultation: { slug: string; title: LocalizedValue };
  className?: string;
}) {
  return (
    <p className={className}>
      <Link to={`/c/${consultation.slug}`} lang={consultation.title.language}>
        {consultation.title.text}
      </Link>
    </p>
  );
}
