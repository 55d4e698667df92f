import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageAutonyms, supportedLanguages } from "~/platform/i18n/config";
import { formatNumber } from "~/platform/format";

const sorts = ["newest", "oldest", "endorsed"] as const;
const stances = ["supports", "concerns", "question"] as const;

export interface CommentQueryValues {
  sort: string;
  language?: string;
  stance?: string;
  page: number;
}

/** The address of the comments with this sort, these filters and this page. */
function commentsHref(path: string, query: CommentQueryValues): string {
  const params = new URLSearchParams();
  if (query.sort !== "newest") params.set("sort", query.sort);
  if (query.language) params.set("language", query.language);
  if (query.stance) params.set("stance", query.stance);
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return `${path}${search ? `?${search}` : ""}#comments`;
}

/** Sort and filters as a plain GET form: works without JavaScript, and the address can be shared. */
export function CommentFilters({ query, path }: { query: CommentQueryValues; path: string }) {
  const { t } = useTranslation("comments");
  return (
    <Form
      method="get"
      action={`${path}#comments`}
      preventScrollReset
      className="filters"
      aria-label={t("filters.label")}
    >
      <div className="field">
        <label htmlFor="comments-sort">{t("filters.sort")}</label>
        <select id="comments-sort" name="sort" defaultValue={query.sort}>
          {sorts.map((sort) => (
            <option key={sort} value={sort}>
              {t(`filters.sorts.${sort}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="comments-language">{t("filters.language")}</label>
        <select id="comments-language" name="language" defaultValue={query.language ?? ""}>
          <option value="">{t("filters.allLanguages")}</option>
          {supportedLanguages.map((language) => (
            <option key={language} value={language} lang={language}>
              {languageAutonyms[language]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="comments-stance">{t("filters.stance")}</label>
        <select id="comments-stance" name="stance" defaultValue={query.stance ?? ""}>
          <option value="">{t("filters.allStances")}</option>
          {stances.map((stance) => (
            <option key={stance} value={stance}>
              {t(`stance.${stance}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--small">
        {t("filters.apply")}
      </button>
    </Form>
  );
}

export function CommentPagination({
  path,
  query,
  pageCount,
  language,
}: {
  path: string;
  query: CommentQueryValues;
  pageCount: number;
  language: string;
}) {
  const { t } = useTranslation("comments");
  if (pageCount <= 1) return null;
  const { page } = query;
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? (
        <Link to={commentsHref(path, { ...query, page: page - 1 })} rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : null}
      <span aria-current="page">
        {t("pagination.status", { page: formatNumber(page, language), pages: formatNumber(pageCount, language) })}
      </span>
      {page < pageCount ? (
        <Link to={commentsHref(path, { ...query, page: page + 1 })} rel="next">
          {t("pagination.next")}
        </Link>
      ) : null}
    </nav>
  );
}
