import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { choicesOf, languageChoices, SelectField } from "~/components/choice-fields";
import type { FormFailure } from "~/web/form-failures.server";
import type { ActionSuccess } from "~/web/respond.server";
import { FetcherField } from "~/components/fetcher-field";
import { Field, InlineFormError } from "~/components/form-field";
import { FormToken, HoneypotField } from "~/security/form-guards";

/** The stances a comment may take (the `comment_stance` enum of db/schema.ts). */
export const commentStances = ["supports", "concerns", "question"] as const;
const maxLength = 5000;

export type CommentResult = { commentId: number; status?: string };
type CommentFetcherData = FormFailure | ActionSuccess<CommentResult>;

/**
 * A fetcher for one of the comment forms: its failure to show, and `onSuccess` called once per
 * accepted post, after the page data has been reloaded (so the changed comment is on the page).
 */
export function useCommentFetcher(onSuccess?: (success: ActionSuccess<CommentResult>) => void) {
  const fetcher = useFetcher<CommentFetcherData>();
  const data = fetcher.data;
  const failure = data && "fieldErrors" in data ? data : undefined;
  const success = fetcher.state === "idle" && data && "ok" in data ? data : undefined;
  const onSuccessRef = useRef(onSuccess);
  onSuccessRef.current = onSuccess;
  useEffect(() => {
    if (success) onSuccessRef.current?.(success);
  }, [success]);
  return { fetcher, failure, success };
}

/** Moves keyboard focus to a comment after it changed in place, so the reader is not lost. */
export function focusComment(commentId: number) {
  document.getElementById(`comment-${commentId}`)?.focus();
}

interface CommentFormProps {
  /** Set for a reply. */
  parentId?: number;
  /** The interface language, which the language choice starts from. */
  defaultLanguage: string;
  preModeration: boolean;
  /** What the action sent back after a post without JavaScript. */
  failure?: FormFailure;
  onPosted?: (commentId: number) => void;
}

/** A new comment or a reply: text, optional stance, and the language it is written in. */
export function CommentForm({ parentId, defaultLanguage, preModeration, failure, onPosted }: CommentFormProps) {
  const { t } = useTranslation("comments");
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const {
    fetcher,
    failure: fetcherFailure,
    success,
  } = useCommentFetcher(({ result }) => {
    formRef.current?.reset();
    focusComment(result.commentId);
    onPosted?.(result.commentId);
  });
  const shown = fetcherFailure ?? (fetcher.data ? undefined : failure);
  // The submit button was disabled while posting, which drops focus: put it where the problem is.
  useEffect(() => {
    if (!fetcherFailure) return;
    const form = formRef.current;
    (form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>("button"))?.focus();
  }, [fetcherFailure]);
  const values = shown?.values ?? {};
  const reply = parentId !== undefined;
  return (
    <fetcher.Form method="post" className="stack comment-form" ref={formRef}>
      <FormToken />
      <HoneypotField />
      <FetcherField />
      <input type="hidden" name="intent" value="comment" />
      {reply ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <Field
        id={`${id}-body`}
        label={t(reply ? "form.replyBody" : "form.body")}
        hint={t(preModeration ? "form.bodyHintPreModeration" : "form.bodyHint")}
        error={shown?.fieldErrors.body}
      >
        {(describedBy) => (
          <textarea
            id={`${id}-body`}
            name="body"
            rows={reply ? 3 : 5}
            required
            minLength={2}
            maxLength={maxLength}
            defaultValue={values.body ?? ""}
            aria-invalid={shown?.fieldErrors.body ? true : undefined}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <div className="comment-form__choices">
        <SelectField
          id={`${id}-stance`}
          name="stance"
          label={t("form.stance")}
          emptyLabel={t("form.noStance")}
          choices={choicesOf(commentStances, (stance) => t(`stance.${stance}`))}
          defaultValue={values.stance ?? ""}
          error={shown?.fieldErrors.stance}
        />
        <SelectField
          id={`${id}-language`}
          name="language"
          label={t("form.language")}
          choices={languageChoices}
          defaultValue={values.language ?? defaultLanguage}
          error={shown?.fieldErrors.language}
        />
      </div>
      <InlineFormError failure={shown} />
      <button type="submit" className="button" disabled={fetcher.state !== "idle"}>
        {t(reply ? "form.submitReply" : "form.submit")}
      </button>
      <p className="comment-form__status" role="status">
        {success ? t(success.flash.message) : ""}
      </p>
    </fetcher.Form>
  );
}
