import { failureFor } from "~/components/form-field";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { priorityCategories, productTypes } from "~db/vocabulary";
import { BallotSection } from "~/components/ballot-form";
import { FallbackNote } from "~/components/fallback-note";
import { OpinionMap } from "~/components/opinion-map";
import type { PageHandle } from "~/components/page-title";
import { PriorityResults } from "~/components/priority-results";
import { VoteForm } from "~/components/vote-form";
import { listPrioritiesWithCounts } from "~/consultations/consultations.server";
import { localize } from "~/platform/i18n/localize";
import { loadOpinionMapSection } from "~/opinion/opinion-map.server";
import { handleBallot } from "~/web/ballot-action.server";
import { loadBallotSection } from "~/participation/ballot.server";
import { loadConsultationContext } from "~/web/consultation-context.server";
import { participationRefusal } from "~/participation/refusal.server";
import { resultsVisibleTo, summarizeVotes } from "~/participation/results";
import { handleVote } from "~/web/vote-action.server";
import { findOwnVotes } from "~/participation/votes.server";
import { can } from "~/platform/permissions.server";
import type { AppLoadContext } from "~/web/request.server";
import { hasPublishedSummary } from "~/summaries/summaries.server";
import { countryName, formatDate } from "~/platform/format";
import { formFailure, type FormFailure } from "~/web/form-failures.server";
import { backTo } from "~/web/respond.server";

export const handle: PageHandle = {
  title: (t, data) =>
    (data as { consultation?: { title: { text: string } } } | undefined)?.consultation?.title.text ??
    t("errors.notFound.title"),
};

const filtersSchema = z.object({
  category: z.enum(priorityCategories).optional().catch(undefined),
  product: z.enum(productTypes).optional().catch(undefined),
});

