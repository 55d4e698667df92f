/**
 * Opinion groups and consensus for one consultation (issue #7): who votes alike, what sets each
 * group apart, and what every group agrees on. Pure: votes in, result out; see
 * docs/opinion-groups.md for the method and its references.
 */
import { groupInformedConsensus } from "~/opinion/consensus";
import { countGroupVotes, type GroupVoteCounts } from "~/opinion/counts";
import { chooseClustering, countDistinctPoints, type Clustering, type Points } from "~/opinion/kmeans";
import {
  buildVoteMatrix,
  votesPerParticipant,
  type OpinionId,
  type OpinionVote,
  type VoteMatrix,
} from "~/opinion/matrix";
import { columnMeans, principalComponents, project } from "~/opinion/pca";
import { representativeStatements, type RepresentativeAt } from "~/opinion/representative";

export { buildVoteMatrix, compareIds, type OpinionId, type OpinionVote, type OpinionVoteValue } from "~/opinion/matrix";
export type { VoteMatrix } from "~/opinion/matrix";
export type { Direction } from "~/opinion/representative";

export const GROUP_LABELS = ["A", "B", "C", "D", "E"] as const;
export type GroupLabel = (typeof GROUP_LABELS)[number];

export const DEFAULT_MIN_VOTES = 7;
export const DEFAULT_MIN_PARTICIPANTS = 10;
/** The small-cell threshold of the reports: a smaller group could single its members out. */
export const DEFAULT_MIN_GROUP_SIZE = 5;

export interface OpinionGroupsOptions<S extends OpinionId = OpinionId, P extends OpinionId = OpinionId> {
  /** Votes (passes included) a participant needs to be placed: default 7, never more than the statements. */
  readonly minVotes?: number;
  /** Placed participants needed before any group is drawn: default 10. */
  readonly minParticipants?: number;
  /** The votable statements; votes on others are ignored. Default: every statement that has a vote. */
  readonly statementIds?: readonly S[];
  /** Largest k tried, 2 to 5 (default 5). */
  readonly maxGroups?: number;
  /**
   * Smallest group (default 5, the small-cell threshold; pass the deployment's threshold when
   * larger). Participants whose cluster is smaller are in no group. Also a floor on `minParticipants`.
   */
  readonly minGroupSize?: number;
  /** Seeds the PCA's start vectors only; the groups do not depend on it. */
  readonly seed?: number;
  /**
   * The members of each group of the previous result: a recomputation starts from them and keeps
   * them unless the votes now clearly split people otherwise (docs/opinion-groups.md).
   */
  readonly previousGroups?: readonly (readonly P[])[];
  /** Representative statements kept per group (default 5). */
  readonly representativeLimit?: number;
  /** Consensus statements kept (default 10). */
  readonly consensusLimit?: number;
  /** One-sided critical z for representative statements (default 1.645, p < 0.05). */
  readonly criticalZ?: number;
  /** Points on which the silhouette is computed when there are more (default 2,000). */
  readonly silhouetteSampleSize?: number;
}

export interface RepresentativeStatement<S extends OpinionId = OpinionId> extends Omit<RepresentativeAt, "statement"> {
  readonly statementId: S;
}

export interface OpinionGroup<P extends OpinionId = OpinionId, S extends OpinionId = OpinionId> {
  readonly label: GroupLabel;
  /** Participant ids, ascending. */
  readonly members: readonly P[];
  readonly centroid: readonly [number, number];
  readonly representative: readonly RepresentativeStatement<S>[];
}

export interface ConsensusStatement<S extends OpinionId = OpinionId> {
  readonly statementId: S;
  readonly score: number;
  /** Raw agree share in each group, in the order of `groups`. */
  readonly agreeInGroups: readonly number[];
}

export interface OpinionPoint<P extends OpinionId = OpinionId> {
  readonly participantId: P;
  readonly x: number;
  readonly y: number;
  readonly group: GroupLabel;
}

interface Coverage {
  /** Participants with at least `minVotes` votes, who are on the map. */
  readonly participantsPlaced: number;
  /** Participants with at least one vote on a counted statement. */
  readonly participantsTotal: number;
  readonly statementsTotal: number;
  /** Votes (passes included) on counted statements: what the result was computed from. */
  readonly votesCounted: number;
  readonly minVotes: number;
}

