import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { PriorityResults } from "~/components/priority-results";
import { SummaryBody } from "~/components/summary-body";
import { listPrioritiesWithCounts } from "~/consultations/consultations.server";
import { isSupportedLanguage, languageAutonyms } from "~/platform/i18n/config";
import { localize } from "~/platform/i18n/localize";
import { loadConsultationContext, type ConsultationContext } from "~/web/consultation-context.server";
import { summarizeVotes } from "~/participation/results";
import { can, type Member } from "~/platform/permissions.server";
import {
  deleteDraftSummary,
  diffVersions,
  findQuoteProblems,
  findSummary,
  findVersionText,
  isQuotableComment,
  listQuotableComments,
  listSummaryVersions,
  loadPublicQuotes,
  presentSegments,
  publishSummary,
  restoreVersion,
  saveSummaryVersion,
  summaryForm,
  summaryLocale,
  summaryScopeParam,
  unpublishSummary,
  versionNumber,
  type SummaryScope,
} from "~/summaries/summaries.server";
import { requireConsultationAbility } from "~/web/guard.server";
import { appendQuoteToken, quotedCommentIds, renderSummaryMarkdown } from "~/summaries/summary-markdown";
import summaryStyles from "~/styles/summaries.css?url";
import { formatDate, formatDateTime, formatNumber } from "~/platform/format";
import { formFailure, type FormFailure } from "~/web/form-failures.server";
import { rowId } from "~/platform/zod-fields";
import { backTo, respondSuccess } from "~/web/respond.server";
import { FormToken } from "~/security/form-guards";
import { parseSubmission } from "~/web/forms.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: summaryStyles }];

export const handle: PageHandle = {
  title: (t, loaded) => {
    const page = loaded as { scopeTitle?: string } | undefined;
    return page?.scopeTitle ? t("summaries:editor.title", { scope: page.scopeTitle }) : t("errors.notFound.title");
  },
};

const diffQuery = z.object({
  from: versionNumber.optional().catch(undefined),
  to: versionNumber.optional().catch(undefined),
});

