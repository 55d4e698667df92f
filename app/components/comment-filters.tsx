import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { choicesOf, languageChoices, SelectField } from "~/components/choice-fields";
import { commentStances } from "~/components/comment-form";
import { PageLinks } from "~/components/page-links";

const sorts = ["newest", "oldest", "endorsed"] as const;

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
      <SelectField
        id="comments-sort"
        name="sort"
        label={t("filters.sort")}
        choices={choicesOf(sorts, (sort) => t(`filters.sorts.${sort}`))}
        defaultValue={query.sort}
      />
      <SelectField
        id="comments-language"
        name="language"
        label={t("filters.language")}
        emptyLabel={t("filters.allLanguages")}
        choices={languageChoices}
        defaultValue={query.language ?? ""}
      />
      <SelectField
        id="comments-stance"
        name="stance"
        label={t("filters.stance")}
        emptyLabel={t("filters.allStances")}
        choices={choicesOf(commentStances, (stance) => t(`stance.${stance}`))}
        defaultValue={query.stance ?? ""}
      />
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
  return (
    <PageLinks
      label={t("pagination.label")}
      page={query.page}
      pageCount={pageCount}
      language={language}
      hrefFor={(page) => commentsHref(path, { ...query, page })}
      previous={t("pagination.previous")}
      next={t("pagination.next")}
    />
  );
}