export async function loader({ request, params, context: loadContext }: LoaderFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  const { db, consultation: row, actor, scope, language } = context;
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [priorities, ownVotes, refusal, ballot, summaryPublished] = await Promise.all([
    listPrioritiesWithCounts(db, row.id),
    actor.kind === "member" ? findOwnVotes(db, actor.userId, row.id) : new Map(),
    participationRefusal(context, "priority.vote"),
    loadBallotSection(context),
    hasPublishedSummary(db, row.id),
  ]);
  const opinionMap = await loadOpinionMapSection(context, { hasVoted: ownVotes.size > 0 });
  const { documentRequest, renderOnly } = loadContext as AppLoadContext;
  if (opinionMap.state === "ok" && documentRequest && renderOnly) {
    // The page's HTML draws the dots; its hydration data need not carry them again (issue 18, item 8).
    renderOnly.opinionMapDots = opinionMap.drawing.dots ?? undefined;
    opinionMap.drawing.dots = null;
  }
  const shown = priorities.filter(
    (p) =>
      (!filters.category || p.category === filters.category) && (!filters.product || p.productType === filters.product),
  );
  const hiddenReason = row.resultsVisibility === "after_close" ? ("after-close" as const) : ("after-vote" as const);
  return {
    language,
    filters,
    signedIn: actor.kind === "member",
    canModerate: can(actor, "moderation.queue", scope),
    canExport: can(actor, "export.download", scope),
    canReadReport: can(actor, "report.download", scope),
    reportIsPublic: can(actor, "report.readPublic", scope),
    canRespond: can(actor, "response.publish", scope),
    ability: refusal ? refusal.reason : ("can-vote" as const),
    suspensionReason: refusal?.reason === "suspended" ? refusal.suspensionReason : null,
    consultation: {
      slug: row.slug,
      title: localize(row.title, language, row.defaultLocale),
      summary: localize(row.summary, language, row.defaultLocale),
      context: localize(row.context, language, row.defaultLocale),
      phase: row.phase,
      opensAt: row.opensAt?.toISOString() ?? null,
      closesAt: row.closesAt?.toISOString() ?? null,
      isDemo: row.isDemo,
      countries: row.regionCountries.map((code) => countryName(code, language)),
      communities: row.regionCommunities,
    },
    totalPriorities: priorities.length,
    summaryPublished,
    canWriteSummaries: can(actor, "summary.write", context.scope),
    ballot,
    opinionMap,
    priorities: shown.map((p) => {
      const ownVote = ownVotes.get(p.id) ?? null;
      const visible = resultsVisibleTo(row.resultsVisibility, { phase: row.phase, hasVoted: ownVote !== null });
      return {
        id: p.id,
        title: localize(p.title, language, row.defaultLocale),
        body: localize(p.body, language, row.defaultLocale),
        category: p.category,
        productType: p.productType,
        ownVote,
        // Hidden results are not sent at all: the page source must not reveal them either.
        result: visible ? summarizeVotes(p.counts) : summarizeVotes({ agree: 0, disagree: 0, pass: 0 }),
        resultsHidden: visible ? null : hiddenReason,
      };
    }),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { request, params } = args;
  const context = await loadConsultationContext(request, params.slug);
  const formData = await request.formData();
  switch (formData.get("intent")) {
    case "vote":
      return handleVote(context, formData, args, (priorityId) => backTo(request, `priority-${priorityId}`));
    case "ballot":
      return handleBallot(context, formData, args, backTo(request, "ballot"));
    default:
      return formFailure(formData, { fieldErrors: {}, formError: "participation:errors.unknownAction" }, 400);
  }
}

export default function ConsultationPage() {
  const { t } = useTranslation(["consultation", "common", "participation", "moderation"]);
  const {
    consultation: c,
    priorities,
    language,
    ability,
    suspensionReason,
    filters,
    totalPriorities,
    summaryPublished,
    canWriteSummaries,
    ballot,
    opinionMap,
    signedIn,
    canModerate,
    canExport,
    canReadReport,
    reportIsPublic,
    canRespond,
  } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const signInHref = (anchor: string) => `/sign-in?redirectTo=${encodeURIComponent(`/c/${c.slug}#${anchor}`)}`;
  return (
    <article className="page">
      {c.isDemo ? (
        <p className="banner banner--demo" role="note">
          {t("common:demo.banner")}
        </p>
      ) : null}
      <header className="consultation-header">
        <p className="card__meta">
          <span className={`phase phase--${c.phase}`}>{t(`common:phase.${c.phase}`)}</span>
          {c.opensAt && c.closesAt ? (
            <span>
              {t("dates", { opens: formatDate(c.opensAt, language), closes: formatDate(c.closesAt, language) })}
            </span>
          ) : null}
        </p>
        <h1 lang={c.title.language}>{c.title.text}</h1>
        <FallbackNote language={c.title.language} show={c.title.isFallback} />
        <p className="lead" lang={c.summary.language}>
          {c.summary.text}
        </p>
        {failure?.formError &&
        failure.values.intent !== "ballot" &&
        !priorities.some((p) => String(p.id) === failure.values.priorityId) ? (
          <p className="form-error" role="alert">
            {t(failure.formError, failure.formErrorValues)}
          </p>
        ) : null}
        <nav aria-label={t("consultation:links.label")}>
          <ul className="inline-list">
            {summaryPublished ? (
              <li>
                <Link to={`/c/${c.slug}/summary`}>{t("summaries:public.link")}</Link>
              </li>
            ) : null}
            {reportIsPublic ? (
              <li>
                <Link to={`/c/${c.slug}/report`}>{t("reports:link")}</Link>
              </li>
            ) : null}
            <li>
              <Link to={`/c/${c.slug}/responses`}>{t("responses:link")}</Link>
            </li>
            <li>
              <Link to={`/c/${c.slug}/moderation-log`}>{t("moderation:log.link")}</Link>
            </li>
          </ul>
        </nav>
        {canModerate || canWriteSummaries || canRespond || canExport || (canReadReport && !reportIsPublic) ? (
          <nav aria-label={t("consultation:links.toolsLabel")}>
            <ul className="inline-list">
              {canModerate ? (
                <li>
                  <Link to={`/c/${c.slug}/moderation`}>{t("moderation:queue.heading")}</Link>
                </li>
              ) : null}
              {canWriteSummaries ? (
                <li>
                  <Link to={`/c/${c.slug}/summaries`}>{t("summaries:overview.link")}</Link>
                </li>
              ) : null}
              {canRespond ? (
                <li>
                  <Link to={`/c/${c.slug}/responses/edit`}>{t("responses:editor.title")}</Link>
                </li>
              ) : null}
              {canExport ? (
                <li>
                  <Link to={`/c/${c.slug}/export`}>{t("exports:title")}</Link>
                </li>
              ) : null}
              {canReadReport && !reportIsPublic ? (
                <li>
                  <Link to={`/c/${c.slug}/report`}>{t("reports:link")}</Link>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
        {ability === "not-open" ? <p className="banner">{t("participation:refusal.notOpen")}</p> : null}
        {suspensionReason !== null ? (
          <p className="banner">{t("participation:refusal.suspended", { reason: suspensionReason })}</p>
        ) : null}
      </header>

      <section aria-labelledby="context-heading" className="context">
        <h2 id="context-heading">{t("contextHeading")}</h2>
        <FallbackNote language={c.context.language} show={c.context.isFallback && !c.title.isFallback} />
        {c.context.text.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index} lang={c.context.language}>
            {paragraph}
          </p>
        ))}
        {c.countries.length > 0 ? (
          <p className="region">
            <strong>{t("region")}</strong> {[...c.communities, ...c.countries].join(" · ")}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="priorities-heading">
        <h2 id="priorities-heading">{t("prioritiesHeading", { count: totalPriorities })}</h2>
        <p>
          <Link to={`/c/${c.slug}/propose`}>{t("proposals:link")}</Link>
        </p>
        <Form method="get" className="filters" aria-label={t("participation:filters.label")}>
          <div className="field">
            <label htmlFor="filter-category">{t("participation:filters.category")}</label>
            <select id="filter-category" name="category" defaultValue={filters.category ?? ""}>
              <option value="">{t("participation:filters.allCategories")}</option>
              {priorityCategories.map((category) => (
                <option key={category} value={category}>
                  {t(`categories.${category}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-product">{t("participation:filters.productType")}</label>
            <select id="filter-product" name="product" defaultValue={filters.product ?? ""}>
              <option value="">{t("participation:filters.allProductTypes")}</option>
              {productTypes.map((product) => (
                <option key={product} value={product}>
                  {t(`productTypes.${product}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--small">
            {t("participation:filters.apply")}
          </button>
        </Form>
        {priorities.length === 0 ? <p className="empty">{t("participation:filters.noMatch")}</p> : null}
        <ol className="priorities">
          {priorities.map((p) => (
            <li key={p.id} id={`priority-${p.id}`} className="priority">
              <h3 lang={p.title.language}>
                <Link to={`/c/${c.slug}/p/${p.id}`}>{p.title.text}</Link>
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
                <Link to={`/c/${c.slug}/p/${p.id}#comments`}>{t("participation:priority.readComments")}</Link>
              </p>
            </li>
          ))}
        </ol>
      </section>

      {ballot ? (
        <BallotSection
          ballot={ballot}
          ability={ability}
          signInHref={signInHref("ballot")}
          language={language}
          failure={failureFor(failure, "ballot")}
        />
      ) : null}

      <OpinionMap section={opinionMap} language={language} signedIn={signedIn} />
    </article>
  );
}
