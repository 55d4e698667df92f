import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BallotSection } from "~/components/ballot-form";
import { FallbackNote } from "~/components/fallback-note";
import { failureFor } from "~/components/form-field";
import { OpinionMap } from "~/components/opinion-map";
import type { PageHandle } from "~/components/page-title";
import { handleBallot } from "~/web/ballot-action.server";
import { loadConsultationContext } from "~/web/consultation-context.server";
import { formFailure, type FormFailure } from "~/web/form-failures.server";
import { backTo } from "~/web/respond.server";
import { handleVote } from "~/web/vote-action.server";
import { ConsultationHeader } from "./__consultation-header";
import { PriorityFilters, PriorityList } from "./__priority-list";
import { loadConsultationPage } from "./consultation-page.server";

export const handle: PageHandle = {
  title: (t, data) =>
    (data as { consultation?: { title: { text: string } } } | undefined)?.consultation?.title.text ??
    t("errors.notFound.title"),
};

export function loader(args: LoaderFunctionArgs) {
  return loadConsultationPage(args);
}

export async function action(args: ActionFunctionArgs) {
  const { request, params } = args;
  const context = await loadConsultationContext(request, params.slug);
  const formData = await request.formData();
  switch (formData.get("intent")) {
    case "vote":
      return handleVote(context, formData, args, (priorityId) => backTo(request, `priority-${priorityId}`));
    case "ballot":
      return handleBallot(context, formData, args, backTo(request, "ballot"));
    default:
      return formFailure(formData, { fieldErrors: {}, formError: "participation:errors.unknownAction" }, 400);
  }
}

export default function ConsultationPage() {
  const { t } = useTranslation(["consultation", "participation"]);
  const data = useLoaderData<typeof loader>();
  const { consultation: c, priorities, language, ability, filters, totalPriorities, ballot, opinionMap } = data;
  const failure = useActionData<FormFailure>();
  const signInHref = (anchor: string) => `/sign-in?redirectTo=${encodeURIComponent(`/c/${c.slug}#${anchor}`)}`;
  // A refused ballot or vote shows at its own form; any other refusal at the top of the page.
  const shownAtItsForm =
    failure?.values.intent === "ballot" || priorities.some((p) => String(p.id) === failure?.values.priorityId);
  return (
    <article className="page">
      <ConsultationHeader
        data={data}
        formError={failure?.formError && !shownAtItsForm ? t(failure.formError, failure.formErrorValues) : null}
      />

      <section aria-labelledby="context-heading" className="context">
        <h2 id="context-heading">{t("contextHeading")}</h2>
        <FallbackNote language={c.context.language} show={c.context.isFallback && !c.title.isFallback} />
        {c.context.text.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index} lang={c.context.language}>
            {paragraph}
          </p>
        ))}
        {c.countries.length > 0 ? (
          <p className="region">
            <strong>{t("region")}</strong> {[...c.communities, ...c.countries].join(" · ")}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="priorities-heading">
        <h2 id="priorities-heading">{t("prioritiesHeading", { count: totalPriorities })}</h2>
        <p>
          <Link to={`/c/${c.slug}/propose`}>{t("consultation:proposeLink")}</Link>
        </p>
        <PriorityFilters filters={filters} />
        <PriorityList
          slug={c.slug}
          priorities={priorities}
          ability={ability}
          language={language}
          failure={failure}
          signInHref={signInHref}
        />
      </section>

      {ballot ? (
        <BallotSection
          ballot={ballot}
          ability={ability}
          signInHref={signInHref("ballot")}
          language={language}
          failure={failureFor(failure, "ballot")}
        />
      ) : null}

      <OpinionMap section={opinionMap} language={language} signedIn={data.signedIn} />
    </article>
  );
}
