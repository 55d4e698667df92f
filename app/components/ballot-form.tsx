import { Link, useFetcher, useFormAction } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BallotSection as BallotData } from "~/participation/ballot.server";
import type { FormFailure } from "~/web/form-failures.server";
import type { ActionSuccess } from "~/web/respond.server";
import { formatNumber, formatPercent } from "~/platform/format";
import { FetcherField } from "~/components/fetcher-field";
import { InlineFormError } from "~/components/form-field";
import type { VoteAbility } from "~/components/vote-form";
import { FormToken } from "~/security/form-guards";

const fieldName = (priorityId: number) => `points.${priorityId}`;
const inputId = (priorityId: number) => `ballot-points-${priorityId}`;

/** What the member typed, as a whole number of points; anything else counts as nothing (the server says why). */
function typedPoints(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : 0;
}

interface BallotProps {
  ballot: BallotData;
  ability: VoteAbility;
  signInHref: string;
  language: string;
  /** An error the action sent back for the ballot after a post without JavaScript. */
  failure?: FormFailure;
}

/** The points ballot and, beside it, the ranking so far (when the consultation shows results now). */
export function BallotSection({ ballot, ability, signInHref, language, failure }: BallotProps) {
  const { t } = useTranslation("ballot");
  return (
    <section aria-labelledby="ballot-heading" id="ballot" className="ballot">
      <h2 id="ballot-heading">{t("heading")}</h2>
      <p>{t("intro", { count: ballot.budget })}</p>
      <div className="ballot__columns">
        {ability === "can-vote" ? (
          <BallotForm ballot={ballot} language={language} failure={failure} />
        ) : (
          <BallotClosed ballot={ballot} ability={ability} signInHref={signInHref} />
        )}
        <BallotResults ballot={ballot} language={language} />
      </div>
    </section>
  );
}

/**
 * One number per priority, posted whole: a plain form without JavaScript, a fetcher with it. The
 * points left are counted as the member types; the server checks everything again.
 */
