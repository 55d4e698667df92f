import { failureFor, InlineFormError } from "~/components/form-field";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CommentFilters, CommentPagination } from "~/components/comment-filters";
import { CommentForm } from "~/components/comment-form";
import { CommentList, type ThreadSettings } from "~/components/comment-thread";
import { FallbackNote } from "~/components/fallback-note";
import type { PageHandle } from "~/components/page-title";
import { PriorityResults } from "~/components/priority-results";
import { SummaryBody } from "~/components/summary-body";
import { VoteForm } from "~/components/vote-form";
import { listPrioritiesWithCounts } from "~/consultations/consultations.server";
import { supportedLanguages } from "~/platform/i18n/config";
import { localize } from "~/platform/i18n/localize";
import {
  handleCommentFlag,
  handleDeleteComment,
  handleEditComment,
  handleEndorseComment,
  handlePostComment,
} from "~/web/comment-actions.server";
import {
  commentSorts,
  commentStances,
  editWindowMinutes,
  isCommentablePriority,
  listComments,
  presentComments,
  priorityIdParam,
  type CommentView,
} from "~/participation/comments.server";
import { loadConsultationContext, loadConsultationContextOnce } from "~/web/consultation-context.server";
import { participationRefusal } from "~/participation/refusal.server";
import { resultsVisibleTo, summarizeVotes } from "~/participation/results";
import { handleVote } from "~/web/vote-action.server";
import { findOwnVotes } from "~/participation/votes.server";
import { listPublicSummaries } from "~/summaries/summaries.server";
import summaryStyles from "~/styles/summaries.css?url";
import { formatNumber } from "~/platform/format";
import { formFailure, type FormFailure } from "~/web/form-failures.server";
import { backTo } from "~/web/respond.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: summaryStyles }];

export const handle: PageHandle = {
  title: (t, data) =>
    (data as { priority?: { title: { text: string } } } | undefined)?.priority?.title.text ??
    t("errors.notFound.title"),
};

const commentQuery = z.object({
  sort: z.enum(commentSorts).catch("newest"),
  language: z.enum(supportedLanguages).optional().catch(undefined),
  stance: z.enum(commentStances).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1),
});

