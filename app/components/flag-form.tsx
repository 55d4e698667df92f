import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { FormFailure } from "~/web/form-failures.server";
import { FetcherField } from "~/components/fetcher-field";
import { InlineFormError } from "~/components/form-field";
import { FormToken } from "~/security/form-guards";

const reasons = ["spam", "abusive", "off-topic", "misinformation", "personal-data", "other"] as const;

/**
 * "Report" behind a <details> disclosure: opens without JavaScript, posts as a plain form or, with
 * JavaScript, as a fetcher that answers in place.
 */
export function FlagForm({
  targetType,
  targetId,
  failure,
  alreadyReported,
}: {
  targetType: "comment" | "priority";
  targetId: number;
  failure?: FormFailure;
  /** Shown instead of the form once the reader has reported this item. */
  alreadyReported: string | null;
}) {
  const { t } = useTranslation("participation");
  const fetcher = useFetcher<FormFailure | { ok: true }>();
  const id = useId();
  const done = useRef<HTMLParagraphElement>(null);
  const justReported = Boolean(fetcher.data && "ok" in fetcher.data);
  // The form that had focus is gone: hand focus to the confirmation that replaced it.
  useEffect(() => {
    if (justReported) done.current?.focus();
  }, [justReported]);
  const shownFailure = fetcher.data && "fieldErrors" in fetcher.data ? fetcher.data : failure;
  if (justReported || alreadyReported) {
    return (
      <p className="flag-done" role="status" tabIndex={-1} ref={done}>
        {justReported ? t("flag.flagged") : alreadyReported}
      </p>
    );
  }
  const reasonError = shownFailure?.fieldErrors.reason;
  const noteError = shownFailure?.fieldErrors.note;
  return (
    <details className="flag" open={shownFailure ? true : undefined}>
      <summary>{t("flag.open")}</summary>
      <fetcher.Form method="post" className="stack flag__form">
        <FormToken />
        <FetcherField />
        <input type="hidden" name="intent" value="flag" />
        <input type="hidden" name="targetType" value={targetType} />
        <input type="hidden" name="targetId" value={targetId} />
        <div className={reasonError ? "field field--invalid" : "field"}>
          <label htmlFor={`${id}-reason`}>{t("flag.reason")}</label>
          <select
            id={`${id}-reason`}
            name="reason"
            defaultValue={shownFailure?.values.reason ?? ""}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${id}-reason-error` : undefined}
          >
            <option value="">{t("flag.chooseReason")}</option>
            {reasons.map((reason) => (
              <option key={reason} value={reason}>
                {t(`flag.reasons.${reason}`)}
              </option>
            ))}
          </select>
          {reasonError ? (
            <p id={`${id}-reason-error`} className="field__error" role="alert">
              {t(reasonError)}
            </p>
          ) : null}
        </div>
        <div className={noteError ? "field field--invalid" : "field"}>
          <label htmlFor={`${id}-note`}>{t("flag.note")}</label>
          <textarea
            id={`${id}-note`}
            name="note"
            rows={2}
            maxLength={1000}
            defaultValue={shownFailure?.values.note ?? ""}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? `${id}-note-error` : undefined}
          />
          {noteError ? (
            <p id={`${id}-note-error`} className="field__error" role="alert">
              {t(noteError)}
            </p>
          ) : null}
        </div>
        <InlineFormError failure={shownFailure} />
        <button type="submit" className="button button--small">
          {t("flag.submit")}
        </button>
      </fetcher.Form>
    </details>
  );
}
