/**
 * Every page of one consultation (/c/:slug/…) renders inside this layout. The pages for moderators
 * (`_moderator+`) and for institutions (`_institution+`) are grouped by audience in pathless folders
 * and keep their URLs. The layout loads the consultation (shared with the page's loader, decision
 * 0044), draws its title and the sections this person may see, and answers the consultation's
 * errors (an unknown or hidden slug, a refused tool) in the site's translated words.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { localize } from "~/platform/i18n/localize";
import { can, type Action } from "~/platform/permissions.server";
import { hasPublishedSummary } from "~/summaries/summaries.server";
import { loadConsultationContextOnce } from "~/web/consultation-context.server";

/** One entry of the consultation's navigation: its path under /c/:slug and its label's key. */
interface Section {
  path: string;
  label: string;
}

/** What decides which sections a person sees. */
interface Viewer {
  may: (action: Action) => boolean;
  summaryPublished: boolean;
}

const anyone = () => true;

/** The sections in the order drawn: first what anyone may read, then each audience's tools. */
const sections: ReadonlyArray<Section & { shownTo: (viewer: Viewer) => boolean }> = [
  { path: "", label: "consultation:sections.overview", shownTo: anyone },
  { path: "/summary", label: "consultation:sections.summary", shownTo: (v) => v.summaryPublished },
  { path: "/report", label: "reports:link", shownTo: (v) => v.may("report.readPublic") },
  { path: "/responses", label: "consultation:sections.responses", shownTo: anyone },
  { path: "/moderation-log", label: "consultation:sections.moderationLog", shownTo: anyone },
  { path: "/moderation", label: "moderation:queue.heading", shownTo: (v) => v.may("moderation.queue") },
  { path: "/summaries", label: "summaries:overview.link", shownTo: (v) => v.may("summary.write") },
  {
    path: "/meetings",
    label: "meetings:list.title",
    shownTo: (v) => v.may("offline.enter") || v.may("moderation.queue"),
  },
  { path: "/facilitators", label: "meetings:facilitators.title", shownTo: (v) => v.may("facilitator.assign") },
  { path: "/responses/edit", label: "responses:editor.title", shownTo: (v) => v.may("response.publish") },
  { path: "/export", label: "exports:title", shownTo: (v) => v.may("export.download") },
  // Before it is public, the report is a tool of the owning and following institutions: listed with theirs.
  {
    path: "/report",
    label: "reports:link",
    shownTo: (v) => !v.may("report.readPublic") && v.may("report.download"),
  },
];

export async function loader(args: LoaderFunctionArgs) {
  const { db, consultation, scope, actor, language } = await loadConsultationContextOnce(args);
  const viewer: Viewer = {
    may: (action) => can(actor, action, scope),
    summaryPublished: await hasPublishedSummary(db, consultation.id),
  };
  return {
    slug: consultation.slug,
    title: localize(consultation.title, language, consultation.defaultLocale),
    sections: sections.filter((s) => s.shownTo(viewer)).map(({ path, label }): Section => ({ path, label })),
  };
}

export default function ConsultationLayout() {
  const { t } = useTranslation("consultation");
  const { slug, title, sections } = useLoaderData<typeof loader>();
  return (
    <>
      {/* No h1 here: each page has its own, where focus lands after a navigation. */}
      <header className="page consultation-bar">
        <p className="consultation-bar__title" lang={title.language}>
          <Link to={`/c/${slug}`}>{title.text}</Link>
        </p>
        <nav aria-label={t("sections.label")}>
          <ul className="inline-list">
            {sections.map(({ path, label }) => (
              <li key={path}>
                {/* `end`: /responses is not current on /responses/edit, nor the overview on every page. */}
                <NavLink to={`/c/${slug}${path}`} end>
                  {t(label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
