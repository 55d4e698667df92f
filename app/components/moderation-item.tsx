import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { commentThemes, moderationReasons, suspensionPeriodsInDays } from "~db/vocabulary";
import { isSupportedLanguage, languageAutonyms } from "~/platform/i18n/config";
import type { LocalizedValue } from "~/platform/i18n/localize";
import { formatDate, formatNumber } from "~/platform/format";
import type { FormFailure } from "~/web/form-failures.server";
import { SelectField, TextAreaField, type Choice } from "~/components/choice-fields";
import { FieldError, FormError } from "~/components/form-field";
import { FormToken } from "~/security/form-guards";
import { useAuthorName } from "~/components/author-name";

export interface ModerationItemView {
  type: "comment" | "proposal";
  id: number;
  status: string;
  language: string;
  title: LocalizedValue | null;
  body: LocalizedValue;
  priority: { id: number; title: LocalizedValue } | null;
  authorId: string | null;
  authorName: string | null;
  channel: string | null;
  createdAt: string;
  flagCount: number;
  flagReasons: { reason: string; count: number }[];
  flagNotes: string[];
  themes: string[];
  heldFor: { reason: string; signals: string[] } | null;
  /** A published comment's new text, waiting for approval; the published text stays until then. */
  pendingEdit: { body: string; signals: string[]; createdAt: string } | null;
}

/** Whether a failed post was about this item (its decision forms name it; the suspend form by `itemKey`). */
export function isAbout(failure: FormFailure | undefined, item: { type: string; id: number }): boolean {
  if (!failure) return false;
  const { values } = failure;
  return (
    (values.targetType === item.type && values.targetId === String(item.id)) ||
    values.itemKey === `${item.type}:${item.id}`
  );
}

