import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { isSupportedLanguage, languageAutonyms } from "~/platform/i18n/config";
import { versionNumber } from "~/summaries/summaries.server";
import summaryStyles from "~/styles/summaries.css?url";
import { loadConsultationContext, loadConsultationContextOnce } from "~/web/consultation-context.server";
import type { FormFailure } from "~/web/form-failures.server";
import { requireConsultationAbility } from "~/web/guard.server";
import { EditorForm, PublicationSection, PreviewSection } from "./__editor-form";
import { MaterialAside } from "./__material";
import { VersionsSection } from "./__versions";
import {
  changePublication,
  deleteDraft,
  insertQuote,
  loadEditorPage,
  refused,
  resolveTarget,
  restore,
  saveVersion,
  type QuoteInserted,
} from "./editor.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: summaryStyles }];

export const handle: PageHandle = {
  title: (t, loaded) => {
    const page = loaded as { scopeTitle?: string } | undefined;
    return page?.scopeTitle ? t("summaries:editor.title", { scope: page.scopeTitle }) : t("errors.notFound.title");
  },
};

const diffQuery = z.object({
  from: versionNumber.optional().catch(undefined),
  to: versionNumber.optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const { request, params } = args;
  const context = await loadConsultationContextOnce(args);
  const actor = requireConsultationAbility(request, context, "summary.write");
  const target = await resolveTarget(context, params);
  if (!target.ok) throw new Response("Not Found", { status: 404 });
  const compare = diffQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return loadEditorPage(context, actor, target, compare);
}

const handlers = {
  save: saveVersion,
  restore,
  publish: changePublication,
  unpublish: changePublication,
  delete: deleteDraft,
};

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadConsultationContext(request, params.slug);
  const actor = requireConsultationAbility(request, context, "summary.write");
  const formData = await request.formData();
  const target = await resolveTarget(context, params);
  if (!target.ok) return refused(formData, target.problem, target.problem === "unknownScope" ? 404 : 400);
  const post = { request, context, actor, scope: target.scope, formData };
  // The quote buttons submit the editor's form, so they post its text with no intent of their own.
  if (formData.has("quoteCommentId")) return insertQuote(post);
  const intent = String(formData.get("intent"));
  if (!Object.hasOwn(handlers, intent)) return refused(formData, "unknownAction");
  return handlers[intent as keyof typeof handlers](post);
}

function isFailure(answer: FormFailure | QuoteInserted | undefined): answer is FormFailure {
  return Boolean(answer && "values" in answer);
}

export default function SummaryEditor() {
  const { t } = useTranslation(["summaries", "participation"]);
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<FormFailure | QuoteInserted>();
  const failure = isFailure(answer) ? answer : undefined;
  const inserted = answer && !isFailure(answer) ? answer : undefined;
  const { consultation: c, locale } = page;
  const localeName = isSupportedLanguage(locale) ? languageAutonyms[locale] : locale;
  const placedElsewhere = failure && !failure.fieldErrors.body ? failure : undefined;
  return (
    <article className="page summary-editor-page">
      <p className="back-link">
        <Link to={`/c/${c.slug}/summaries`}>{t("editor.back")}</Link>
      </p>
      <h1>
        {t("editor.heading")} <span lang={page.scopeTitleLanguage}>{page.scopeTitle}</span>
      </h1>
      <p className="lead">
        {t("editor.locale", { language: localeName })}{" "}
        <span className={`summary-status summary-status--${page.summary?.status ?? "none"}`}>
          {t(`status.${page.summary?.status ?? "none"}`)}
        </span>
      </p>
      <FormError message={placedElsewhere?.formError} values={placedElsewhere?.formErrorValues} />

      {page.problems.length > 0 ? (
        <section className="summary-warnings" role="alert" aria-labelledby="quote-warnings">
          <h2 id="quote-warnings">{t("warnings.heading")}</h2>
          <ul>
            {page.problems.map((problem) => (
              <li key={problem.commentId}>{t(`warnings.${problem.status}`, { id: problem.commentId })}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="summary-editor">
        <section id="editor" aria-labelledby="editor-heading">
          <h2 id="editor-heading">{t("editor.textHeading")}</h2>
          <EditorForm localeName={localeName} failure={failure} inserted={inserted} />
          <PublicationSection failure={failure} />
          <PreviewSection />
        </section>
        <MaterialAside />
      </div>

      <VersionsSection />
    </article>
  );
}
