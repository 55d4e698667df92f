/**
 * How an opinion-groups result is kept in `opinion_groups_result.result`, and when it is out of
 * date. Pure: the storage module (opinion-groups.server.ts) and the map (opinion-map.ts) share it.
 *
 * The stored form is smaller than the method's result: the points drawn are a deterministic
 * sample, and member ids sit apart under `members`, so that pages load everything else
 * (`result - 'members'`) and ask the database only which group one member is in, or how many
 * consenting members of each group share a profile answer.
 */
import { GROUP_LABELS, type Direction, type GroupLabel, type OpinionGroupsResult } from "~/opinion/index";

/** Points drawn on the map at most: above it the page would grow heavy for no visible gain. */
export const MAX_DRAWN_POINTS = 2000;

export interface StoredRepresentative {
  readonly priorityId: number;
  readonly direction: Direction;
  readonly agreeInGroup: number;
  readonly disagreeInGroup: number;
  readonly agreeElsewhere: number;
  readonly disagreeElsewhere: number;
  /** The one-sided two-proportion z that made it significant; absent from results stored before it was kept. */
  readonly z?: number;
}

export interface StoredGroup {
  readonly label: GroupLabel;
  readonly size: number;
  readonly centroid: readonly [number, number];
  readonly representative: readonly StoredRepresentative[];
}

export interface StoredConsensus {
  readonly priorityId: number;
  readonly agreeInGroups: readonly number[];
  /** Product over the groups of the smoothed agree share; absent from results stored before it was kept. */
  readonly score?: number;
}

/** x, y and the group's index in `groups`. */
export type StoredPoint = readonly [x: number, y: number, group: number];

interface StoredCoverage {
  readonly participantsPlaced: number;
  readonly participantsTotal: number;
  readonly statementsTotal: number;
  readonly votesCounted: number;
  readonly minVotes: number;
  readonly minParticipants: number;
  /** The newest vote change the result saw (ISO time), so a changed vote makes it out of date. */
  readonly latestVoteAt: string | null;
}

export interface StoredGroupsFound extends StoredCoverage {
  readonly status: "ok";
  /** Smallest group allowed; absent from results stored before groups had a minimum size. */
  readonly minGroupSize?: number;
  /** Placed participants in no group (their cluster was under `minGroupSize`); absent likewise. */
  readonly participantsUngrouped?: number;
  readonly groups: readonly StoredGroup[];
  readonly consensus: readonly StoredConsensus[];
  /** At most MAX_DRAWN_POINTS, in participant order. */
  readonly points: readonly StoredPoint[];
}

export interface StoredTooFew extends StoredCoverage {
  readonly status: "too-few-participants";
}

/** What pages and reports read: no member ids. */
export type OpinionGroupsSummary = StoredGroupsFound | StoredTooFew;

/** Key under `members` of the participants placed but in no group: never a group label. */
export const UNGROUPED = "none";

/** What is stored: the summary and each group's member ids, by label, and those in no group. */
export type StoredOpinionGroups = OpinionGroupsSummary & {
  readonly members: Partial<Record<GroupLabel | typeof UNGROUPED, readonly string[]>>;
};

const round = (value: number) => Math.round(value * 1e4) / 1e4;

/** Every ⌈n / max⌉-th item would undershoot; this spreads exactly `max` picks evenly over the list. */
export function evenSample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]!);
}

export function toStoredOpinionGroups(
  result: OpinionGroupsResult<string, number>,
  context: { minParticipants: number; latestVoteAt: Date | null },
): StoredOpinionGroups {
  const coverage: StoredCoverage = {
    participantsPlaced: result.participantsPlaced,
    participantsTotal: result.participantsTotal,
    statementsTotal: result.statementsTotal,
    votesCounted: result.votesCounted,
    minVotes: result.minVotes,
    minParticipants: context.minParticipants,
    latestVoteAt: context.latestVoteAt?.toISOString() ?? null,
  };
  if (result.status !== "ok") return { status: result.status, ...coverage, members: {} };
  const groupIndex = new Map(result.groups.map((group, index) => [group.label, index]));
  return {
    status: "ok",
    ...coverage,
    minGroupSize: result.minGroupSize,
    participantsUngrouped: result.participantsUngrouped,
    groups: result.groups.map((group) => ({
      label: group.label,
      size: group.members.length,
      centroid: [round(group.centroid[0]), round(group.centroid[1])] as const,
      representative: group.representative.map((r) => ({
        priorityId: r.statementId,
        direction: r.direction,
        agreeInGroup: r.agreeInGroup,
        disagreeInGroup: r.disagreeInGroup,
        agreeElsewhere: r.agreeElsewhere,
        disagreeElsewhere: r.disagreeElsewhere,
        z: r.z,
      })),
    })),
    consensus: result.consensus.map((c) => ({
      priorityId: c.statementId,
      agreeInGroups: c.agreeInGroups,
      score: c.score,
    })),
    points: evenSample(result.points, MAX_DRAWN_POINTS).map(
      (p) => [round(p.x), round(p.y), groupIndex.get(p.group)!] as const,
    ),
    members: {
      ...Object.fromEntries(result.groups.map((group) => [group.label, group.members])),
      ...(result.ungrouped.length > 0 ? { [UNGROUPED]: result.ungrouped } : {}),
    },
  };
}

/**
 * Who voted enough but is in no group, and the minimum size that left them out. Results stored
 * before groups had a minimum size put everyone in a group, under the small-cell threshold then
 * in force.
 */
export function ungroupedParticipants(
  summary: StoredGroupsFound,
  threshold: number,
): { ungrouped: number; minGroupSize: number } {
  return { ungrouped: summary.participantsUngrouped ?? 0, minGroupSize: summary.minGroupSize ?? threshold };
}

export function isGroupLabel(value: string): value is GroupLabel {
  return (GROUP_LABELS as readonly string[]).includes(value);
}

/** What the votes of a consultation look like now, or looked like when the result was computed. */
export interface VoteFingerprint {
  readonly voteCount: number;
  readonly latestVoteAt: Date | null;
}

export interface RecomputePolicy {
  /** New (or withdrawn) votes that are always enough. */
  readonly minNewVotes: number;
  /** Share of the votes counted last time that is enough. */
  readonly minNewShare: number;
  /** Age after which any change is enough. */
  readonly maxAgeMs: number;
}

export const DEFAULT_RECOMPUTE_POLICY: RecomputePolicy = { minNewVotes: 20, minNewShare: 0.05, maxAgeMs: 10 * 60_000 };

export function votesChanged(stored: VoteFingerprint, current: VoteFingerprint): boolean {
  if (stored.voteCount !== current.voteCount) return true;
  if (current.latestVoteAt === null) return false;
  return stored.latestVoteAt === null || current.latestVoteAt.getTime() > stored.latestVoteAt.getTime();
}

/**
 * Whether a result is worth computing again: never when nothing changed; at once when there is
 * none or enough votes came (or went); otherwise once it is old enough.
 */
export function needsRecompute(
  stored: (VoteFingerprint & { computedAt: Date }) | null,
  current: VoteFingerprint,
  now: Date,
  policy: RecomputePolicy = DEFAULT_RECOMPUTE_POLICY,
): boolean {
  if (stored === null) return true;
  if (!votesChanged(stored, current)) return false;
  const difference = Math.abs(current.voteCount - stored.voteCount);
  if (difference >= policy.minNewVotes || difference >= policy.minNewShare * stored.voteCount) return true;
  return now.getTime() - stored.computedAt.getTime() >= policy.maxAgeMs;
}
