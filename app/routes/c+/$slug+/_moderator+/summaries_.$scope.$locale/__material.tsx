/** What a summary is written from: the votes, and the comments a moderator may quote. */
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PriorityResults } from "~/components/priority-results";
import { formatNumber } from "~/platform/format";
import type { loader } from "./route";

export function MaterialAside() {
  const { t } = useTranslation("summaries");
  const { results, quotable, isConsultationScope, language } = useLoaderData<typeof loader>();
  return (
    <aside aria-labelledby="material-heading">
      <h2 id="material-heading">{t("material.heading")}</h2>
      <section aria-labelledby="results-heading">
        <h3 id="results-heading">{t("material.results")}</h3>
        {results.map((p) => (
          <div key={p.id}>
            {isConsultationScope ? <h4 lang={p.title.language}>{p.title.text}</h4> : null}
            <PriorityResults result={p.result} language={language} hidden={null} />
          </div>
        ))}
      </section>
      <section aria-labelledby="comments-heading">
        <h3 id="comments-heading">{t("material.comments", { count: quotable.length })}</h3>
        <p>{t("material.commentsHint")}</p>
        {quotable.length === 0 ? <p className="empty">{t("material.noComments")}</p> : null}
        <ul className="summary-comments">
          {quotable.map((comment) => (
            <li key={comment.id}>
              <p lang={comment.language}>{comment.body}</p>
              <p className="card__meta">
                {t("material.commentMeta", {
                  id: comment.id,
                  count: comment.endorsementCount,
                  endorsements: formatNumber(comment.endorsementCount, language),
                })}
              </p>
              {/* Submits the editor's form, so the quote is added to the text being written. */}
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
  );
}
