import { useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { isSupportedLanguage, languageAutonyms, textDirection } from "~/platform/i18n/config";
import type { CommentView } from "~/participation/comments.server";
import { formatDate, formatNumber } from "~/platform/format";
import type { FormFailure } from "~/web/form-failures.server";
import { CommentForm, focusComment, useCommentFetcher } from "~/components/comment-form";
import { failureFor, Field, InlineFormError } from "~/components/form-field";
import { CommentText } from "~/components/comment-text";
import { useAuthorName } from "~/components/author-name";
import { FetcherField } from "~/components/fetcher-field";
import { FlagForm } from "~/components/flag-form";
import { FormToken } from "~/security/form-guards";

export interface ThreadSettings {
  /** The interface language: dates, numbers, and the language new replies start from. */
  language: string;
  preModeration: boolean;
  editWindowMinutes: number;
  /** What the action sent back after a post without JavaScript, shown by the form it came from. */
  failure?: FormFailure;
}

export function CommentList({ comments, settings }: { comments: readonly CommentView[]; settings: ThreadSettings }) {
  return (
    <ol className={comments[0]?.depth ? "comments comments--replies" : "comments"}>
      {comments.map((comment) => (
        <li key={comment.id}>
          <CommentItem comment={comment} settings={settings} />
          {comment.replies.length > 0 ? <CommentList comments={comment.replies} settings={settings} /> : null}
        </li>
      ))}
    </ol>
  );
}

function CommentItem({ comment, settings }: { comment: CommentView; settings: ThreadSettings }) {
  const { t } = useTranslation("comments");
  const nameOf = useAuthorName();
  // Delete and endorse share one fetcher that lives as long as the comment's place in the thread,
  // so focus can return to it after the text is replaced by the "removed" note.
  const {
    fetcher,
    failure: fetcherFailure,
    success,
  } = useCommentFetcher(({ result }) => focusComment(result.commentId));
  const intent = fetcher.formData?.get("intent");
  const failure =
    fetcherFailure ??
    (fetcher.data
      ? undefined
      : (failureFor(settings.failure, "endorse", { commentId: comment.id }) ??
        failureFor(settings.failure, "unendorse", { commentId: comment.id }) ??
        failureFor(settings.failure, "delete", { commentId: comment.id })));
  const anchor = `comment-${comment.id}`;

  if (comment.status === "removed") {
    return (
      <article id={anchor} tabIndex={-1} className="comment comment--removed">
        <p>{t("meta.removed")}</p>
      </article>
    );
  }
  // Optimistic: an endorsement (or its withdrawal) shows at once; a refusal brings the stored state back.
  const endorsing = intent === "endorse";
  const withdrawing = intent === "unendorse";
  const endorsed = (comment.endorsedByViewer || endorsing) && !withdrawing;
  const endorsements = comment.endorsementCount + (endorsing ? 1 : 0) - (withdrawing ? 1 : 0);
  const authorName = nameOf(comment);
  const languageName = isSupportedLanguage(comment.language) ? languageAutonyms[comment.language] : comment.language;
  return (
    <article
      id={anchor}
      tabIndex={-1}
      className={comment.status === "pending" ? "comment comment--pending" : "comment"}
      aria-label={t("meta.label", { name: authorName })}
    >
      <p className="comment__meta">
        {/* The spaces keep the parts apart for screen readers and in copied text. */}
        <bdi className="comment__author">{authorName}</bdi>{" "}
        {comment.channel === "meeting" ? <span className="tag tag--meeting">{t("common:fromMeeting")}</span> : null}{" "}
        <time dateTime={comment.createdAt}>{formatDate(comment.createdAt, settings.language)}</time>{" "}
        {comment.stance ? (
          <span className={`tag stance stance--${comment.stance}`}>{t(`stance.${comment.stance}`)}</span>
        ) : null}{" "}
        <span>{t("meta.writtenIn", { language: languageName })}</span>{" "}
        {comment.edited ? <span>{t("meta.edited")}</span> : null}
      </p>
      {comment.status === "pending" ? <p className="comment__pending">{t("meta.pending")}</p> : null}
      {comment.editAwaitingReview ? <p className="comment__pending">{t("meta.editAwaitingReview")}</p> : null}
      <p className="comment__text" lang={comment.language} dir={textDirection(comment.language)}>
        <CommentText segments={comment.segments} />
      </p>
      {endorsements > 0 ? (
        <p className="comment__endorsements">
          {t("meta.endorsements", { count: endorsements, formatted: formatNumber(endorsements, settings.language) })}
          {endorsed ? ` ${t("actions.endorsedByYou")}` : ""}
        </p>
      ) : null}
      <div className="comment__actions">
        {comment.canEndorse ? (
          <fetcher.Form method="post">
            <FormToken />
            <FetcherField />
            <input type="hidden" name="intent" value={endorsed ? "unendorse" : "endorse"} />
            <input type="hidden" name="commentId" value={comment.id} />
            <button type="submit" className="button button--small button--quiet">
              {t(endorsed ? "actions.withdrawEndorsement" : "actions.endorse")}
            </button>
          </fetcher.Form>
        ) : null}
        {comment.canReply ? <ReplyDisclosure comment={comment} settings={settings} /> : null}
        {comment.canEdit ? <EditDisclosure comment={comment} settings={settings} /> : null}
        {comment.canDelete ? (
          <details className="comment__disclosure" open={failure?.values.intent === "delete" ? true : undefined}>
            <summary>{t("actions.delete")}</summary>
            <fetcher.Form method="post" className="stack">
              <FormToken />
              <FetcherField />
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="commentId" value={comment.id} />
              <p>{t("actions.deleteExplanation")}</p>
              <button type="submit" className="button button--small button--danger">
                {t("actions.deleteConfirm")}
              </button>
            </fetcher.Form>
          </details>
        ) : null}
        {comment.canFlag || comment.flaggedByViewer ? (
          <FlagForm
            targetType="comment"
            targetId={comment.id}
            failure={failureFor(settings.failure, "flag", { targetId: comment.id })}
            alreadyReported={comment.flaggedByViewer ? t("actions.reported") : null}
          />
        ) : null}
      </div>
      <InlineFormError failure={failure} />
      {success ? (
        <p className="comment__note" role="status">
          {t(success.flash.message)}
        </p>
      ) : null}
    </article>
  );
}

type LiveComment = Exclude<CommentView, { status: "removed" }>;

function ReplyDisclosure({ comment, settings }: { comment: LiveComment; settings: ThreadSettings }) {
  const { t } = useTranslation("comments");
  const details = useRef<HTMLDetailsElement>(null);
  const failure = failureFor(settings.failure, "comment", { parentId: comment.id });
  return (
    <details ref={details} className="comment__disclosure" open={failure ? true : undefined}>
      <summary>{t("actions.reply")}</summary>
      <CommentForm
        parentId={comment.id}
        defaultLanguage={settings.language}
        preModeration={settings.preModeration}
        failure={failure}
        onPosted={() => details.current?.removeAttribute("open")}
      />
    </details>
  );
}

function EditDisclosure({ comment, settings }: { comment: LiveComment; settings: ThreadSettings }) {
  const { t } = useTranslation("comments");
  const id = useId();
  const details = useRef<HTMLDetailsElement>(null);
  const { fetcher, failure: fetcherFailure } = useCommentFetcher(({ result }) => {
    details.current?.removeAttribute("open");
    focusComment(result.commentId);
  });
  const failure =
    fetcherFailure ?? (fetcher.data ? undefined : failureFor(settings.failure, "edit", { commentId: comment.id }));
  // The text as stored: link segments are slices of it.
  const body = comment.segments.map((segment) => segment.text).join("");
  const bodyError = failure?.fieldErrors.body;
  return (
    <details ref={details} className="comment__disclosure" open={failure ? true : undefined}>
      <summary>{t("actions.edit")}</summary>
      {/* Keyed by the stored text, so the box shows the saved version after an edit. */}
      <fetcher.Form method="post" className="stack" key={body}>
        <FormToken />
        <FetcherField />
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="commentId" value={comment.id} />
        <Field
          id={`${id}-body`}
          label={t("form.editBody")}
          hint={t("actions.editWindow", { count: settings.editWindowMinutes })}
          error={bodyError}
        >
          {(describedBy) => (
            <textarea
              id={`${id}-body`}
              name="body"
              rows={4}
              required
              maxLength={5000}
              defaultValue={failure?.values.body ?? body}
              aria-invalid={bodyError ? true : undefined}
              aria-describedby={describedBy}
            />
          )}
        </Field>
        <InlineFormError failure={failure} />
        <button type="submit" className="button button--small">
          {t("actions.save")}
        </button>
      </fetcher.Form>
    </details>
  );
}
