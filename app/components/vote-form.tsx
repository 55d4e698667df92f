import { Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FormFailure } from "~/web/form-failures.server";
import { FetcherField } from "~/components/fetcher-field";
import { InlineFormError } from "~/components/form-field";
import { FormToken } from "~/security/form-guards";

const values = ["agree", "disagree", "pass"] as const;
type VoteValue = (typeof values)[number];

export type VoteAbility = "can-vote" | "sign-in" | "not-open" | "suspended";

interface VoteFormProps {
  priorityId: number;
  /** The priority's title, as shown: it names the group and each button for screen readers. */
  title: { text: string; language: string };
  ownVote: VoteValue | null;
  ability: VoteAbility;
  signInHref: string;
  /** An error the action sent back for this priority after a post without JavaScript. */
  failure?: FormFailure;
}

/**
 * Three buttons in one form: a plain post without JavaScript, a fetcher with it (the choice shows at
 * once, and stays if the server agrees). The member's own vote is pressed.
 */
export function VoteForm({ priorityId, title, ownVote, ability, signInHref, failure }: VoteFormProps) {
  const { t } = useTranslation("participation");
  const fetcher = useFetcher<FormFailure | { ok: true }>();
  const pending = fetcher.formData?.get("value");
  const fetcherFailure = fetcher.data && "fieldErrors" in fetcher.data ? fetcher.data : undefined;
  const shownFailure = fetcherFailure ?? failure;
  // Optimistic: the button pressed shows at once; if the server refuses, the stored vote shows again.
  const current = (typeof pending === "string" ? pending : ownVote) as VoteValue | null;

  if (ability === "sign-in") {
    return (
      <p className="vote-invite">
        <Link to={signInHref}>{t("vote.signInToVote")}</Link>
      </p>
    );
  }
  if (ability === "suspended") {
    // The page says once, at its top, why a suspended member cannot take part: not once per priority.
    return ownVote ? <p className="vote-closed">{t("vote.yourVote", { value: t(`vote.values.${ownVote}`) })}</p> : null;
  }
  if (ability !== "can-vote") {
    return (
      <p className="vote-closed">
        {ownVote ? t("vote.yourVote", { value: t(`vote.values.${ownVote}`) }) + " " : ""}
        {t("vote.closed")}
      </p>
    );
  }
  const errorId = `vote-error-${priorityId}`;
  // The title, read after the legend and after each button's own word (visible text first, WCAG
  // 2.5.3): 33 buttons named only "Agree", "Disagree", "Pass" all sounded the same.
  const titleId = `vote-title-${priorityId}`;
  return (
    <fetcher.Form method="post" className="vote-form" aria-describedby={shownFailure ? errorId : undefined}>
      <FormToken />
      <FetcherField />
      <input type="hidden" name="intent" value="vote" />
      <input type="hidden" name="priorityId" value={priorityId} />
      <fieldset>
        <legend>
          {t("vote.legend")}{" "}
          <span id={titleId} className="visually-hidden" lang={title.language}>
            {t("vote.forPriority", { title: title.text })}
          </span>
        </legend>
        <div className="vote-form__buttons">
          {values.map((value) => (
            <button
              key={value}
              id={`vote-${value}-${priorityId}`}
              aria-labelledby={`vote-${value}-${priorityId} ${titleId}`}
              type="submit"
              name="value"
              value={value}
              className={`vote-button vote-button--${value}`}
              aria-pressed={current === value}
            >
              {t(`vote.values.${value}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <p className="vote-form__status" aria-live="polite">
        {current ? t("vote.yourVote", { value: t(`vote.values.${current}`) }) : t("vote.notYet")}
      </p>
      <InlineFormError failure={shownFailure} id={errorId} />
    </fetcher.Form>
  );
}
