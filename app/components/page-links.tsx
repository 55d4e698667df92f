import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/platform/format";

/** Previous and next links around "page n of m"; nothing when everything fits on one page. */
export function PageLinks({
  label,
  page,
  pageCount,
  language,
  hrefFor,
  previous,
  next,
}: {
  label: string;
  page: number;
  pageCount: number;
  language: string;
  hrefFor: (page: number) => string;
  previous: string;
  next: string;
}) {
  const { t } = useTranslation("comments");
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {previous}
        </Link>
      ) : null}
      <span aria-current="page">
        {t("pagination.status", { page: formatNumber(page, language), pages: formatNumber(pageCount, language) })}
      </span>
      {page < pageCount ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {next}
        </Link>
      ) : null}
    </nav>
  );
}
