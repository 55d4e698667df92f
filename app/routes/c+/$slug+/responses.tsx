import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CommitmentDetails } from "~/components/commitment-item";
import { FallbackNote } from "~/components/fallback-note";
import type { PageHandle } from "~/components/page-title";
import { localize } from "~/platform/i18n/localize";
import { loadConsultationContextOnce } from "~/web/consultation-context.server";
import { can } from "~/platform/permissions.server";
import { renderMarkdown } from "~/platform/markdown";
import { commitmentView, listPublicResponses } from "~/responses/responses.server";
import { formatDate } from "~/platform/format";

export const handle: PageHandle = { title: (t) => t("responses:public.title") };

export async function loader(args: LoaderFunctionArgs) {
  const { db, consultation: row, actor, scope, language } = await loadConsultationContextOnce(args);
  const responses = await listPublicResponses(db, row.id);
  return {
    language,
    consultation: { slug: row.slug, title: localize(row.title, language, row.defaultLocale) },
    canRespond: can(actor, "response.publish", scope),
    responses: responses.map((r) => {
      const body = localize(r.body, language, row.defaultLocale);
      return {
        id: r.id,
        title: localize(r.title, language, row.defaultLocale),
        body: { ...body, html: renderMarkdown(body.text) },
        publishedAt: r.publishedAt?.toISOString() ?? null,
        commitments: r.commitments.map((c) => commitmentView(c, language, row.defaultLocale)),
      };
    }),
  };
}

export default function PublicResponsesPage() {
  const { t } = useTranslation("responses");
  const { consultation: c, responses, language, canRespond } = useLoaderData<typeof loader>();
  return (
    <article className="page responses-page">
      <h1>{t("public.title")}</h1>
      <p className="lead">{t("public.intro")}</p>
      <p>
        <Link to="/commitments">{t("public.allCommitments")}</Link>
      </p>
      {canRespond ? (
        <p>
          <Link to={`/c/${c.slug}/responses/edit`}>{t("public.editLink")}</Link>
        </p>
      ) : null}
      {responses.length === 0 ? <p className="empty">{t("public.empty")}</p> : null}
      {responses.map((r) => (
        <section key={r.id} id={`response-${r.id}`} aria-labelledby={`response-${r.id}-title`} className="response">
          <h2 id={`response-${r.id}-title`} lang={r.title.language}>
            {r.title.text}
          </h2>
          {r.publishedAt ? (
            <p className="card__meta">{t("public.publishedOn", { date: formatDate(r.publishedAt, language) })}</p>
          ) : null}
          <FallbackNote language={r.body.language} show={r.body.isFallback} />
          <div lang={r.body.language} className="response__body" dangerouslySetInnerHTML={{ __html: r.body.html }} />
          <h3>{t("public.commitments")}</h3>
          {r.commitments.length === 0 ? <p className="empty">{t("public.noCommitments")}</p> : null}
          <ul className="commitments">
            {r.commitments.map((commitment) => (
              <li key={commitment.id} id={`commitment-${commitment.id}`} className="card commitment">
                <CommitmentDetails commitment={commitment} language={language} headingLevel="h4" />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