/** The scope and locale of the address; null when they name nothing of this consultation. */
async function resolveTarget(context: ConsultationContext, params: Record<string, string | undefined>) {
  const locale = summaryLocale.safeParse(params.locale);
  const scope = summaryScopeParam.safeParse(params.scope);
  const priorities = await listPrioritiesWithCounts(context.db, context.consultation.id);
  const priority = scope.success && scope.data !== null ? priorities.find((p) => p.id === scope.data) : undefined;
  const validScope = scope.success && (scope.data === null || priority !== undefined);
  return {
    locale: locale.success ? locale.data : null,
    priorityId: validScope ? scope.data : undefined,
    priority,
    priorities,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  const actor = requireConsultationAbility(request, context, "summary.write");
  const { db, consultation: row, language } = context;
  const target = await resolveTarget(context, params);
  if (!target.locale || target.priorityId === undefined) throw new Response("Not Found", { status: 404 });
  const { locale, priorityId, priority, priorities } = target;
  const scope = { consultationId: row.id, priorityId, locale };

  const found = await findSummary(db, scope);
  const versions = found ? await listSummaryVersions(db, found.id) : [];
  const latest = versions[0];
  const text = found && latest ? ((await findVersionText(db, found.id, latest.version)) ?? "") : "";
  const query = diffQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [problems, quotable, quotes, diff] = await Promise.all([
    findQuoteProblems(db, row.id, found?.id ?? null, text),
    listQuotableComments(db, row.id, priorityId),
    loadPublicQuotes(db, row.id, quotedCommentIds(text)),
    found && query.from && query.to ? diffVersions(db, found.id, query.from, query.to) : null,
  ]);
  const scopeTitle = priority
    ? localize(priority.title, language, row.defaultLocale)
    : localize(row.title, language, row.defaultLocale);
  const resultsOf = priority ? [priority] : priorities;
  return {
    language,
    locale,
    scopeTitle: scopeTitle.text,
    scopeTitleLanguage: scopeTitle.language,
    isConsultationScope: priorityId === null,
    consultation: { slug: row.slug },
    canPublish: can(actor, "summary.publish", context.scope),
    summary: found
      ? {
          status: found.status,
          publishedVersion: found.publishedVersion,
          publishedAt: found.publishedAt?.toISOString() ?? null,
        }
      : null,
    text,
    preview: presentSegments(renderSummaryMarkdown(text), quotes),
    // Staff only: this page is for the consultation's moderators and admins.
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    diff: diff ? { from: query.from!, to: query.to!, parts: diff } : null,
    problems,
    results: resultsOf.map((p) => ({
      id: p.id,
      title: localize(p.title, language, row.defaultLocale),
      result: summarizeVotes(p.counts),
    })),
    quotable,
  };
}

/** Answer to "quote this comment": the text with the quote line added, not saved yet. */
interface QuoteInserted {
  draft: string;
  insertedCommentId: number;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  const actor = requireConsultationAbility(request, context, "summary.write");
  const formData = await request.formData();
  const target = await resolveTarget(context, params);
  if (!target.locale) {
    return formFailure(formData, { fieldErrors: {}, formError: "summaries:errors.unknownLocale" }, 400);
  }
  if (target.priorityId === undefined) {
    return formFailure(formData, { fieldErrors: {}, formError: "summaries:errors.unknownScope" }, 404);
  }
  const scope = { consultationId: context.consultation.id, priorityId: target.priorityId, locale: target.locale };
  if (formData.has("quoteCommentId")) return handleInsertQuote(context, scope.priorityId, formData);

  switch (formData.get("intent")) {
    case "save":
      return handleSave(request, context, actor, scope, formData);
    case "restore":
      return handleRestore(request, context, actor, scope, formData);
    case "publish":
    case "unpublish":
      return handlePublication(request, context, scope, formData);
    case "delete":
      return handleDelete(request, context, scope, formData);
    default:
      return formFailure(formData, { fieldErrors: {}, formError: "summaries:errors.unknownAction" }, 400);
  }
}

async function handleInsertQuote(context: ConsultationContext, priorityId: number | null, formData: FormData) {
  const commentId = rowId("summaries:errors.unknownQuote").safeParse(formData.get("quoteCommentId"));
  const body = formData.get("body");
  if (
    !commentId.success ||
    typeof body !== "string" ||
    !(await isQuotableComment(context.db, context.consultation.id, priorityId, commentId.data))
  ) {
    return formFailure(formData, { fieldErrors: {}, formError: "summaries:errors.unknownQuote" }, 400);
  }
  return data<QuoteInserted>({ draft: appendQuoteToken(body, commentId.data), insertedCommentId: commentId.data });
}

async function handleSave(
  request: Request,
  context: ConsultationContext,
  actor: Member,
  scope: SummaryScope,
  formData: FormData,
) {
  const parsed = parseSubmission(summaryForm, formData);
  if (!parsed.ok) return parsed.answer;
  const saved = await saveSummaryVersion(context.db, {
    ...scope,
    bodyMarkdown: parsed.data.body,
    authorId: actor.userId,
  });
  if (!saved.ok) {
    return formFailure(formData, {
      fieldErrors: { body: "summaries:errors.quoteNotInConsultation" },
      formErrorValues: { id: saved.commentId },
    });
  }
  return respondSuccess(formData, {
    redirectTo: backTo(request, "editor"),
    flash: { message: "summaries:flash.saved", values: { version: saved.version } },
    result: { version: saved.version },
  });
}

async function handleRestore(
  request: Request,
  context: ConsultationContext,
  actor: Member,
  scope: SummaryScope,
  formData: FormData,
) {
  const version = versionNumber.safeParse(formData.get("version"));
  const found = await findSummary(context.db, scope);
  const restored =
    version.success && found
      ? await restoreVersion(context.db, { summaryId: found.id, version: version.data, authorId: actor.userId })
      : null;
  if (!restored?.ok) {
    return formFailure(formData, { fieldErrors: {}, formError: "summaries:errors.unknownVersion" }, 400);
  }
  return respondSuccess(formData, {
    redirectTo: backTo(request, "editor"),
    flash: { message: "summaries:flash.restored", values: { version: restored.version } },
    result: { version: restored.version },
  });
}

async function handlePublication(
  request: Request,
  context: ConsultationContext,
  scope: SummaryScope,
  formData: FormData,
) {
  requireConsultationAbility(request, context, "summary.publish");
  const found = await findSummary(context.db, scope);
  if (!found) return formFailure(formData, { fieldErrors: {}, formError: "summaries:errors.nothingToPublish" }, 400);
  if (formData.get("intent") === "unpublish") {
    await unpublishSummary(context.db, found.id);
    return respondSuccess(formData, {
      redirectTo: backTo(request, "publication"),
      flash: { message: "summaries:flash.unpublished" },
      result: null,
    });
  }
  const published = await publishSummary(context.db, found.id);
  if (!published.ok) {
    return formFailure(formData, { fieldErrors: {}, formError: "summaries:errors.nothingToPublish" }, 400);
  }
  return respondSuccess(formData, {
    redirectTo: backTo(request, "publication"),
    flash: { message: "summaries:flash.published", values: { version: published.version } },
    result: { version: published.version },
  });
}

async function handleDelete(request: Request, context: ConsultationContext, scope: SummaryScope, formData: FormData) {
  const found = await findSummary(context.db, scope);
  if (!found || !(await deleteDraftSummary(context.db, found.id))) {
    return formFailure(formData, { fieldErrors: {}, formError: "summaries:errors.notDeletable" }, 409);
  }
  return respondSuccess(formData, {
    redirectTo: backTo(request, "publication"),
    flash: { message: "summaries:flash.deleted" },
    result: null,
  });
}

function isFailure(answer: FormFailure | QuoteInserted | undefined): answer is FormFailure {
  return Boolean(answer && "values" in answer);
}

export default function SummaryEditor() {
  const { t } = useTranslation(["summaries", "participation"]);
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<FormFailure | QuoteInserted>();
  const failure = isFailure(answer) ? answer : undefined;
  const inserted = answer && !isFailure(answer) ? answer : undefined;
  const { consultation: c, language, locale } = page;
  const draft = inserted?.draft ?? failure?.values.body ?? page.text;
  const localeName = isSupportedLanguage(locale) ? languageAutonyms[locale] : locale;
  const bodyError = failure?.fieldErrors.body;
  const latestVersion = page.versions[0]?.version ?? null;
  const placedElsewhere = failure && !bodyError ? failure : undefined;
  return (
    <article className="page summary-editor-page">
      <p className="back-link">
        <Link to={`/c/${c.slug}/summaries`}>{t("editor.back")}</Link>
      </p>
      <h1>
        {t("editor.heading")} <span lang={page.scopeTitleLanguage}>{page.scopeTitle}</span>
      </h1>
      <p className="lead">
        {t("editor.locale", { language: localeName })}{" "}
        <span className={`summary-status summary-status--${page.summary?.status ?? "none"}`}>
          {t(`status.${page.summary?.status ?? "none"}`)}
        </span>
      </p>
      <FormError message={placedElsewhere?.formError} values={placedElsewhere?.formErrorValues} />

      {page.problems.length > 0 ? (
        <section className="summary-warnings" role="alert" aria-labelledby="quote-warnings">
          <h2 id="quote-warnings">{t("warnings.heading")}</h2>
          <ul>
            {page.problems.map((problem) => (
              <li key={problem.commentId}>{t(`warnings.${problem.status}`, { id: problem.commentId })}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="summary-editor">
        <section id="editor" aria-labelledby="editor-heading">
          <h2 id="editor-heading">{t("editor.textHeading")}</h2>
          {/* A new key refills the text after a restore or an inserted quote, when JavaScript keeps the page. */}
          <Form method="post" id="summary-editor" key={`v${latestVersion ?? 0}-${inserted?.draft.length ?? ""}`}>
            <FormToken />
            <div className={bodyError ? "field field--invalid" : "field"}>
              <label htmlFor="summary-body">{t("editor.bodyLabel", { language: localeName })}</label>
              <p id="summary-body-hint" className="field__hint">
                {t("editor.bodyHint")}
              </p>
              <textarea
                id="summary-body"
                name="body"
                lang={locale}
                dir="auto"
                defaultValue={draft}
                rows={20}
                aria-invalid={bodyError ? true : undefined}
                aria-describedby={bodyError ? "summary-body-hint summary-body-error" : "summary-body-hint"}
              />
              {bodyError ? (
                <p id="summary-body-error" className="field__error" role="alert">
                  {t(bodyError, failure?.formErrorValues)}
                </p>
              ) : null}
            </div>
            {inserted ? <p role="status">{t("editor.quoteInserted", { id: inserted.insertedCommentId })}</p> : null}
            <button type="submit" name="intent" value="save" className="button">
              {t("editor.save")}
            </button>
          </Form>

          <section id="publication" aria-labelledby="publication-heading">
            <h2 id="publication-heading">{t("publication.heading")}</h2>
            {page.summary?.status === "published" && page.summary.publishedVersion !== null ? (
              <p>
                {t("publication.publishedVersion", {
                  version: page.summary.publishedVersion,
                  date: formatDate(page.summary.publishedAt, language),
                })}
              </p>
            ) : (
              <p>{t("publication.notPublished")}</p>
            )}
            {page.canPublish && latestVersion !== null ? (
              <Form method="post" className="actions">
                <FormToken />
                {latestVersion !== page.summary?.publishedVersion ? (
                  <button type="submit" name="intent" value="publish" className="button">
                    {t("publication.publish", { version: latestVersion })}
                  </button>
                ) : null}
                {page.summary?.status === "published" ? (
                  <button type="submit" name="intent" value="unpublish" className="button button--quiet">
                    {t("publication.unpublish")}
                  </button>
                ) : null}
              </Form>
            ) : null}
            {page.summary && page.summary.status === "draft" ? (
              // Confirmed inside a disclosure: two deliberate presses, and no JavaScript needed.
              <details className="comment__disclosure" open={failure?.values.intent === "delete" ? true : undefined}>
                <summary>{t("publication.delete")}</summary>
                <Form method="post" className="stack">
                  <FormToken />
                  <FormError message={failure?.values.intent === "delete" ? failure.formError : undefined} />
                  <p>{t("publication.deleteExplanation")}</p>
                  <button type="submit" name="intent" value="delete" className="button button--small button--danger">
                    {t("publication.deleteConfirm")}
                  </button>
                </Form>
              </details>
            ) : null}
          </section>

          <section aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t("editor.previewHeading")}</h2>
            {page.preview.length === 0 ? (
              <p className="empty">{t("editor.emptyPreview")}</p>
            ) : (
              <SummaryBody segments={page.preview} textLanguage={locale} language={language} />
            )}
          </section>
        </section>

        <aside aria-labelledby="material-heading">
          <h2 id="material-heading">{t("material.heading")}</h2>
          <section aria-labelledby="results-heading">
            <h3 id="results-heading">{t("material.results")}</h3>
            {page.results.map((p) => (
              <div key={p.id}>
                {page.isConsultationScope ? <h4 lang={p.title.language}>{p.title.text}</h4> : null}
                <PriorityResults result={p.result} language={language} hidden={null} />
              </div>
            ))}
          </section>
          <section aria-labelledby="comments-heading">
            <h3 id="comments-heading">{t("material.comments", { count: page.quotable.length })}</h3>
            <p>{t("material.commentsHint")}</p>
            {page.quotable.length === 0 ? <p className="empty">{t("material.noComments")}</p> : null}
            <ul className="summary-comments">
              {page.quotable.map((comment) => (
                <li key={comment.id}>
                  <p lang={comment.language}>{comment.body}</p>
                  <p className="card__meta">
                    {t("material.commentMeta", {
                      id: comment.id,
                      count: comment.endorsementCount,
                      endorsements: formatNumber(comment.endorsementCount, language),
                    })}
                  </p>
                  <button
                    type="submit"
                    form="summary-editor"
                    name="quoteCommentId"
                    value={comment.id}
                    className="button button--small"
                  >
                    {t("material.quote", { id: comment.id })}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </aside>
      </div>

      <section id="versions" aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t("versions.heading")}</h2>
        {page.versions.length === 0 ? <p className="empty">{t("versions.empty")}</p> : null}
        <ol className="summary-versions" reversed>
          {page.versions.map((v) => (
            <li key={v.version}>
              {t("versions.item", {
                version: v.version,
                date: formatDateTime(v.createdAt, language),
                author: v.authorName ?? t("versions.unknownAuthor"),
              })}{" "}
              {v.version === page.summary?.publishedVersion ? <strong>{t("versions.published")}</strong> : null}{" "}
              {v.version !== latestVersion ? (
                <Form method="post">
                  <FormToken />
                  <input type="hidden" name="version" value={v.version} />
                  <button type="submit" name="intent" value="restore" className="button button--small">
                    {t("versions.restore", { version: v.version })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ol>
        {page.versions.length > 1 ? (
          <Form method="get" className="filters" action={`#diff`}>
            <div className="field">
              <label htmlFor="diff-from">{t("diff.from")}</label>
              <select id="diff-from" name="from" defaultValue={page.diff?.from ?? page.versions[1]?.version}>
                {page.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {t("diff.version", { version: v.version })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="diff-to">{t("diff.to")}</label>
              <select id="diff-to" name="to" defaultValue={page.diff?.to ?? latestVersion ?? undefined}>
                {page.versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {t("diff.version", { version: v.version })}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--small">
              {t("diff.compare")}
            </button>
          </Form>
        ) : null}
        {page.diff ? (
          <section id="diff" aria-labelledby="diff-heading">
            <h3 id="diff-heading">{t("diff.heading", { from: page.diff.from, to: page.diff.to })}</h3>
            <div className="summary-diff" lang={locale}>
              {page.diff.parts.map((part, index) =>
                part.change === "added" ? (
                  <ins key={index}>
                    <span className="visually-hidden">{t("diff.addedStart")}</span>
                    {part.text}
                    <span className="visually-hidden">{t("diff.addedEnd")}</span>
                  </ins>
                ) : part.change === "removed" ? (
                  <del key={index}>
                    <span className="visually-hidden">{t("diff.removedStart")}</span>
                    {part.text}
                    <span className="visually-hidden">{t("diff.removedEnd")}</span>
                  </del>
                ) : (
                  <span key={index}>{part.text}</span>
                ),
              )}
            </div>
          </section>
        ) : null}
      </section>
    </article>
  );
}
