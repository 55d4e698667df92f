import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { priorityCategories, productTypes } from "~db/vocabulary";
import { FlagForm } from "~/components/flag-form";
import { FormError } from "~/components/form-field";
import type { PageHandle } from "~/components/page-title";
import { ProposalForm } from "~/components/proposal-form";
import { isSupportedLanguage, languageAutonyms } from "~/platform/i18n/config";
import { localize, type LocalizedValue } from "~/platform/i18n/localize";
import {
  loadConsultationContext,
  loadConsultationContextOnce,
  rateLimitResponse,
  refusalResponse,
  type ConsultationContext,
} from "~/web/consultation-context.server";
import { participationRefusal } from "~/participation/refusal.server";
import { handleFlag } from "~/web/flag-action.server";
import {
  listMemberProposedPriorities,
  listOwnProposals,
  proposalForm,
  submitProposal,
} from "~/participation/proposals.server";
import { formatDate } from "~/platform/format";
import { formFailure, type FormFailure } from "~/web/form-failures.server";
import { backTo, respondSuccess } from "~/web/respond.server";
import { parseSubmission } from "~/web/forms.server";

export const handle: PageHandle = { title: (t) => t("proposals:title") };

export async function loader(args: LoaderFunctionArgs) {
  const context = await loadConsultationContextOnce(args);
  const { db, consultation: row, actor, language } = context;
  const viewerId = actor.kind === "member" ? actor.userId : null;
  const [refusal, own, memberProposed] = await Promise.all([
    participationRefusal(context, "priority.propose"),
    viewerId ? listOwnProposals(db, row.id, viewerId) : [],
    listMemberProposedPriorities(db, row.id, viewerId),
  ]);
  // Members write in one language: theirs is the text's own, not a fallback to flag as missing.
  const text = (value: Parameters<typeof localize>[0], written: string | null) =>
    localize(value, language, written ?? row.defaultLocale);
  return {
    language,
    consultation: { slug: row.slug, phase: row.phase },
    ability: refusal ? refusal.reason : ("can-propose" as const),
    suspensionReason: refusal?.reason === "suspended" ? refusal.suspensionReason : null,
    ownProposals: own.map((p) => ({
      id: p.id,
      title: text(p.title, p.proposalLanguage),
      body: text(p.body, p.proposalLanguage),
      category: p.category,
      productType: p.productType,
      status: p.status,
      mergedIntoId: p.mergedIntoId,
      createdAt: p.createdAt.toISOString(),
    })),
    memberProposed: memberProposed.map((p) => ({
      id: p.id,
      title: text(p.title, p.proposalLanguage),
      body: text(p.body, p.proposalLanguage),
      category: p.category,
      productType: p.productType,
      flaggedByViewer: p.flaggedByViewer,
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { request, params } = args;
  const context = await loadConsultationContext(request, params.slug);
  const formData = await request.formData();
  switch (formData.get("intent")) {
    case "propose":
      return handlePropose(context, formData, args);
    case "flag":
      return handleFlag(context, formData, args, ({ targetId }) => backTo(request, `proposal-${targetId}`));
    default:
      return formFailure(formData, { fieldErrors: {}, formError: "participation:errors.unknownAction" }, 400);
  }
}

async function handlePropose(context: ConsultationContext, formData: FormData, args: ActionFunctionArgs) {
  const refusal = await participationRefusal(context, "priority.propose");
  if (refusal) return refusalResponse(formData, refusal);
  const { actor } = context;
  if (actor.kind !== "member") return refusalResponse(formData, { reason: "sign-in" });

  const parsed = parseSubmission(proposalForm, formData);
  if (!parsed.ok) return parsed.answer;

  const limited = await rateLimitResponse({ ...context, actor }, args.request, args.context, formData, {
    member: "proposePerMember",
    address: "proposePerAddress",
  });
  if (limited) return limited;

  const result = await submitProposal(context.db, {
    ...parsed.data,
    consultationId: context.consultation.id,
    userId: actor.userId,
  });
  if (!result.ok) return formFailure(formData, { fieldErrors: { title: "proposals:errors.duplicate" } }, 409);
  return respondSuccess(formData, {
    redirectTo: backTo(args.request, "your-proposals"),
    flash: { message: "proposals:submitted" },
    result: { priorityId: result.priorityId },
  });
}

/** Names the language a member wrote in when it is not the page's. */
function WrittenIn({ text, language }: { text: LocalizedValue; language: string }) {
  const { t } = useTranslation("proposals");
  if (text.language === language) return null;
  const name = isSupportedLanguage(text.language) ? languageAutonyms[text.language] : text.language;
  return <p className="fallback-note">{t("writtenIn", { language: name })}</p>;
}

function Tags({ category, productType }: { category: string; productType: string | null }) {
  const { t } = useTranslation("consultation");
  return (
    <p className="priority__tags">
      <span className="tag">{t(`categories.${category}`)}</span>
      {productType ? <span className="tag tag--product">{t(`productTypes.${productType}`)}</span> : null}
    </p>
  );
}

export default function ProposePage() {
  const { t } = useTranslation(["proposals", "participation"]);
  const {
    consultation: c,
    language,
    ability,
    suspensionReason,
    ownProposals,
    memberProposed,
  } = useLoaderData<typeof loader>();
  const failure = useActionData<FormFailure>();
  const proposeFailure = failure?.values.intent === "propose" && ability === "can-propose" ? failure : undefined;
  const flagFailureFor = (id: number) =>
    failure?.values.intent === "flag" && failure.values.targetId === String(id) ? failure : undefined;
  // A refusal about nothing on the page (a tampered form, a proposal no longer listed) still shows.
  const unplacedFailure =
    failure && !proposeFailure && !memberProposed.some((p) => flagFailureFor(p.id)) ? failure : undefined;
  const signInHref = `/sign-in?redirectTo=${encodeURIComponent(`/c/${c.slug}/propose`)}`;
  const priorityHref = (id: number) => `/c/${c.slug}#priority-${id}`;
  return (
    <article className="page proposals-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <FormError message={unplacedFailure?.formError} values={unplacedFailure?.formErrorValues} />

      <section aria-labelledby="proposal-form-heading">
        <h2 id="proposal-form-heading">{t("form.heading")}</h2>
        {ability === "can-propose" ? (
          <ProposalForm
            categories={priorityCategories}
            productTypes={productTypes}
            defaultLanguage={language}
            failure={proposeFailure}
          />
        ) : ability === "sign-in" ? (
          <p>
            <Link to={signInHref}>{t("signIn")}</Link>
          </p>
        ) : (
          <p className="banner">
            {ability === "suspended"
              ? t("participation:refusal.suspended", { reason: suspensionReason ?? "" })
              : t("participation:refusal.notOpen")}
          </p>
        )}
      </section>

      {ability !== "sign-in" ? (
        <section aria-labelledby="your-proposals" className="proposals">
          <h2 id="your-proposals">{t("own.heading")}</h2>
          {ownProposals.length === 0 ? <p className="empty">{t("own.empty")}</p> : null}
          <ul className="priorities">
            {ownProposals.map((p) => (
              <li key={p.id} id={`own-proposal-${p.id}`} className="priority">
                <h3 lang={p.title.language}>{p.title.text}</h3>
                <WrittenIn text={p.title} language={language} />
                <p className="card__meta">
                  <span className={`proposal-status proposal-status--${p.status}`}>{t(`status.${p.status}`)}</span>
                  <span>{t("own.proposedOn", { date: formatDate(p.createdAt, language) })}</span>
                </p>
                <Tags category={p.category} productType={p.productType} />
                <p lang={p.body.language} className="proposal__body">
                  {p.body.text}
                </p>
                {p.status === "approved" ? (
                  <p>
                    <Link to={priorityHref(p.id)}>{t("own.seeIt")}</Link>
                  </p>
                ) : null}
                {p.status === "merged" && p.mergedIntoId ? (
                  <p>
                    <Link to={priorityHref(p.mergedIntoId)}>{t("own.mergedInto")}</Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="member-proposed-heading" className="proposals">
        <h2 id="member-proposed-heading">{t("members.heading")}</h2>
        <p>{t("members.intro")}</p>
        {memberProposed.length === 0 ? <p className="empty">{t("members.empty")}</p> : null}
        <ul className="priorities">
          {memberProposed.map((p) => (
            <li key={p.id} id={`proposal-${p.id}`} className="priority">
              <h3 lang={p.title.language}>
                <Link to={priorityHref(p.id)}>{p.title.text}</Link>
              </h3>
              <WrittenIn text={p.title} language={language} />
              <Tags category={p.category} productType={p.productType} />
              <p lang={p.body.language} className="proposal__body">
                {p.body.text}
              </p>
              {ability === "can-propose" || p.flaggedByViewer ? (
                <FlagForm
                  targetType="priority"
                  targetId={p.id}
                  failure={flagFailureFor(p.id)}
                  alreadyReported={p.flaggedByViewer ? t("members.alreadyReported") : null}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
