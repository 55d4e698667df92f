/** The consultation page's data: its text, the priorities as filtered, the ballot and the opinion map. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { priorityCategories, productTypes } from "~db/vocabulary";
import { listPrioritiesWithCounts } from "~/consultations/consultations.server";
import { loadOpinionMapSection } from "~/opinion/opinion-map.server";
import { loadBallotSection } from "~/participation/ballot.server";
import { participationRefusal } from "~/participation/refusal.server";
import { resultsVisibleTo, summarizeVotes } from "~/participation/results";
import { findOwnVotes } from "~/participation/votes.server";
import { countryName } from "~/platform/format";
import { localize } from "~/platform/i18n/localize";
import { loadConsultationContextOnce } from "~/web/consultation-context.server";
import type { AppLoadContext } from "~/web/request.server";

const filtersSchema = z.object({
  category: z.enum(priorityCategories).optional().catch(undefined),
  product: z.enum(productTypes).optional().catch(undefined),
});

export type PriorityFilterValues = z.infer<typeof filtersSchema>;

export async function loadConsultationPage(args: LoaderFunctionArgs) {
  const context = await loadConsultationContextOnce(args);
  const { db, consultation: row, actor, language } = context;
  const filters = filtersSchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const [priorities, ownVotes, refusal, ballot] = await Promise.all([
    listPrioritiesWithCounts(db, row.id),
    actor.kind === "member" ? findOwnVotes(db, actor.userId, row.id) : new Map(),
    participationRefusal(context, "priority.vote"),
    loadBallotSection(context),
  ]);
  const opinionMap = await loadOpinionMapSection(context, { hasVoted: ownVotes.size > 0 });
  const { documentRequest, renderOnly } = args.context as AppLoadContext;
  if (opinionMap.state === "ok" && documentRequest && renderOnly) {
    // The page's HTML draws the dots; its hydration data need not carry them again (issue 18, item 8).
    renderOnly.opinionMapDots = opinionMap.drawing.dots ?? undefined;
    opinionMap.drawing.dots = null;
  }
  const shown = priorities.filter(
    (p) =>
      (!filters.category || p.category === filters.category) && (!filters.product || p.productType === filters.product),
  );
  const hiddenReason = row.resultsVisibility === "after_close" ? ("after-close" as const) : ("after-vote" as const);
  return {
    language,
    filters,
    signedIn: actor.kind === "member",
    ability: refusal ? refusal.reason : ("can-vote" as const),
    suspensionReason: refusal?.reason === "suspended" ? refusal.suspensionReason : null,
    consultation: {
      slug: row.slug,
      title: localize(row.title, language, row.defaultLocale),
      summary: localize(row.summary, language, row.defaultLocale),
      context: localize(row.context, language, row.defaultLocale),
      phase: row.phase,
      opensAt: row.opensAt?.toISOString() ?? null,
      closesAt: row.closesAt?.toISOString() ?? null,
      isDemo: row.isDemo,
      countries: row.regionCountries.map((code) => countryName(code, language)),
      communities: row.regionCommunities,
    },
    totalPriorities: priorities.length,
    ballot,
    opinionMap,
    priorities: shown.map((p) => {
      const ownVote = ownVotes.get(p.id) ?? null;
      const visible = resultsVisibleTo(row.resultsVisibility, { phase: row.phase, hasVoted: ownVote !== null });
      return {
        id: p.id,
        title: localize(p.title, language, row.defaultLocale),
        body: localize(p.body, language, row.defaultLocale),
        category: p.category,
        productType: p.productType,
        ownVote,
        // Hidden results are not sent at all: the page source must not reveal them either.
        result: visible ? summarizeVotes(p.counts) : summarizeVotes({ agree: 0, disagree: 0, pass: 0 }),
        resultsHidden: visible ? null : hiddenReason,
      };
    }),
  };
}

export type ConsultationPageData = Awaited<ReturnType<typeof loadConsultationPage>>;
