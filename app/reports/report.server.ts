/**
 * The consultation report: every figure a printable report shows, assembled from the database as a
 * JSON-serialisable model. Aggregates only: no row-level data, no names or e-mails, nothing hidden
 * (votes on approved priorities, published comments); profile fields only of members who gave
 * `statsConsent`, and every breakdown under the small-cell rule.
 */
import { sql } from "drizzle-orm";
import { ageBands, genders, regionalEconomicCommunities, stakeholderGroups } from "~db/vocabulary";
import type { ConsultationRow } from "~/consultations/consultations.server";
import { queryRows, type Queryable } from "~/platform/db.server";
import { localize, type LocalizedValue } from "~/platform/i18n/localize";
import { loadOpinionGroups, type OpinionGroupsView } from "~/opinion/opinion-groups.server";
import { ungroupedParticipants } from "~/opinion/stored";
import { consensusView, directionShares, participantsStillNeeded, shownGroupSizes } from "~/opinion/opinion-map";
import { summarizeVotes, type VoteCounts } from "~/participation/results";
import { commitmentView, listPublicResponses } from "~/responses/responses.server";
import { listPublicSummaries } from "~/summaries/summaries.server";
import { auRegionOf, auRegions, communitiesOf } from "~/reports/african-regions";
import { bucketByWeek } from "~/reports/charts";
import { withoutDeclaredInterest } from "~/reports/interest-split";
import {
  NOT_STATED,
  OUTSIDE_AU,
  type BreakdownKey,
  type ConsultationReport,
  channelMeasures,
  reportChannels,
  type ChannelMeasure,
  type ReportBreakdown,
  type ReportChannels,
  type ReportOpinionGroups,
} from "~/reports/report-model";
import { isSuppressed, protectBreakdown } from "~/reports/small-cells";
import {
  ballotSourceKey,
  countedBallotPoints,
  countedComments,
  countedVotes,
  notFromVoidedMeeting,
  participantCountSql,
} from "~/participation/counted-input.server";

/**
 * Which members took part: voted on an approved priority, wrote a published comment or spent ballot
 * points. Meeting and phone input has no member behind it, so no profile to break down.
 */
const participantsOf = (consultationId: number) => sql`
  select v.user_id from vote v join priority p on p.id = v.priority_id and p.status = 'approved'
   where v.consultation_id = ${consultationId} and v.user_id is not null
  union
  select c.author_id from comment c
   where c.consultation_id = ${consultationId} and c.status = 'published' and c.author_id is not null
  union
  select b.user_id from ballot_allocation b join priority p on p.id = b.priority_id and p.status = 'approved'
   where b.consultation_id = ${consultationId} and b.user_id is not null and b.points > 0`;

interface ConsentedProfile {
  country: string | null;
  stakeholder_group: string | null;
  preferred_language: string | null;
  age_band: string | null;
  gender: string | null;
}

