import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { failureFor, FormError } from "~/components/form-field";
import { isAbout, ModerationItem } from "~/components/moderation-item";
import { PageLinks } from "~/components/page-links";
import type { PageHandle } from "~/components/page-title";
import { suspensionReasonText } from "~/components/suspension-reason";
import { queueQuery } from "~/moderation/queue.server";
import { formatDate } from "~/platform/format";
import { FormToken } from "~/security/form-guards";
import styles from "~/styles/moderation.css?url";
import { loadConsultationContext, loadConsultationContextOnce } from "~/web/consultation-context.server";
import type { FormFailure } from "~/web/form-failures.server";
import { handleModerationPost, requireModeration } from "~/web/moderation-actions.server";
import { BulkForm, QueueFilters, queueHref } from "./__queue-forms";
import { loadQueuePage } from "./queue-page.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const handle: PageHandle = { title: (t) => t("moderation:queue.title") };

export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const context = await loadConsultationContextOnce(args);
  requireModeration(context, request, "moderation.queue");
  return loadQueuePage(context, queueQuery.parse(Object.fromEntries(new URL(request.url).searchParams)));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  return handleModerationPost(context, request, await request.formData());
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
      <h1>{t("queue.heading")}</h1>
      <p className="lead">{t("queue.intro")}</p>
      <p>
        <Link to={`/c/${c.slug}/moderation-log`}>{t("queue.publicLogLink")}</Link>
      </p>
      <p>
        {/* Whoever moderates a consultation may use the simulator (permission "phones.simulate"). */}
        <Link to="/staff/phone-simulator">{t("phones:simulator.tryLink")}</Link>
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
