/** The queue's filters (a GET form, so a filtered queue has an address) and its bulk decision form. */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { flagReasons } from "~db/vocabulary";
import { SelectField, type Choice } from "~/components/choice-fields";
import { FormError } from "~/components/form-field";
import { ReasonFields } from "~/components/moderation-item";
import { bulkDecisions, queueAges, queueItemTypes, queueViews } from "~/moderation/options";
import { languageAutonyms, supportedLanguages } from "~/platform/i18n/config";
import type { QueueQuery } from "~/moderation/queue.server";
import { FormToken } from "~/security/form-guards";
import type { FormFailure } from "~/web/form-failures.server";

/** The filters that may be left empty ("all"); the view always has a value. */
const optionalFilters = ["type", "language", "reason", "age"] as const;

/** The queue's address with these filters and page, at the list. */
export function queueHref(slug: string, query: QueueQuery): string {
  const params = new URLSearchParams();
  if (query.view !== "open") params.set("view", query.view);
  for (const name of optionalFilters) {
    const value = query[name];
    if (value) params.set(name, value);
  }
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return `/c/${slug}/moderation${search ? `?${search}` : ""}#queue`;
}

export function QueueFilters({ query }: { query: QueueQuery }) {
  const { t } = useTranslation("moderation");
  const choices: Record<(typeof optionalFilters)[number], Choice[]> = {
    type: queueItemTypes.map((type) => ({ value: type, label: t(`queue.filters.types.${type}`) })),
    language: supportedLanguages.map((language) => ({
      value: language,
      label: languageAutonyms[language],
      lang: language,
    })),
    reason: flagReasons.map((reason) => ({ value: reason, label: t(`reasons.${reason}`) })),
    age: queueAges.map((age) => ({ value: age, label: t(`queue.filters.ages.${age}`) })),
  };
  return (
    <Form method="get" className="filters" aria-label={t("queue.filters.label")}>
      <SelectField
        id="filter-view"
        name="view"
        label={t("queue.filters.view")}
        defaultValue={query.view}
        choices={queueViews.map((view) => ({ value: view, label: t(`queue.views.${view}`) }))}
      />
      {optionalFilters.map((name) => (
        <SelectField
          key={name}
          id={`filter-${name}`}
          name={name}
          label={t(`queue.filters.${name}`)}
          emptyLabel={t("queue.filters.all")}
          defaultValue={query[name] ?? ""}
          choices={choices[name]}
        />
      ))}
      <button type="submit" className="button button--small">
        {t("queue.filters.apply")}
      </button>
    </Form>
  );
}

/** One decision for the items ticked in the queue (their checkboxes belong to this form by id). */
export function BulkForm({ failure }: { failure?: FormFailure }) {
  const { t } = useTranslation("moderation");
  return (
    <Form method="post" id="bulk-form" className="moderation-bulk stack" aria-labelledby="bulk-heading">
      <FormToken />
      <h2 id="bulk-heading">{t("bulk.heading")}</h2>
      <p className="field__hint">{t("bulk.hint")}</p>
      <input type="hidden" name="intent" value="bulk" />
      <FormError message={failure?.fieldErrors.item ?? failure?.formError} values={failure?.formErrorValues} />
      <div className="moderation-bulk__fields">
        <SelectField
          id="bulk-action"
          name="bulkAction"
          label={t("bulk.action")}
          emptyLabel={t("bulk.choose")}
          required
          defaultValue={failure?.values.bulkAction ?? ""}
          error={failure?.fieldErrors.bulkAction}
          choices={bulkDecisions.map((decision) => ({ value: decision, label: t(`bulk.actions.${decision}`) }))}
        />
        <ReasonFields idPrefix="bulk" failure={failure} reasonLabel={t("bulk.reason")} optionalReason />
      </div>
      <button type="submit" className="button button--small">
        {t("bulk.submit")}
      </button>
    </Form>
  );
}