function BallotForm({ ballot, language, failure }: { ballot: BallotData; language: string; failure?: FormFailure }) {
  const { t } = useTranslation("ballot");
  const fetcher = useFetcher<FormFailure | ActionSuccess<{ spent: number }>>();
  // The page's own action address, with its query: `?index` on the consultation page, under its layout.
  const formAction = useFormAction();
  const shownFailure = fetcher.data && "fieldErrors" in fetcher.data ? fetcher.data : failure;
  const saved = fetcher.state === "idle" && fetcher.data && "ok" in fetcher.data ? fetcher.data.flash : null;
  // After a refused post without JavaScript, the numbers typed come back in the failure.
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      ballot.priorities.map((p) => [fieldName(p.id), failure?.values[fieldName(p.id)] ?? String(p.own || "")]),
    ),
  );
  const spent = Object.values(typed).reduce((sum, text) => sum + typedPoints(text), 0);
  const left = ballot.budget - spent;
  const formErrorId = "ballot-form-error";

  return (
    <fetcher.Form
      method="post"
      // Without JavaScript, a refused post renders the whole page: the anchor brings the member back to the errors.
      action={`${formAction}#ballot`}
      className="ballot-form"
      aria-describedby={shownFailure?.formError ? formErrorId : undefined}
    >
      <FormToken />
      <FetcherField />
      <input type="hidden" name="intent" value="ballot" />
      <fieldset>
        <legend>{t("legend", { count: ballot.budget })}</legend>
        <p id="ballot-hint" className="field__hint">
          {t("hint")}
        </p>
        {ballot.priorities.map((p) => {
          const name = fieldName(p.id);
          const error = shownFailure?.fieldErrors[name];
          const errorId = `${inputId(p.id)}-error`;
          return (
            <div key={p.id} className={error ? "field ballot-form__row field--invalid" : "field ballot-form__row"}>
              <label htmlFor={inputId(p.id)} lang={p.title.language}>
                {p.title.text}
              </label>
              <input
                id={inputId(p.id)}
                name={name}
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                value={typed[name] ?? ""}
                onChange={(event) => setTyped((current) => ({ ...current, [name]: event.target.value }))}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `ballot-hint ${errorId}` : "ballot-hint"}
              />
              {error ? (
                <p id={errorId} className="field__error" role="alert">
                  {t(error)}
                </p>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <p className={left < 0 ? "ballot-form__left ballot-form__left--over" : "ballot-form__left"} aria-live="polite">
        {left < 0
          ? t("overBy", { count: -left, formatted: formatNumber(-left, language) })
          : t("pointsLeft", {
              count: left,
              formatted: formatNumber(left, language),
              budget: formatNumber(ballot.budget, language),
            })}
      </p>
      <InlineFormError failure={shownFailure} id={formErrorId} />
      {saved ? (
        <p className="notice" role="status">
          {t(saved.message, saved.values)}
        </p>
      ) : null}
      <button type="submit" className="button">
        {t("submit")}
      </button>
    </fetcher.Form>
  );
}

/** For visitors, and members who cannot take part now: an invitation, or their points as they stand. */
function BallotClosed({
  ballot,
  ability,
  signInHref,
}: {
  ballot: BallotData;
  ability: Exclude<VoteAbility, "can-vote">;
  signInHref: string;
}) {
  const { t } = useTranslation("ballot");
  if (ability === "sign-in") {
    return (
      <p className="vote-invite">
        <Link to={signInHref}>{t("signIn")}</Link>
      </p>
    );
  }
  const given = ballot.priorities.filter((p) => p.own > 0);
  return (
    <div className="ballot-form">
      {/* A suspended member is told why once, at the top of the page. */}
      {ability === "suspended" ? null : <p className="vote-closed">{t("closed")}</p>}
      {given.length > 0 ? (
        <>
          <p>{t("yourPoints")}</p>
          <ul>
            {given.map((p) => (
              <li key={p.id}>
                <span lang={p.title.language}>{p.title.text}</span>: {t("points", { count: p.own })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

/** The ranking so far; exported for the wording test. */
export function BallotResults({
  ballot,
  language,
}: {
  ballot: Pick<BallotData, "priorities" | "results" | "resultsHidden">;
  language: string;
}) {
  const { t } = useTranslation("ballot");
  const titles = new Map(ballot.priorities.map((p) => [p.id, p.title]));
  const { results } = ballot;
  return (
    <div className="ballot-results">
      <h3>{t("results.heading")}</h3>
      {ballot.resultsHidden || !results ? (
        <p className="results results--hidden">{t(`results.hidden.${ballot.resultsHidden ?? "after-vote"}`)}</p>
      ) : results.totalPoints === 0 ? (
        <p>{t("results.none")}</p>
      ) : (
        <>
          <p>
            {t("results.summary", {
              count: results.ballots,
              members: formatNumber(results.ballots, language),
              // The points carry their own plural form: "1 member has given 12 points", "… 1 point".
              points: t("results.pointsInAll", {
                count: results.totalPoints,
                formatted: formatNumber(results.totalPoints, language),
              }),
            })}
          </p>
          <ol className="ballot-results__list">
            {results.ranking.map((row) => {
              const title = titles.get(row.id);
              return (
                <li key={row.id}>
                  <span className="ballot-results__title" lang={title?.language}>
                    {title?.text}
                  </span>
                  <span className="ballot-results__words">
                    {t("results.row", {
                      count: row.points,
                      points: formatNumber(row.points, language),
                      share: formatPercent(row.share ?? 0, language),
                      members: t("results.members", {
                        count: row.members,
                        formatted: formatNumber(row.members, language),
                      }),
                    })}
                  </span>
                  <span className="bar" aria-hidden="true">
                    <span className="bar__agree" style={{ inlineSize: `${((row.share ?? 0) * 100).toFixed(2)}%` }} />
                  </span>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}
