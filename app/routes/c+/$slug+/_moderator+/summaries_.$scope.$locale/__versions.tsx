/** The summary's saved versions: restore one, compare two. */
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/platform/format";
import { FormToken } from "~/security/form-guards";
import { useLatestVersion } from "./__editor-form";
import type { loader } from "./route";

export function VersionsSection() {
  const { t } = useTranslation("summaries");
  const { versions, summary, diff, language } = useLoaderData<typeof loader>();
  const latestVersion = useLatestVersion();
  return (
    <section id="versions" aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t("versions.heading")}</h2>
      {versions.length === 0 ? <p className="empty">{t("versions.empty")}</p> : null}
      <ol className="summary-versions" reversed>
        {versions.map((v) => (
          <li key={v.version}>
            {t("versions.item", {
              version: v.version,
              date: formatDateTime(v.createdAt, language),
              author: v.authorName ?? t("versions.unknownAuthor"),
            })}{" "}
            {v.version === summary?.publishedVersion ? <strong>{t("versions.published")}</strong> : null}{" "}
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
      {versions.length > 1 ? (
        <Form method="get" className="filters" action={`#diff`}>
          <VersionChoice name="from" defaultValue={diff?.from ?? versions[1]?.version} />
          <VersionChoice name="to" defaultValue={diff?.to ?? latestVersion ?? undefined} />
          <button type="submit" className="button button--small">
            {t("diff.compare")}
          </button>
        </Form>
      ) : null}
      {diff ? <VersionDiff /> : null}
    </section>
  );
}

/** One end of a comparison: `from` or `to`, any saved version. */
function VersionChoice({ name, defaultValue }: { name: "from" | "to"; defaultValue: number | undefined }) {
  const { t } = useTranslation("summaries");
  const { versions } = useLoaderData<typeof loader>();
  return (
    <div className="field">
      <label htmlFor={`diff-${name}`}>{t(`diff.${name}`)}</label>
      <select id={`diff-${name}`} name={name} defaultValue={defaultValue}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            {t("diff.version", { version: v.version })}
          </option>
        ))}
      </select>
    </div>
  );
}

/** What changed between two versions; the hidden words tell a screen reader where changes start and end. */
function VersionDiff() {
  const { t } = useTranslation("summaries");
  const { diff, locale } = useLoaderData<typeof loader>();
  if (!diff) return null;
  return (
    <section id="diff" aria-labelledby="diff-heading">
      <h3 id="diff-heading">{t("diff.heading", { from: diff.from, to: diff.to })}</h3>
      <div className="summary-diff" lang={locale}>
        {diff.parts.map((part, index) =>
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
  );
}