export interface OpinionGroupsFound<P extends OpinionId = OpinionId, S extends OpinionId = OpinionId> extends Coverage {
  readonly status: "ok";
  /** Share of the vote variance along each map axis. */
  readonly varianceExplained: readonly [number, number];
  /** Mean silhouette of the chosen clustering; null when everyone is in one group. */
  readonly silhouette: number | null;
  /** Smallest group allowed. */
  readonly minGroupSize: number;
  /** Placed participants in no group: their cluster was smaller than `minGroupSize`. */
  readonly participantsUngrouped: number;
  /** Their ids, ascending (kept only so that each can be told why they are in no group). */
  readonly ungrouped: readonly P[];
  readonly groups: readonly OpinionGroup<P, S>[];
  readonly consensus: readonly ConsensusStatement<S>[];
  /** One per participant in a group, ascending by id. */
  readonly points: readonly OpinionPoint<P>[];
}

export interface TooFewParticipants extends Coverage {
  readonly status: "too-few-participants";
  readonly minParticipants: number;
}

export type OpinionGroupsResult<P extends OpinionId = OpinionId, S extends OpinionId = OpinionId> =
  OpinionGroupsFound<P, S> | TooFewParticipants;

/** Rows with at least `minVotes` votes, ascending. */
function placeableRows(matrix: VoteMatrix, minVotes: number): Int32Array {
  const counts = votesPerParticipant(matrix);
  const rows: number[] = [];
  counts.forEach((count, i) => count >= minVotes && rows.push(i));
  return Int32Array.from(rows);
}

/** Everyone in one group: the map has a single distinct point (all vote alike, or only pass). */
function singleGroup(points: Points): Clustering {
  const n = Math.max(points.xs.length, 1);
  const centroids = Float64Array.of(points.xs.reduce((s, x) => s + x, 0) / n, points.ys.reduce((s, y) => s + y, 0) / n);
  return { k: 1, assignment: new Int32Array(points.xs.length), centroids, inertia: 0 };
}

/** Cluster numbers in label order: largest first, then by centroid x, then y, so labels never depend on seeding. */
function labelOrder(clustering: Clustering): number[] {
  const sizes = new Int32Array(clustering.k);
  for (const c of clustering.assignment) if (c >= 0) sizes[c]!++;
  const { centroids } = clustering;
  return Array.from({ length: clustering.k }, (_, c) => c).sort(
    (a, b) =>
      sizes[b]! - sizes[a]! || centroids[2 * a]! - centroids[2 * b]! || centroids[2 * a + 1]! - centroids[2 * b + 1]!,
  );
}

/** Each placed row's previous group (its index in `previousGroups`), or −1: new, or in none. */
function previousAssignment<P extends OpinionId>(
  matrix: VoteMatrix<P>,
  rows: Int32Array,
  previousGroups: readonly (readonly P[])[],
): Int32Array {
  const groupOf = new Map<P, number>();
  previousGroups.forEach((members, g) => members.forEach((id) => groupOf.set(id, g)));
  return Int32Array.from(rows, (i) => groupOf.get(matrix.participantIds[i]!) ?? -1);
}

/** The clustering with clusters renumbered into label order. */
function relabel(clustering: Clustering): Clustering {
  const order = labelOrder(clustering);
  const rank = new Int32Array(clustering.k);
  order.forEach((c, position) => (rank[c] = position));
  return {
    k: clustering.k,
    assignment: clustering.assignment.map((c) => (c < 0 ? c : rank[c]!)),
    centroids: Float64Array.from(
      order.flatMap((c) => [clustering.centroids[2 * c]!, clustering.centroids[2 * c + 1]!]),
    ),
    inertia: clustering.inertia,
  };
}

