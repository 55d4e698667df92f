/**
 * A consultation's community meetings (decision 0045): a facilitator's own, or, for its moderators
 * and admins, everyone's with each facilitator's totals, so that one person's weight shows.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DataTable } from "~/components/data-table";
import { LabelledSection } from "~/components/labelled-section";
import { PageLinks } from "~/components/page-links";
import type { PageHandle } from "~/components/page-title";
import { facilitatorTotals, listMeetings } from "~/meetings/meetings.server";
import { countryName, formatDate, formatNumber } from "~/platform/format";
import { languageAutonyms, isSupportedLanguage } from "~/platform/i18n/config";
import { loadConsultationContextOnce } from "~/web/consultation-context.server";
import { requireMeetingsList } from "~/web/meeting-access.server";

export const handle: PageHandle = { title: (t) => t("meetings:list.title") };

const listQuery = z.object({ page: z.coerce.number().int().min(1).catch(1) });

export async function loader(args: LoaderFunctionArgs) {
  const context = await loadConsultationContextOnce(args);
  const { actor, seesAll, mayRecord } = requireMeetingsList(args.request, context);
  const { page } = listQuery.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const { db, consultation: row, language } = context;
  const [list, totals] = await Promise.all([
    listMeetings(db, { consultationId: row.id, facilitatorId: seesAll ? undefined : actor.userId, page }),
    seesAll ? facilitatorTotals(db, row.id) : [],
  ]);
  return { slug: row.slug, language, seesAll, mayRecord, ...list, totals };
}

export default function MeetingsPage() {
  const { t } = useTranslation("meetings");
  const data = useLoaderData<typeof loader>();
  const { slug, language, seesAll } = data;
  const number = (value: number) => formatNumber(value, language);
  return (
    <article className="page meetings-page">
      <h1>{t("list.title")}</h1>
      <p className="lead">{t(seesAll ? "list.introAll" : "list.introOwn")}</p>
      {data.mayRecord ? (
        <p>
          <Link to={`/c/${slug}/meetings/new`} className="button">
            {t("list.record")}
          </Link>
        </p>
      ) : null}

      {seesAll && data.totals.length > 0 ? (
        <LabelledSection headingId="facilitator-totals" heading={t("totals.heading")}>
          <DataTable
            caption={t("totals.caption")}
            columns={[
              t("totals.facilitator"),
              t("totals.meetings"),
              t("totals.people"),
              t("totals.votes"),
              t("totals.comments"),
            ]}
          >
            {data.totals.map((row) => (
              <tr key={row.facilitatorId ?? "former"}>
                <th scope="row">{row.name ?? t("totals.former")}</th>
                <td>{number(row.meetings)}</td>
                <td>{number(row.peoplePresent)}</td>
                <td>{number(row.votes)}</td>
                <td>{number(row.comments)}</td>
              </tr>
            ))}
          </DataTable>
        </LabelledSection>
      ) : null}

      <LabelledSection headingId="meetings-heading" heading={t("list.heading", { total: data.total })}>
        {data.meetings.length === 0 ? (
          <p className="empty">{t(seesAll ? "list.emptyAll" : "list.emptyOwn")}</p>
        ) : (
          <DataTable
            caption={t("list.caption")}
            columns={[
              t("list.date"),
              t("list.place"),
              t("list.language"),
              t("list.people"),
              t("list.votes"),
              t("list.comments"),
              ...(seesAll ? [t("list.facilitator")] : []),
            ]}
          >
            {data.meetings.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <Link to={`/c/${slug}/meetings/${m.id}`}>{formatDate(m.heldOn, language)}</Link>
                  {m.status === "voided" ? <span className="tag">{t("status.voided")}</span> : null}
                </th>
                <td>
                  {m.place}, {countryName(m.country, language)}
                </td>
                <td lang={m.language}>{isSupportedLanguage(m.language) ? languageAutonyms[m.language] : m.language}</td>
                <td>{number(m.peoplePresent)}</td>
                <td>{number(m.votes)}</td>
                <td>{number(m.comments)}</td>
                {seesAll ? <td>{m.facilitatorName ?? t("totals.former")}</td> : null}
              </tr>
            ))}
          </DataTable>
        )}
        <PageLinks
          label={t("list.pages")}
          page={data.page}
          pageCount={data.pageCount}
          language={language}
          hrefFor={(n) => `/c/${slug}/meetings${n > 1 ? `?page=${n}` : ""}`}
          previous={t("list.previous")}
          next={t("list.next")}
        />
      </LabelledSection>
    </article>
  );
}
