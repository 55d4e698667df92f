/** The summary editor's own column: the text, its publication and its preview. */
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form-field";
import { SummaryBody } from "~/components/summary-body";
import { formatDate } from "~/platform/format";
import { FormToken } from "~/security/form-guards";
import type { FormFailure } from "~/web/form-failures.server";
import type { QuoteInserted } from "./editor.server";
import type { loader } from "./route";

/** The latest version's number, or null before the first save. */
export function useLatestVersion(): number | null {
  return useLoaderData<typeof loader>().versions[0]?.version ?? null;
}

/** The text, refilled from a refused save or an inserted quote; the material's quote buttons post it. */
export function EditorForm({
  localeName,
  failure,
  inserted,
}: {
  localeName: string;
  failure?: FormFailure;
  inserted?: QuoteInserted;
}) {
  const { t } = useTranslation("summaries");
  const page = useLoaderData<typeof loader>();
  const latestVersion = useLatestVersion();
  const draft = inserted?.draft ?? failure?.values.body ?? page.text;
  const bodyError = failure?.fieldErrors.body;
  return (
    // A new key refills the text after a restore or an inserted quote, when JavaScript keeps the page.
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
          lang={page.locale}
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
  );
}

/** Which version readers see; publishing, withdrawing, and deleting a draft never published. */
export function PublicationSection({ failure }: { failure?: FormFailure }) {
  const { t } = useTranslation("summaries");
  const { summary, canPublish, language } = useLoaderData<typeof loader>();
  const latestVersion = useLatestVersion();
  const deleteFailure = failure?.values.intent === "delete" ? failure : undefined;
  return (
    <section id="publication" aria-labelledby="publication-heading">
      <h2 id="publication-heading">{t("publication.heading")}</h2>
      {summary?.status === "published" && summary.publishedVersion !== null ? (
        <p>
          {t("publication.publishedVersion", {
            version: summary.publishedVersion,
            date: formatDate(summary.publishedAt, language),
          })}
        </p>
      ) : (
        <p>{t("publication.notPublished")}</p>
      )}
      {canPublish && latestVersion !== null ? (
        <Form method="post" className="actions">
          <FormToken />
          {latestVersion !== summary?.publishedVersion ? (
            <button type="submit" name="intent" value="publish" className="button">
              {t("publication.publish", { version: latestVersion })}
            </button>
          ) : null}
          {summary?.status === "published" ? (
            <button type="submit" name="intent" value="unpublish" className="button button--quiet">
              {t("publication.unpublish")}
            </button>
          ) : null}
        </Form>
      ) : null}
      {summary && summary.status === "draft" ? (
        // Confirmed inside a disclosure: two deliberate presses, and no JavaScript needed.
        <details className="comment__disclosure" open={deleteFailure ? true : undefined}>
          <summary>{t("publication.delete")}</summary>
          <Form method="post" className="stack">
            <FormToken />
            <FormError message={deleteFailure?.formError} />
            <p>{t("publication.deleteExplanation")}</p>
            <button type="submit" name="intent" value="delete" className="button button--small button--danger">
              {t("publication.deleteConfirm")}
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

/** The saved text as readers would see it, quotes included. */
export function PreviewSection() {
  const { t } = useTranslation("summaries");
  const { preview, locale, language } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t("editor.previewHeading")}</h2>
      {preview.length === 0 ? (
        <p className="empty">{t("editor.emptyPreview")}</p>
      ) : (
        <SummaryBody segments={preview} textLanguage={locale} language={language} />
      )}
    </section>
  );
}