function Hidden({ fields }: { fields: Record<string, string | number> }) {
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** A reason from the list and an optional note: for hiding, rejecting, suspending and bulk actions. */
export function ReasonFields({
  idPrefix,
  failure,
  reasonLabel,
  optionalReason = false,
}: {
  idPrefix: string;
  failure?: FormFailure;
  reasonLabel?: string;
  optionalReason?: boolean;
}) {
  const { t } = useTranslation("moderation");
  const reasons: Choice[] = moderationReasons.map((reason) => ({ value: reason, label: t(`reasons.${reason}`) }));
  return (
    <>
      <SelectField
        id={`${idPrefix}-reason`}
        name="reason"
        label={reasonLabel ?? t("actions.reason")}
        choices={reasons}
        emptyLabel={t("actions.chooseReason")}
        required={!optionalReason}
        defaultValue={failure?.values.reason ?? ""}
        error={failure?.fieldErrors.reason}
      />
      <NoteField idPrefix={idPrefix} failure={failure} />
    </>
  );
}

function NoteField({ idPrefix, failure }: { idPrefix: string; failure?: FormFailure }) {
  const { t } = useTranslation("moderation");
  return (
    <TextAreaField
      id={`${idPrefix}-note`}
      name="note"
      label={t("actions.note")}
      rows={2}
      maxLength={1000}
      defaultValue={failure?.values.note ?? ""}
      error={failure?.fieldErrors.note}
    />
  );
}

/**
 * One decision that asks for more than a click (a reason, a note, a choice): its form behind a
 * disclosure, opened again when its post came back with an error. The intent names the labels.
 */
function DecisionForm({
  intent,
  fields,
  failure,
  danger = false,
  children,
}: {
  intent: "hide" | "merge" | "reject" | "tag" | "redact" | "suspend";
  fields: Record<string, string | number>;
  failure?: FormFailure;
  /** Whether the decision takes something away: a red button. */
  danger?: boolean;
  /** The fields the decision asks for. */
  children: React.ReactNode;
}) {
  const { t } = useTranslation("moderation");
  return (
    <details className="moderation-item__disclosure" open={failure ? true : undefined}>
      <summary>{t(`actions.${intent}.open`)}</summary>
      <Form method="post" className="stack">
        <FormToken />
        <Hidden fields={{ intent, ...fields }} />
        {children}
        <button type="submit" className={`button button--small${danger ? " button--danger" : ""}`}>
          {t(`actions.${intent}.submit`)}
        </button>
      </Form>
    </details>
  );
}

function ButtonForm({ fields, label }: { fields: Record<string, string | number>; label: string }) {
  return (
    <Form method="post" className="moderation-item__button">
      <FormToken />
      <Hidden fields={fields} />
      <button type="submit" className="button button--small">
        {label}
      </button>
    </Form>
  );
}

export function ModerationItem({
  item,
  slug,
  language,
  mergeTargets,
  canSuspend,
  failure,
}: {
  item: ModerationItemView;
  slug: string;
  language: string;
  mergeTargets: readonly { id: number; title: LocalizedValue }[];
  canSuspend: boolean;
  failure?: FormFailure;
}) {
  const { t } = useTranslation("moderation");
  const authorName = useAuthorName();
  const key = `${item.type}-${item.id}`;
  const target = { targetType: item.type, targetId: item.id };
  const own = isAbout(failure, item) ? failure : undefined;
  const about = (intent: string) => (own?.values.intent === intent ? own : undefined);
  const isComment = item.type === "comment";
  const languageName = isSupportedLanguage(item.language) ? languageAutonyms[item.language] : item.language;
  return (
    <article className="moderation-item" id={key} aria-labelledby={`${key}-heading`}>
      <header className="moderation-item__header">
        <input
          type="checkbox"
          name="item"
          value={`${item.type}:${item.id}`}
          form="bulk-form"
          id={`${key}-select`}
          aria-label={t("item.select")}
          aria-describedby={`${key}-heading`}
        />
        <h3 id={`${key}-heading`}>
          {/* First-strong isolates: the name keeps its own direction inside a sentence of the other one. */}
          {t(`item.${item.type}`, { name: `\u2068${authorName(item)}\u2069` })}
        </h3>
      </header>
      <p className="card__meta">
        <span className={`proposal-status proposal-status--${item.status}`}>{t(`item.status.${item.status}`)}</span>
        <span>{t("item.postedOn", { date: formatDate(item.createdAt, language) })}</span>
        {item.language ? <span>{t("item.writtenIn", { language: languageName })}</span> : null}
      </p>
      {item.priority ? (
        <p>
          {t("item.onPriority")}{" "}
          <Link to={`/c/${slug}/p/${item.priority.id}`} lang={item.priority.title.language}>
            {item.priority.title.text}
          </Link>
        </p>
      ) : null}
      {item.title ? (
        <p className="moderation-item__title" lang={item.title.language}>
          <strong>{item.title.text}</strong>
        </p>
      ) : null}
      <blockquote className="moderation-item__text" lang={item.body.language}>
        {item.body.text}
      </blockquote>
      {item.pendingEdit ? (
        <div className="moderation-item__edit">
          <p>
            <strong>
              {t("item.pendingEdit", {
                date: formatDate(item.pendingEdit.createdAt, language),
                signals: item.pendingEdit.signals.map((signal) => t(`signals.${signal}`)).join(", "),
                context: item.pendingEdit.signals.length > 0 ? "signals" : undefined,
              })}
            </strong>
          </p>
          <blockquote className="moderation-item__text" lang={item.body.language}>
            {item.pendingEdit.body}
          </blockquote>
        </div>
      ) : null}
      {item.heldFor ? (
        <p className="notice">
          {t("item.heldFor", {
            reason: t(`reasons.${item.heldFor.reason}`),
            signals: item.heldFor.signals.map((signal) => t(`signals.${signal}`)).join(", "),
            context: item.heldFor.signals.length > 0 ? "signals" : undefined,
          })}
        </p>
      ) : null}
      {item.flagCount > 0 ? (
        <div className="moderation-item__flags">
          <p>
            <strong>{t("item.reports", { count: item.flagCount })}</strong>
          </p>
          <ul>
            {item.flagReasons.map(({ reason, count }) => (
              <li key={reason}>
                {t("item.reasonCount", { reason: t(`reasons.${reason}`), formatted: formatNumber(count, language) })}
              </li>
            ))}
          </ul>
          {item.flagNotes.length > 0 ? (
            <>
              <p>{t("item.reportNotes")}</p>
              <ul>
                {item.flagNotes.map((note, index) => (
                  <li key={index}>{note}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {item.themes.length > 0 ? (
        <p>{t("item.themes", { themes: item.themes.map((theme) => t(`themes.${theme}`)).join(", ") })}</p>
      ) : null}
      <FormError message={own?.formError} values={own?.formErrorValues} />

      <div className="moderation-item__actions">
        {item.status === "pending" && isComment ? (
          <ButtonForm fields={{ intent: "approve", ...target }} label={t("actions.approve")} />
        ) : null}
        {item.status === "pending" && !isComment ? (
          <ButtonForm fields={{ intent: "approve-as-priority", ...target }} label={t("actions.approveAsPriority")} />
        ) : null}
        {item.status === "hidden" ? (
          <ButtonForm fields={{ intent: "restore", ...target }} label={t("actions.restore")} />
        ) : null}
        {item.flagCount > 0 ? (
          <ButtonForm fields={{ intent: "dismiss-flags", ...target }} label={t("actions.dismissFlags")} />
        ) : null}
        {item.pendingEdit ? (
          <>
            <ButtonForm fields={{ intent: "approve-edit", ...target }} label={t("actions.approveEdit")} />
            <ButtonForm fields={{ intent: "reject-edit", ...target }} label={t("actions.rejectEdit")} />
          </>
        ) : null}
      </div>

      {item.status !== "hidden" && (isComment || item.status === "approved") ? (
        <DecisionForm intent="hide" fields={target} failure={about("hide")} danger>
          <ReasonFields idPrefix={`${key}-hide`} failure={about("hide")} />
        </DecisionForm>
      ) : null}

      {!isComment && item.status === "pending" ? (
        <>
          <DecisionForm intent="merge" fields={target} failure={about("merge")}>
            <SelectField
              id={`${key}-merge-into`}
              name="intoId"
              label={t("actions.merge.into")}
              emptyLabel={t("actions.merge.choose")}
              required
              choices={mergeTargets.map((p) => ({ value: String(p.id), label: p.title.text }))}
              defaultValue={about("merge")?.values.intoId ?? ""}
              error={about("merge")?.fieldErrors.intoId}
            />
            <NoteField idPrefix={`${key}-merge`} failure={about("merge")} />
          </DecisionForm>
          <DecisionForm intent="reject" fields={target} failure={about("reject")} danger>
            <ReasonFields idPrefix={`${key}-reject`} failure={about("reject")} />
          </DecisionForm>
        </>
      ) : null}

      {isComment ? (
        <>
          <DecisionForm intent="tag" fields={target} failure={about("tag")}>
            <fieldset className="choices">
              <legend>{t("actions.tag.legend")}</legend>
              {commentThemes.map((theme) => (
                <div className="choice" key={theme}>
                  <input
                    type="checkbox"
                    id={`${key}-theme-${theme}`}
                    name="theme"
                    value={theme}
                    defaultChecked={item.themes.includes(theme)}
                  />
                  <label htmlFor={`${key}-theme-${theme}`}>{t(`themes.${theme}`)}</label>
                </div>
              ))}
              <FieldError id={`${key}-theme`} error={about("tag")?.fieldErrors.theme} />
            </fieldset>
          </DecisionForm>
          <DecisionForm intent="redact" fields={target} failure={about("redact")}>
            <TextAreaField
              id={`${key}-redact-body`}
              name="body"
              label={t("actions.redact.body")}
              hint={t("actions.redact.hint")}
              rows={4}
              lang={item.body.language}
              defaultValue={about("redact")?.values.body ?? item.body.text}
              error={about("redact")?.fieldErrors.body}
            />
            <NoteField idPrefix={`${key}-redact`} failure={about("redact")} />
          </DecisionForm>
        </>
      ) : null}

      {canSuspend && item.authorId !== null ? (
        <DecisionForm
          intent="suspend"
          fields={{ userId: item.authorId, itemKey: `${item.type}:${item.id}` }}
          failure={about("suspend")}
          danger
        >
          <SelectField
            id={`${key}-suspend-days`}
            name="days"
            label={t("actions.suspend.days")}
            choices={suspensionPeriodsInDays.map((days) => ({
              value: String(days),
              label: t("days", { count: days, formatted: formatNumber(days, language) }),
            }))}
            defaultValue={about("suspend")?.values.days ?? "7"}
            error={about("suspend")?.fieldErrors.days}
          />
          <ReasonFields idPrefix={`${key}-suspend`} failure={about("suspend")} />
        </DecisionForm>
      ) : null}
    </article>
  );
}
