/**
 * The human-readable page of a member's data export: one self-contained HTML file (no script, no
 * outside style sheet), in the member's language and direction, saying in words what my-data.json
 * holds. Rendered with React, so every text the member or others wrote is escaped.
 */
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { isSupportedLanguage, languageAutonyms, textDirection } from "~/platform/i18n/config";
import { localize } from "~/platform/i18n/localize";
import { countryName, formatDateTime } from "~/platform/format";
import type { MemberData, Named } from "~/accounts/member-data.server";

const style = `
body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: start; vertical-align: top; }
caption { text-align: start; font-weight: bold; }
.text { white-space: pre-wrap; }
article { border-top: 1px solid #999; padding: 0.5rem 0; }
`;

interface Column<Row> {
  label: string;
  cell: (row: Row) => ReactNode;
}

export function renderMemberDataPage(data: MemberData, t: TFunction): string {
  const language = data.language;
  const when = (value: string | null) => (value ? formatDateTime(value, language) : "—");
  const yesNo = (value: boolean | null) => (value === null ? "—" : value ? t("mydata:file.yes") : t("mydata:file.no"));
  const named = (value: Named | null) => (value ? value.title || value.slug || `#${value.id}` : "—");
  const none = <p>{t("mydata:file.none")}</p>;

  function table<Row>(id: string, rows: readonly Row[], columns: Column<Row>[]) {
    return (
      <section aria-labelledby={id}>
        <h2 id={id}>{t(`mydata:file.sections.${id}`)}</h2>
        {rows.length === 0 ? (
          none
        ) : (
          <table>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.label} scope="col">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index}>
                  {columns.map((column) => (
                    <td key={column.label}>{column.cell(row)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    );
  }

  const field = (key: string) => t(`mydata:file.fields.${key}`);
  const { account, profile } = data;
  const title = t("mydata:file.title");
  const page = (
    <html lang={language} dir={textDirection(language)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style>{style}</style>
      </head>
      <body>
        <main>
          <h1>{title}</h1>
          <p>{t("mydata:file.generated", { when: when(data.generatedAt) })}</p>
          <p>{t("mydata:file.intro")}</p>

          <section aria-labelledby="account">
            <h2 id="account">{t("mydata:file.sections.account")}</h2>
            <dl>
              <dt>{field("name")}</dt>
              <dd>{account.name}</dd>
              <dt>{field("email")}</dt>
              <dd>{account.email}</dd>
              <dt>{field("emailVerified")}</dt>
              <dd>{yesNo(account.emailVerified)}</dd>
              <dt>{field("twoFactor")}</dt>
              <dd>{yesNo(account.twoFactorEnabled)}</dd>
              <dt>{field("createdAt")}</dt>
              <dd>{when(account.createdAt)}</dd>
              <dt>{field("roles")}</dt>
              <dd>
                {[
                  ...account.siteRoles.map((role) => role.role),
                  ...account.institutions.map((membership) => membership.institution),
                  ...account.moderates.map((moderated) => moderated.consultation),
                ].join(", ") || "—"}
              </dd>
            </dl>
          </section>

          <section aria-labelledby="profile">
            <h2 id="profile">{t("mydata:file.sections.profile")}</h2>
            {profile ? (
              <dl>
                <dt>{field("displayName")}</dt>
                <dd>{profile.displayName ?? "—"}</dd>
                <dt>{field("country")}</dt>
                <dd>{profile.country ? countryName(profile.country, language) : "—"}</dd>
                <dt>{field("stakeholderGroup")}</dt>
                <dd>{profile.stakeholderGroup ? t(`common:stakeholderGroups.${profile.stakeholderGroup}`) : "—"}</dd>
                <dt>{field("ageBand")}</dt>
                <dd>{profile.ageBand ? t(`profile:ageBands.${profile.ageBand}`) : "—"}</dd>
                <dt>{field("gender")}</dt>
                <dd>{profile.gender ? t(`profile:genders.${profile.gender}`) : "—"}</dd>
                <dt>{field("preferredLanguage")}</dt>
                <dd>
                  {isSupportedLanguage(profile.preferredLanguage) ? languageAutonyms[profile.preferredLanguage] : "—"}
                </dd>
                <dt>{field("declaredInterest")}</dt>
                <dd>{yesNo(profile.hasDeclaredInterest)}</dd>
                <dt>{field("updatedAt")}</dt>
                <dd>{when(profile.updatedAt)}</dd>
              </dl>
            ) : (
              none
            )}
          </section>

          {table("consents", data.consents, [
            { label: field("consent"), cell: (row) => t(`mydata:file.consents.${row.name}`) },
            { label: field("given"), cell: (row) => yesNo(row.given) },
            { label: field("recordedAt"), cell: (row) => when(row.recordedAt) },
          ])}

          {table("phones", data.phones, [
            { label: field("country"), cell: (row) => (row.country ? countryName(row.country, language) : "—") },
            { label: field("lastDigits"), cell: (row) => row.lastDigits ?? "—" },
            { label: field("createdAt"), cell: (row) => when(row.firstSeenAt) },
          ])}

          {table("votes", data.votes, [
            { label: field("consultation"), cell: (row) => named(row.consultation) },
            { label: field("priority"), cell: (row) => named(row.priority) },
            { label: field("vote"), cell: (row) => t(`participation:vote.values.${row.value}`) },
            { label: field("channel"), cell: (row) => t(`mydata:file.channels.${row.channel}`) },
            { label: field("updatedAt"), cell: (row) => when(row.updatedAt) },
          ])}

          {table("ballot", data.ballot, [
            { label: field("consultation"), cell: (row) => named(row.consultation) },
            { label: field("priority"), cell: (row) => named(row.priority) },
            { label: field("points"), cell: (row) => row.points },
            { label: field("channel"), cell: (row) => t(`mydata:file.channels.${row.channel}`) },
            { label: field("updatedAt"), cell: (row) => when(row.updatedAt) },
          ])}

          <section aria-labelledby="comments">
            <h2 id="comments">{t("mydata:file.sections.comments")}</h2>
            {data.comments.length === 0
              ? none
              : data.comments.map((row) => (
                  <article key={row.id}>
                    <h3>
                      {named(row.consultation)} — {named(row.priority)} ({when(row.createdAt)})
                    </h3>
                    <p className="text" lang={row.language}>
                      {row.body}
                    </p>
                    <dl>
                      <dt>{field("status")}</dt>
                      <dd>{row.status}</dd>
                      {row.editedAt ? (
                        <>
                          <dt>{field("editedAt")}</dt>
                          <dd>{when(row.editedAt)}</dd>
                        </>
                      ) : null}
                    </dl>
                    {row.revisions.length > 0 ? (
                      <>
                        <h4>{field("revisions")}</h4>
                        <ol>
                          {row.revisions.map((revision, index) => (
                            <li key={index}>
                              {t("mydata:file.replacedAt", { when: when(revision.replacedAt) })}
                              <p className="text" lang={row.language}>
                                {revision.body}
                              </p>
                            </li>
                          ))}
                        </ol>
                      </>
                    ) : null}
                    {row.pendingEdit ? (
                      <>
                        <h4>{field("pendingEdit")}</h4>
                        <p className="text">{row.pendingEdit.body}</p>
                      </>
                    ) : null}
                  </article>
                ))}
          </section>

          {table("endorsements", data.endorsements, [
            { label: field("consultation"), cell: (row) => named(row.consultation) },
            { label: field("comment"), cell: (row) => `#${row.commentId}` },
            { label: field("createdAt"), cell: (row) => when(row.createdAt) },
          ])}

          {table("proposals", data.proposals, [
            { label: field("consultation"), cell: (row) => named(row.consultation) },
            {
              label: field("title"),
              cell: (row) => localize(row.title, language, row.language ?? "en").text,
            },
            { label: field("status"), cell: (row) => row.status },
            { label: field("createdAt"), cell: (row) => when(row.createdAt) },
          ])}

          {table("flags", data.flags, [
            { label: field("consultation"), cell: (row) => named(row.consultation) },
            { label: field("target"), cell: (row) => `${row.targetType} #${row.targetId}` },
            { label: field("reason"), cell: (row) => row.reason },
            { label: field("note"), cell: (row) => row.note ?? "—" },
            { label: field("createdAt"), cell: (row) => when(row.createdAt) },
          ])}

          {table("notifications", data.notifications, [
            { label: field("kind"), cell: (row) => row.kind },
            { label: field("consultation"), cell: (row) => named(row.consultation) },
            { label: field("createdAt"), cell: (row) => when(row.createdAt) },
            { label: field("readAt"), cell: (row) => when(row.readAt) },
          ])}

          {table("sessions", data.sessions, [
            { label: field("signedInAt"), cell: (row) => when(row.createdAt) },
            { label: field("lastActiveAt"), cell: (row) => when(row.lastActiveAt) },
            { label: field("ipAddress"), cell: (row) => row.ipAddress ?? "—" },
            { label: field("browser"), cell: (row) => row.userAgent ?? "—" },
          ])}

          {table("moderation", data.moderation, [
            { label: field("consultation"), cell: (row) => named(row.consultation) },
            { label: field("target"), cell: (row) => `${row.targetType} #${row.targetId}` },
            { label: field("action"), cell: (row) => row.action },
            { label: field("reason"), cell: (row) => row.reason ?? "—" },
            { label: field("createdAt"), cell: (row) => when(row.createdAt) },
          ])}

          {table("suspensions", data.suspensions, [
            { label: field("consultation"), cell: (row) => named(row.consultation) },
            { label: field("reason"), cell: (row) => row.reason },
            { label: field("startsAt"), cell: (row) => when(row.startsAt) },
            { label: field("endsAt"), cell: (row) => when(row.endsAt) },
          ])}

          {table("mails", data.mails, [
            { label: field("subject"), cell: (row) => row.subject },
            { label: field("createdAt"), cell: (row) => when(row.createdAt) },
            { label: field("sentAt"), cell: (row) => when(row.sentAt) },
          ])}

          {table("downloads", data.downloads, [
            { label: field("consultation"), cell: (row) => named(row.consultation) },
            { label: field("kind"), cell: (row) => `${row.kind} (${row.format})` },
            { label: field("createdAt"), cell: (row) => when(row.createdAt) },
          ])}
        </main>
      </body>
    </html>
  );
  return `<!DOCTYPE html>${renderToStaticMarkup(page)}`;
}