export async function loader(args: LoaderFunctionArgs) {
  const { request, params } = args;
  const context = await loadConsultationContextOnce(args);
  const { db, consultation: row, actor, scope, language } = context;
  const priorityId = priorityIdParam.safeParse(params.priorityId);
  const priority = priorityId.success
    ? (await listPrioritiesWithCounts(db, row.id)).find((p) => p.id === priorityId.data)
    : undefined;
  if (!priority) throw new Response("Not Found", { status: 404 });

  const query = commentQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const viewerId = actor.kind === "member" ? actor.userId : null;
  const [ownVotes, voteRefusal, commentRefusal, listing, [summary]] = await Promise.all([
    viewerId ? findOwnVotes(db, viewerId, row.id) : new Map(),
    participationRefusal(context, "priority.vote"),
    participationRefusal(context, "comment.create"),
    listComments(db, { consultationId: row.id, priorityId: priority.id, viewerId }, query),
    listPublicSummaries(db, row, language, { priorityId: priority.id }),
  ]);
  const ownVote = ownVotes.get(priority.id) ?? null;
  const resultsVisible = resultsVisibleTo(row.resultsVisibility, { phase: row.phase, hasVoted: ownVote !== null });
  return {
    language,
    consultation: { slug: row.slug, title: localize(row.title, language, row.defaultLocale) },
    priority: {
      id: priority.id,
      title: localize(priority.title, language, row.defaultLocale),
      body: localize(priority.body, language, row.defaultLocale),
      category: priority.category,
      productType: priority.productType,
      ownVote,
      // Hidden results are not sent at all: the page source must not reveal them either.
      result: summarizeVotes(resultsVisible ? priority.counts : { agree: 0, disagree: 0, pass: 0 }),
      resultsHidden: resultsVisible
        ? null
        : row.resultsVisibility === "after_close"
          ? ("after-close" as const)
          : ("after-vote" as const),
    },
    summary: summary ? { ...summary, publishedAt: summary.publishedAt?.toISOString() ?? null } : null,
    voteAbility: voteRefusal ? voteRefusal.reason : ("can-vote" as const),
    commentAbility: commentRefusal ? commentRefusal.reason : ("can-comment" as const),
    preModeration: row.moderationMode === "pre",
    editWindowMinutes,
    query: { ...query, page: listing.page },
    comments: {
      threads: presentComments(listing.threads, { actor, scope }),
      totalComments: listing.totalComments,
      pageCount: listing.pageCount,
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const { request, params } = args;
  const context = await loadConsultationContext(request, params.slug);
  const formData = await request.formData();
  const priorityId = priorityIdParam.safeParse(params.priorityId);
  if (!priorityId.success || !(await isCommentablePriority(context.db, context.consultation.id, priorityId.data))) {
    return formFailure(formData, { fieldErrors: {}, formError: "participation:errors.unknownPriority" }, 404);
  }
  const post = { context, priorityId: priorityId.data, formData, args };
  switch (formData.get("intent")) {
    case "vote":
      // This page votes on its own priority only.
      if (formData.get("priorityId") !== String(priorityId.data)) {
        return formFailure(formData, { fieldErrors: {}, formError: "participation:errors.unknownPriority" }, 404);
      }
      return handleVote(context, formData, args, () => backTo(request, "vote"));
    case "comment":
      return handlePostComment(post);
    case "edit":
      return handleEditComment(post);
    case "delete":
      return handleDeleteComment(post);
    case "endorse":
      return handleEndorseComment(post);
    case "unendorse":
      return handleEndorseComment(post, "withdraw");
    case "flag":
      return handleCommentFlag(post);
    default:
      return formFailure(formData, { fieldErrors: {}, formError: "participation:errors.unknownAction" }, 400);
  }
}

/** Ids of every comment on the page, to tell whether a failed post belongs to one of them. */
function commentIds(comments: readonly CommentView[]): Set<string> {
  return new Set(comments.flatMap((comment) => [String(comment.id), ...commentIds(comment.replies)]));
}

/** Whether a form on the page shows this failure itself (see CommentList); otherwise the section does. */
function isShownByAForm(failure: FormFailure, ids: Set<string>): boolean {
  const { intent, parentId, commentId, targetId } = failure.values;
  if (intent === "vote") return true;
  if (intent === "comment") return !parentId || ids.has(parentId);
  if (intent === "flag") return targetId !== undefined && ids.has(targetId);
  return commentId !== undefined && ids.has(commentId);
}

export default function PriorityPage() {
  const { t } = useTranslation(["comments", "consultation", "participation"]);
  const data = useLoaderData<typeof loader>();
  const { consultation: c, priority: p, language, comments, query } = data;
  const failure = useActionData<FormFailure>();
  const path = `/c/${c.slug}/p/${p.id}`;
  const signInHref = (anchor: string) => `/sign-in?redirectTo=${encodeURIComponent(`${path}#${anchor}`)}`;
  const settings: ThreadSettings = {
    language,
    preModeration: data.preModeration,
    editWindowMinutes: data.editWindowMinutes,
    failure,
  };
  const filtered = Boolean(query.language || query.stance);
  const newCommentFailure = failure?.values.intent === "comment" && !failure.values.parentId ? failure : undefined;
  const sectionFailure = failure && !isShownByAForm(failure, commentIds(comments.threads)) ? failure : undefined;
  return (
    <article className="page priority-page">
      <p className="back-link">
        <Link to={`/c/${c.slug}#priority-${p.id}`}>{t("page.back", { title: c.title.text })}</Link>
      </p>
      <header>
        <h1 lang={p.title.language}>{p.title.text}</h1>
        <FallbackNote language={p.title.language} show={p.title.isFallback} />
        <p className="priority__tags">
          <span className="tag">{t(`consultation:categories.${p.category}`)}</span>
          {p.productType ? (
            <span className="tag tag--product">{t(`consultation:productTypes.${p.productType}`)}</span>
          ) : null}
        </p>
        {data.commentAbility === "suspended" ? <p className="banner">{t("participation:vote.suspended")}</p> : null}
      </header>
      <FallbackNote language={p.body.language} show={p.body.isFallback && !p.title.isFallback} />
      <p lang={p.body.language}>{p.body.text}</p>

      <section id="vote" aria-labelledby="vote-heading" className="priority-page__vote">
        <h2 id="vote-heading">{t("page.voteHeading")}</h2>
        <VoteForm
          priorityId={p.id}
          ownVote={p.ownVote}
          ability={data.voteAbility}
          title={p.title}
          signInHref={signInHref("vote")}
          failure={failureFor(failure, "vote")}
        />
        <PriorityResults result={p.result} language={language} hidden={p.resultsHidden} />
      </section>

      {data.summary ? (
        <section id="summary" aria-labelledby="summary-heading" className="priority-page__summary">
          <h2 id="summary-heading">{t("summaries:public.priorityHeading")}</h2>
          <FallbackNote language={data.summary.language} show={data.summary.isFallback} />
          <SummaryBody segments={data.summary.segments} textLanguage={data.summary.language} language={language} />
        </section>
      ) : null}

      <section id="comments" aria-labelledby="comments-heading" className="comments-section">
        <h2 id="comments-heading">
          {t("heading", { count: comments.totalComments, formatted: formatNumber(comments.totalComments, language) })}
        </h2>
        <InlineFormError failure={sectionFailure} />
        {data.commentAbility === "can-comment" ? (
          <div className="comments-section__new">
            <h3>{t("form.heading")}</h3>
            <CommentForm defaultLanguage={language} preModeration={data.preModeration} failure={newCommentFailure} />
          </div>
        ) : data.commentAbility === "sign-in" ? (
          <p className="comments-section__invite">
            <Link to={signInHref("comments")}>{t("invite.signIn")}</Link>
          </p>
        ) : data.commentAbility === "not-open" ? (
          <p className="banner">{t("participation:refusal.notOpen")}</p>
        ) : null}
        <CommentFilters query={query} path={path} />
        {comments.threads.length === 0 ? (
          <p className="empty">{t(filtered ? "noMatch" : "empty")}</p>
        ) : (
          <CommentList comments={comments.threads} settings={settings} />
        )}
        <CommentPagination path={path} query={query} pageCount={comments.pageCount} language={language} />
      </section>
    </article>
  );
}