function describeGroups<P extends OpinionId, S extends OpinionId>(
  matrix: VoteMatrix<P, S>,
  rows: Int32Array,
  clustering: Clustering,
  counts: GroupVoteCounts,
  options: OpinionGroupsOptions<S>,
): OpinionGroup<P, S>[] {
  return Array.from({ length: clustering.k }, (_, g) => ({
    label: GROUP_LABELS[g]!,
    members: Array.from(
      rows.filter((_, r) => clustering.assignment[r] === g),
      (i) => matrix.participantIds[i]!,
    ),
    centroid: [clustering.centroids[2 * g]!, clustering.centroids[2 * g + 1]!] as const,
    representative:
      clustering.k < 2
        ? []
        : representativeStatements(counts, g, { criticalZ: options.criticalZ, limit: options.representativeLimit }).map(
            ({ statement, ...rest }) => ({ statementId: matrix.statementIds[statement]!, ...rest }),
          ),
  }));
}

/** The method on an already built matrix (the benchmark times the two steps apart). */
export function computeOpinionGroupsFromMatrix<P extends OpinionId, S extends OpinionId>(
  matrix: VoteMatrix<P, S>,
  options: OpinionGroupsOptions<S, P> = {},
): OpinionGroupsResult<P, S> {
  const statementsTotal = matrix.statementIds.length;
  const minVotes = Math.max(1, Math.min(options.minVotes ?? DEFAULT_MIN_VOTES, statementsTotal));
  const minGroupSize = Math.max(1, options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE);
  // Fewer people than the smallest group could not even make one group.
  const minParticipants = Math.max(2, minGroupSize, options.minParticipants ?? DEFAULT_MIN_PARTICIPANTS);
  const rows = placeableRows(matrix, minVotes);
  const coverage: Coverage = {
    participantsPlaced: rows.length,
    participantsTotal: matrix.participantIds.length,
    statementsTotal,
    votesCounted: matrix.value.length,
    minVotes,
  };
  if (rows.length < minParticipants || statementsTotal === 0) {
    return { status: "too-few-participants", ...coverage, minParticipants };
  }
  const seed = options.seed ?? 1;
  const means = columnMeans(matrix, rows);
  const pca = principalComponents(matrix, rows, means, { seed });
  const points = project(matrix, rows, means, pca.components);
  const maxGroups = Math.min(Math.max(options.maxGroups ?? 5, 2), GROUP_LABELS.length);
  // No split into groups of at least minGroupSize (or one point for all): everyone in one group,
  // which singles out no one.
  const chosen = (countDistinctPoints(points, 2) < 2
    ? undefined
    : chooseClustering(points, {
        maxK: maxGroups,
        minClusterSize: minGroupSize,
        silhouetteSampleSize: options.silhouetteSampleSize,
        previous: options.previousGroups && previousAssignment(matrix, rows, options.previousGroups),
      })) ?? { ...singleGroup(points), silhouette: null };
  const clustering = relabel(chosen);
  const grouped = Array.from(rows.keys()).filter((r) => clustering.assignment[r]! >= 0);
  const counts = countGroupVotes(matrix, rows, clustering.assignment, clustering.k);
  const explained = (variance: number) => (pca.totalVariance > 0 ? variance / pca.totalVariance : 0);
  return {
    status: "ok",
    ...coverage,
    varianceExplained: [explained(pca.variances[0]), explained(pca.variances[1])],
    silhouette: chosen.silhouette,
    minGroupSize,
    participantsUngrouped: rows.length - grouped.length,
    ungrouped: Array.from(
      rows.filter((_, r) => clustering.assignment[r]! < 0),
      (i) => matrix.participantIds[i]!,
    ),
    groups: describeGroups(matrix, rows, clustering, counts, options),
    consensus: groupInformedConsensus(counts, options.consensusLimit).map(({ statement, ...rest }) => ({
      statementId: matrix.statementIds[statement]!,
      ...rest,
    })),
    points: grouped.map((r) => ({
      participantId: matrix.participantIds[rows[r]!]!,
      x: points.xs[r]!,
      y: points.ys[r]!,
      group: GROUP_LABELS[clustering.assignment[r]!]!,
    })),
  };
}

/**
 * Opinion groups from a consultation's votes. Same votes (in any order) and options, same
 * result, labels included.
 */
export function computeOpinionGroups<P extends OpinionId, S extends OpinionId>(
  votes: readonly OpinionVote<P, S>[],
  options: OpinionGroupsOptions<S, P> = {},
): OpinionGroupsResult<P, S> {
  return computeOpinionGroupsFromMatrix(buildVoteMatrix(votes, options.statementIds), options);
}