export async function buildConsultationReport(
  db: Queryable,
  consultation: ConsultationRow,
  language: string,
  smallCellThreshold: number,
): Promise<ConsultationReport> {
  const id = consultation.id;
  const fallback = consultation.defaultLocale;
  const [figures] = await queryRows<ConsultationReport["figures"]>(
    db,
    sql`select
      ${participantCountSql(id)} as participants,
      (select count(*)::int from vote v where ${countedVotes("v", id)}) as votes,
      (select count(*)::int from comment where consultation_id = ${id} and ${notFromVoidedMeeting("comment")}) as "commentsReceived",
      (select count(*)::int from comment where consultation_id = ${id} and status = 'published'
        and ${notFromVoidedMeeting("comment")}) as "commentsPublished",
      (select count(*)::int from priority where consultation_id = ${id} and proposed_by_id is not null) as proposals,
      (select count(*)::int from priority where consultation_id = ${id} and status = 'approved') as priorities`,
  );

  const [
    activity,
    profiles,
    priorities,
    interestVotes,
    moderation,
    hiddenByReason,
    summaries,
    responses,
    groups,
    byChannel,
  ] = await Promise.all([
    queryRows<{ at: Date | string; kind: "votes" | "comments" }>(
      db,
      sql`select v.created_at as at, 'votes' as kind from vote v where ${countedVotes("v", id)}
            union all
            select created_at, 'comments' from comment
             where consultation_id = ${id} and status = 'published' and ${notFromVoidedMeeting("comment")}
            order by 1`,
    ),
    queryRows<ConsentedProfile>(
      db,
      sql`select pr.country, pr.stakeholder_group, pr.preferred_language, pr.age_band, pr.gender
              from (${participantsOf(id)}) as people(user_id)
              join profile pr on pr.user_id = people.user_id and pr.stats_consent`,
    ),
    queryRows<{
      id: number;
      title: Record<string, string>;
      agree: number;
      disagree: number;
      pass: number;
      points: number;
    }>(
      db,
      sql`select p.id, p.title,
              (select count(*)::int from vote where priority_id = p.id and value = 'agree' and ${notFromVoidedMeeting("vote")}) as agree,
              (select count(*)::int from vote where priority_id = p.id and value = 'disagree' and ${notFromVoidedMeeting("vote")}) as disagree,
              (select count(*)::int from vote where priority_id = p.id and value = 'pass' and ${notFromVoidedMeeting("vote")}) as pass,
              (select coalesce(sum(points), 0)::int from ballot_allocation
                where priority_id = p.id and ${notFromVoidedMeeting("ballot_allocation")}) as points
            from priority p where p.consultation_id = ${id} and p.status = 'approved'
            order by p.position, p.id`,
    ),
    queryRows<{ priority_id: number; value: keyof VoteCounts; n: number }>(
      db,
      sql`select v.priority_id, v.value, count(*)::int as n from vote v
              join profile pr on pr.user_id = v.user_id and pr.stats_consent and pr.has_declared_interest
            where v.consultation_id = ${id} group by 1, 2`,
    ),
    queryRows<{ pending: number; hidden: number }>(
      db,
      sql`select count(*) filter (where status = 'pending')::int as pending,
                   count(*) filter (where status in ('hidden', 'removed'))::int as hidden
              from comment where consultation_id = ${id} and ${notFromVoidedMeeting("comment")}`,
    ),
    queryRows<{ reason: string; count: number }>(
      db,
      sql`select coalesce(last_hide.reason, 'other') as reason, count(*)::int as count
              from comment c
              left join lateral (
                select reason from moderation_action
                 where target_type = 'comment' and target_id = c.id::text and action = 'hide'
                 order by created_at desc, id desc limit 1) last_hide on true
             where c.consultation_id = ${id} and c.status in ('hidden', 'removed') and ${notFromVoidedMeeting("c")}
             group by 1 order by 2 desc, 1`,
    ),
    listPublicSummaries(db, consultation, language),
    listPublicResponses(db, id),
    loadOpinionGroups(db, id),
    queryRows<ChannelCount>(db, channelCounts(id)),
  ]);

  const approvedTitles = new Map(priorities.map((p) => [p.id, localize(p.title, language, fallback)] as const));
  const interestOf = (priorityId: number): VoteCounts => {
    const counts: VoteCounts = { agree: 0, disagree: 0, pass: 0 };
    for (const row of interestVotes) if (row.priority_id === priorityId) counts[row.value] = row.n;
    return counts;
  };

  return {
    consultation: {
      slug: consultation.slug,
      title: localize(consultation.title, language, fallback),
      summary: localize(consultation.summary, language, fallback),
      phase: consultation.phase,
      moderationMode: consultation.moderationMode,
      opensAt: consultation.opensAt?.toISOString() ?? null,
      closesAt: consultation.closesAt?.toISOString() ?? null,
      ballotBudget: consultation.ballotBudget,
    },
    generatedAt: new Date().toISOString(),
    smallCellThreshold,
    figures: figures!,
    weekly: bucketByWeek(
      activity.map((row) => ({ at: new Date(row.at), kind: row.kind })),
      ["votes", "comments"],
    ),
    breakdowns: profileBreakdowns(profiles, smallCellThreshold),
    channels: channelBreakdown(byChannel, smallCellThreshold),
    priorities: priorities.map((p) => {
      const counts = { agree: p.agree, disagree: p.disagree, pass: p.pass };
      const without = withoutDeclaredInterest(counts, interestOf(p.id), smallCellThreshold);
      const { agree, disagree, pass } = without.counts;
      const withoutResult =
        isSuppressed(agree) || isSuppressed(disagree) || isSuppressed(pass)
          ? null
          : summarizeVotes({ agree, disagree, pass });
      return {
        id: p.id,
        title: approvedTitles.get(p.id)!,
        ...summarizeVotes(counts),
        ballotPoints: p.points,
        withoutInterest: {
          ...without,
          agreeShare: withoutResult?.agreeShare ?? null,
          agreeInterval: withoutResult?.agreeInterval ?? null,
        },
      };
    }),
    summaries: summaries.map(({ priorityId, language: l, isFallback, segments }) => ({
      priorityId,
      language: l,
      isFallback,
      segments,
    })),
    responses: responses.map((r) => ({
      id: r.id,
      title: localize(r.title, language, fallback),
      publishedAt: r.publishedAt?.toISOString() ?? null,
      commitments: r.commitments.map((c) => {
        const view = commitmentView(c, language, fallback);
        return { id: view.id, what: view.what, who: view.who, dueOn: view.dueOn, status: view.status };
      }),
    })),
    opinionGroups: reportOpinionGroups(groups, approvedTitles, smallCellThreshold),
    moderation: {
      received: figures!.commentsReceived,
      published: figures!.commentsPublished,
      pending: moderation[0]!.pending,
      hidden: moderation[0]!.hidden,
      hiddenByReason,
    },
  };
}

