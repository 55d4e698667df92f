/** The consultation page's priorities: the filters above them and each one with its vote and results. */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { priorityCategories, productTypes } from "~db/vocabulary";
import { SelectField } from "~/components/choice-fields";
import { FallbackNote } from "~/components/fallback-note";
import { PriorityResults } from "~/components/priority-results";
import { VoteForm } from "~/components/vote-form";
import type { FormFailure } from "~/web/form-failures.server";
import type { ConsultationPageData, PriorityFilterValues } from "./consultation-page.server";

/** The filter menus: each narrows the list to one value of a priority's field, "all" first. */
const filterMenus = [
  {
    name: "category",
    label: "participation:filters.category",
    all: "participation:filters.allCategories",
    values: priorityCategories,
    valueLabels: "categories",
  },
  {
    name: "product",
    label: "participation:filters.productType",
    all: "participation:filters.allProductTypes",
    values: productTypes,
    valueLabels: "productTypes",
  },
] as const;

/** A plain GET form: works without JavaScript, and the filtered address can be shared. */
export function PriorityFilters({ filters }: { filters: PriorityFilterValues }) {
  const { t } = useTranslation(["consultation", "participation"]);
  return (
    <Form method="get" className="filters" aria-label={t("participation:filters.label")}>
      {filterMenus.map((menu) => (
        <SelectField
          key={menu.name}
          id={`filter-${menu.name}`}
          name={menu.name}
          label={t(menu.label)}
          defaultValue={filters[menu.name] ?? ""}
          emptyLabel={t(menu.all)}
          choices={menu.values.map((value) => ({ value, label: t(`${menu.valueLabels}.${value}`) }))}
        />
      ))}
      <button type="submit" className="button button--small">
        {t("participation:filters.apply")}
      </button>
    </Form>
  );
}

export function PriorityList({
  slug,
  priorities,
  ability,
  language,
  failure,
  signInHref,
}: {
  slug: string;
  priorities: ConsultationPageData["priorities"];
  ability: ConsultationPageData["ability"];
  language: string;
  /** The refused vote, if any: shown at the priority it was for. */
  failure: FormFailure | undefined;
  signInHref: (anchor: string) => string;
}) {
  const { t } = useTranslation(["consultation", "participation"]);
  return (
    <>
      {priorities.length === 0 ? <p className="empty">{t("participation:filters.noMatch")}</p> : null}
      <ol className="priorities">
        {priorities.map((p) => (
          <li key={p.id} id={`priority-${p.id}`} className="priority">
            <h3 lang={p.title.language}>
              <Link to={`/c/${slug}/p/${p.id}`}>{p.title.text}</Link>
            </h3>
            <FallbackNote language={p.title.language} show={p.title.isFallback} />
            <p className="priority__tags">
              <span className="tag">{t(`categories.${p.category}`)}</span>
              {p.productType ? <span className="tag tag--product">{t(`productTypes.${p.productType}`)}</span> : null}
            </p>
            <p lang={p.body.language}>{p.body.text}</p>
            <VoteForm
              priorityId={p.id}
              ownVote={p.ownVote}
              ability={ability}
              title={p.title}
              signInHref={signInHref(`priority-${p.id}`)}
              failure={failure?.values.priorityId === String(p.id) ? failure : undefined}
            />
            <PriorityResults result={p.result} language={language} hidden={p.resultsHidden} />
            <p>
              <Link to={`/c/${slug}/p/${p.id}#comments`}>{t("participation:priority.readComments")}</Link>
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
