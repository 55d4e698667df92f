import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { flagReasons } from "~db/vocabulary";
import { SelectField } from "~/components/choice-fields";
import { failureFor, FormError } from "~/components/form-field";
import { isAbout, ModerationItem, ReasonFields } from "~/components/moderation-item";
import { PageLinks } from "~/components/page-links";
import type { PageHandle } from "~/components/page-title";
import { suspensionReasonText } from "~/components/suspension-reason";
import { languageAutonyms, supportedLanguages } from "~/platform/i18n/config";
import { localize } from "~/platform/i18n/localize";
import { handleModerationPost, requireModeration } from "~/web/moderation-actions.server";
import { bulkDecisions, queueAges, queueItemTypes, queueViews } from "~/moderation/options";
import {
  listActiveSuspensions,
  listMergeTargets,
  listModerationQueue,
  queueQuery,
  type QueueQuery,
} from "~/moderation/queue.server";
import { loadConsultationContext } from "~/web/consultation-context.server";
import { can } from "~/platform/permissions.server";
import { formatDate } from "~/platform/format";
import styles from "~/styles/moderation.css?url";
import type { FormFailure } from "~/web/form-failures.server";
import { FormToken } from "~/security/form-guards";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const handle: PageHandle = { title: (t) => t("moderation:queue.title") };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  requireModeration(context, request, "moderation.queue");
  const { db, consultation: row, actor, scope, language } = context;
  const query = queueQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [queue, mergeTargets, suspensions] = await Promise.all([
    listModerationQueue(db, row.id, query),
    listMergeTargets(db, row.id),
    listActiveSuspensions(db, row.id),
  ]);
  // Members write in one language: theirs is the text's own, not a fallback to flag as missing.
  const text = (value: Parameters<typeof localize>[0], written: string | null) =>
    localize(value, language, written || row.defaultLocale);
  return {
    language,
    consultation: { slug: row.slug, title: localize(row.title, language, row.defaultLocale) },
    query: { ...query, page: queue.page },
    total: queue.total,
    pageCount: queue.pageCount,
    canSuspend: can(actor, "member.suspend", scope),
    items: queue.items.map((item) => ({
      type: item.type,
      id: item.id,
      status: item.status,
      language: item.language,
      title: item.title ? text(item.title, item.language) : null,
      body:
        typeof item.body === "string"
          ? { text: item.body, language: item.language, isFallback: false }
          : text(item.body, item.language),
      priority:
        item.priorityId !== null && item.priorityTitle
          ? { id: item.priorityId, title: localize(item.priorityTitle, language, row.defaultLocale) }
          : null,
      authorId: item.authorId,
      authorName: item.authorName,
      createdAt: item.createdAt.toISOString(),
      flagCount: item.flagCount,
      flagReasons: item.flagReasons,
      flagNotes: item.flagNotes,
      themes: item.themes,
      heldFor: item.heldFor,
      pendingEdit: item.pendingEdit
        ? { ...item.pendingEdit, createdAt: item.pendingEdit.createdAt.toISOString() }
        : null,
    })),
    mergeTargets: mergeTargets.map((p) => ({ id: p.id, title: text(p.title, p.language) })),
    suspensions: suspensions.map((s) => ({
      id: s.id,
      name: s.name,
      reason: s.reason,
      endsAt: s.endsAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  return handleModerationPost(context, request, await request.formData());
}

function queueHref(slug: string, query: QueueQuery): string {
  const params = new URLSearchParams();
  if (query.view !== "open") params.set("view", query.view);
  for (const name of ["type", "language", "reason", "age"] as const) {
    const value = query[name];
    if (value) params.set(name, value);
  }
  if (query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return `/c/${slug}/moderation${search ? `?${search}` : ""}#queue`;
}

function QueueFilters({ query }: { query: QueueQuery }) {
  const { t } = useTranslation("moderation");
  const all = t("queue.filters.all");
  return (
    <Form method="get" className="filters" aria-label={t("queue.filters.label")}>
      <SelectField
        id="filter-view"
        name="view"
        label={t("queue.filters.view")}
        defaultValue={query.view}
        choices={queueViews.map((view) => ({ value: view, label: t(`queue.views.${view}`) }))}
      />
      <SelectField
        id="filter-type"
        name="type"
        label={t("queue.filters.type")}
        emptyLabel={all}
        defaultValue={query.type ?? ""}
        choices={queueItemTypes.map((type) => ({ value: type, label: t(`queue.filters.types.${type}`) }))}
      />
      <SelectField
        id="filter-language"
        name="language"
        label={t("queue.filters.language")}
        emptyLabel={all}
        defaultValue={query.language ?? ""}
        choices={supportedLanguages.map((language) => ({
          value: language,
          label: languageAutonyms[language],
          lang: language,
        }))}
      />
      <SelectField
        id="filter-reason"
        name="reason"
        label={t("queue.filters.reason")}
        emptyLabel={all}
        defaultValue={query.reason ?? ""}
        choices={flagReasons.map((reason) => ({ value: reason, label: t(`reasons.${reason}`) }))}
      />
      <SelectField
        id="filter-age"
        name="age"
        label={t("queue.filters.age")}
        emptyLabel={all}
        defaultValue={query.age ?? ""}
        choices={queueAges.map((age) => ({ value: age, label: t(`queue.filters.ages.${age}`) }))}
      />
      <button type="submit" className="button button--small">
        {t("queue.filters.apply")}
      </button>
    </Form>
  );
}

function BulkForm({ failure }: { failure?: FormFailure }) {
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

export default function ModerationQueuePage() {
  const { t } = useTranslation(["moderation", "participation"]);
  const data = useLoaderData<typeof loader>();
  const { consultation: c, query, items, language } = data;
  const failure = useActionData<FormFailure>();
  const bulkFailure = failureFor(failure, "bulk");
  const liftFailure = failureFor(failure, "lift-suspension");
  // A refusal about no item on this page (a tampered form, an item no longer listed) still shows.
  const unplaced =
    failure && !bulkFailure && !liftFailure && !items.some((item) => isAbout(failure, item)) ? failure : undefined;
  return (
    <article className="page moderation-page">
      <p>
        <Link to={`/c/${c.slug}`} lang={c.title.language}>
          {c.title.text}
        </Link>
      </p>
      <h1>{t("queue.heading")}</h1>
      <p className="lead">{t("queue.intro")}</p>
      <p>
        <Link to={`/c/${c.slug}/moderation-log`}>{t("queue.publicLogLink")}</Link>
      </p>
      <FormError message={unplaced?.formError} values={unplaced?.formErrorValues} />

      <QueueFilters query={query} />
      <BulkForm failure={bulkFailure} />

      <section aria-labelledby="queue" className="moderation-queue">
        <h2 id="queue">
          {t(`queue.views.${query.view}`)} · {t("queue.count", { count: data.total })}
        </h2>
        {items.length === 0 ? <p className="empty">{t("queue.empty")}</p> : null}
        <ol className="moderation-items">
          {items.map((item) => (
            <li key={`${item.type}-${item.id}`}>
              <ModerationItem
                item={item}
                slug={c.slug}
                language={language}
                mergeTargets={data.mergeTargets}
                canSuspend={data.canSuspend}
                failure={failure}
              />
            </li>
          ))}
        </ol>
        <PageLinks
          label={t("queue.pagination.label")}
          page={query.page}
          pageCount={data.pageCount}
          language={language}
          hrefFor={(page) => queueHref(c.slug, { ...query, page })}
          previous={t("queue.pagination.previous")}
          next={t("queue.pagination.next")}
        />
      </section>

      {data.canSuspend ? (
        <section aria-labelledby="suspensions-heading">
          <h2 id="suspensions-heading">{t("suspensions.heading")}</h2>
          <FormError message={liftFailure?.formError} values={liftFailure?.formErrorValues} />
          {data.suspensions.length === 0 ? <p className="empty">{t("suspensions.empty")}</p> : null}
          <ul className="moderation-suspensions">
            {data.suspensions.map((s) => (
              <li key={s.id}>
                <span>
                  {t("suspensions.entry", {
                    name: s.name,
                    reason: suspensionReasonText(t, s.reason),
                    date: formatDate(s.endsAt, language),
                  })}
                </span>
                <Form method="post">
                  <FormToken />
                  <input type="hidden" name="intent" value="lift-suspension" />
                  <input type="hidden" name="suspensionId" value={s.id} />
                  <button type="submit" className="button button--small" aria-label={`${t("actions.lift")}: ${s.name}`}>
                    {t("actions.lift")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