/**
 * The stored groups as the consultation page's map reads them: statements whose priority is no
 * longer approved are left out, and group sizes pass the small-cell rule as in the data export.
 */
function reportOpinionGroups(
  view: OpinionGroupsView | null,
  titles: ReadonlyMap<number, LocalizedValue>,
  threshold: number,
): ReportOpinionGroups {
  if (!view) return { state: "none" };
  const { summary, computedAt, voteCount } = view;
  if (summary.status !== "ok") {
    return {
      state: "too-few",
      computedAt,
      voteCount,
      minParticipants: summary.minParticipants,
      minVotes: summary.minVotes,
      placed: summary.participantsPlaced,
      needed: participantsStillNeeded(summary),
    };
  }
  const sizes = shownGroupSizes(
    summary.groups.map((group) => group.size),
    threshold,
  );
  return {
    state: "ok",
    computedAt,
    voteCount,
    participantsPlaced: sizes.total,
    ...ungroupedParticipants(summary, threshold),
    groups: summary.groups.map((group, g) => {
      return {
        label: group.label,
        ...sizes.groups[g]!,
        representative: group.representative
          .filter((r) => titles.has(r.priorityId))
          .map((r) => ({
            priorityId: r.priorityId,
            title: titles.get(r.priorityId)!,
            direction: r.direction,
            ...directionShares(r),
          })),
      };
    }),
    consensus: consensusView(summary.consensus, titles),
  };
}

interface ChannelCount {
  channel: string;
  measure: ChannelMeasure;
  n: number;
}

/** Votes, ballots cast and published comments per channel, counted as everywhere else (counted-input.server.ts). */
const channelCounts = (id: number) => sql`
  select v.channel::text as channel, 'votes' as measure, count(*)::int as n
    from vote v where ${countedVotes("v", id)} group by 1
  union all
  select b.channel::text, 'ballots', count(distinct ${ballotSourceKey("b")})::int
    from ballot_allocation b where ${countedBallotPoints("b", id)} group by 1
  union all
  select c.channel::text, 'comments', count(*)::int
    from comment c where ${countedComments("c", id)} group by 1`;

/** Each measure by channel, under the small-cell rule on its own. */
export function channelBreakdown(counts: readonly ChannelCount[], threshold: number): ReportChannels {
  const measure = (m: ChannelMeasure) =>
    protectBreakdown(
      reportChannels.map((channel) => counts.find((c) => c.measure === m && c.channel === channel)?.n ?? 0),
      threshold,
    );
  return Object.fromEntries(channelMeasures.map((m) => [m, measure(m)])) as ReportChannels;
}

function tally(values: readonly string[], categories: readonly string[]): number[] {
  return categories.map((c) => values.filter((v) => v === c).length);
}

/** One additive breakdown: fixed categories (those that occur, for open lists) and their protected counts. */
function additive(
  key: BreakdownKey,
  values: readonly string[],
  fixed: readonly string[] | null,
  threshold: number,
): ReportBreakdown {
  const categories = fixed
    ? [...fixed, NOT_STATED]
    : [...new Set(values.filter((v) => v !== NOT_STATED))]
        .sort()
        .concat(values.includes(NOT_STATED) ? [NOT_STATED] : []);
  const { cells, total } = protectBreakdown(tally(values, categories), threshold);
  return { key, categories, cells, total };
}

export function profileBreakdowns(profiles: readonly ConsentedProfile[], threshold: number): ReportBreakdown[] {
  const answer = (value: string | null) => value ?? NOT_STATED;
  /** The breakdown of one profile question answered as stored. */
  const answers = (
    key: BreakdownKey,
    column: "stakeholder_group" | "preferred_language" | "age_band" | "gender",
    fixed: readonly string[] | null,
  ) =>
    additive(
      key,
      profiles.map((p) => answer(p[column])),
      fixed,
      threshold,
    );
  const countries = profiles.map((p) => answer(p.country?.toUpperCase() ?? null));
  const regions = profiles.map((p) => (p.country ? (auRegionOf(p.country) ?? OUTSIDE_AU) : NOT_STATED));
  // Overlapping memberships do not add up to a total, so each count stands alone (primary suppression).
  const communities: ReportBreakdown = {
    key: "community",
    categories: [...regionalEconomicCommunities],
    cells: regionalEconomicCommunities.map((rec) => {
      const n = profiles.filter((p) => communitiesOf(p.country).includes(rec)).length;
      return n < threshold ? null : n;
    }),
    total: null,
  };
  return [
    additive("country", countries, null, threshold),
    additive("region", regions, [...auRegions, OUTSIDE_AU], threshold),
    communities,
    answers("stakeholderGroup", "stakeholder_group", stakeholderGroups),
    answers("language", "preferred_language", null),
    answers("ageBand", "age_band", ageBands),
    answers("gender", "gender", genders),
  ];
}
