/**
 * Representative statements of a group: where it differs most from everyone else, as in Pol.is's
 * "repness", tested for significance so that noise in a small group is not presented as opinion.
 */
import { smoothedShare, type GroupVoteCounts } from "~/opinion/counts";

export type Direction = "agree" | "disagree";

export interface RepresentativeOptions {
  /** One-sided critical z: 1.645 is p < 0.05. */
  readonly criticalZ?: number;
  /** Statements kept per group. */
  readonly limit?: number;
}

export interface RepresentativeAt {
  readonly statement: number;
  readonly direction: Direction;
  /** Shares of the group's and of everyone else's votes on the statement (passes count as votes). */
  readonly agreeInGroup: number;
  readonly disagreeInGroup: number;
  readonly agreeElsewhere: number;
  readonly disagreeElsewhere: number;
  readonly votesInGroup: number;
  readonly votesElsewhere: number;
  /** Two-proportion z of the group's share in `direction` against everyone else's. */
  readonly z: number;
  /** Smoothed share in the group ÷ smoothed share elsewhere, in `direction`. */
  readonly ratio: number;
}

/**
 * z for "share 1 > share 2", each share smoothed by adding one success and one failure
 * (Agresti & Caffo 2000; Pol.is smooths the same way), which keeps the pooled share strictly
 * inside (0, 1) so the test is defined even for unanimous or tiny groups.
 */
export function twoProportionZ(successes1: number, trials1: number, successes2: number, trials2: number): number {
  const share1 = smoothedShare(successes1, trials1);
  const share2 = smoothedShare(successes2, trials2);
  const pooled = (successes1 + successes2 + 2) / (trials1 + trials2 + 4);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / (trials1 + 2) + 1 / (trials2 + 2)));
  return (share1 - share2) / standardError;
}

interface Tally {
  readonly agree: number;
  readonly disagree: number;
  readonly votes: number;
}

function tallies(counts: GroupVoteCounts, group: number, statement: number): { inGroup: Tally; elsewhere: Tally } {
  const inGroup = { agree: 0, disagree: 0, votes: 0 };
  const elsewhere = { agree: 0, disagree: 0, votes: 0 };
  for (let g = 0; g < counts.groups; g++) {
    const cell = g * counts.statements + statement;
    const target = g === group ? inGroup : elsewhere;
    target.agree += counts.agree[cell]!;
    target.disagree += counts.disagree[cell]!;
    target.votes += counts.votes[cell]!;
  }
  return { inGroup, elsewhere };
}

/** The statement read in one direction, if the group leans that way and differs significantly. */
function candidate(
  statement: number,
  direction: Direction,
  inGroup: Tally,
  elsewhere: Tally,
  criticalZ: number,
): (RepresentativeAt & { score: number }) | null {
  const hits = (tally: Tally) => (direction === "agree" ? tally.agree : tally.disagree);
  const shareInGroup = smoothedShare(hits(inGroup), inGroup.votes);
  // Most of the group must hold the view: "agrees more than others" should not describe a minority.
  if (shareInGroup <= 0.5) return null;
  const z = twoProportionZ(hits(inGroup), inGroup.votes, hits(elsewhere), elsewhere.votes);
  if (!(z > criticalZ)) return null;
  const ratio = shareInGroup / smoothedShare(hits(elsewhere), elsewhere.votes);
  return {
    statement,
    direction,
    agreeInGroup: inGroup.agree / inGroup.votes,
    disagreeInGroup: inGroup.disagree / inGroup.votes,
    agreeElsewhere: elsewhere.agree / elsewhere.votes,
    disagreeElsewhere: elsewhere.disagree / elsewhere.votes,
    votesInGroup: inGroup.votes,
    votesElsewhere: elsewhere.votes,
    z,
    ratio,
    score: ratio * z,
  };
}

/**
 * The group's representative statements, best first: those where its agree (or disagree) share
 * is significantly above everyone else's (one-sided z > criticalZ), ranked by ratio × z, which
 * rewards both a large difference and the evidence for it.
 */
export function representativeStatements(
  counts: GroupVoteCounts,
  group: number,
  options: RepresentativeOptions = {},
): RepresentativeAt[] {
  const criticalZ = options.criticalZ ?? 1.645;
  const found: (RepresentativeAt & { score: number })[] = [];
  for (let statement = 0; statement < counts.statements; statement++) {
    const { inGroup, elsewhere } = tallies(counts, group, statement);
    if (inGroup.votes === 0 || elsewhere.votes === 0) continue;
    const best =
      candidate(statement, "agree", inGroup, elsewhere, criticalZ) ??
      candidate(statement, "disagree", inGroup, elsewhere, criticalZ);
    if (best) found.push(best);
  }
  found.sort((a, b) => b.score - a.score || a.statement - b.statement);
  return found.slice(0, options.limit ?? 5).map(({ score: _score, ...kept }) => kept);
}
