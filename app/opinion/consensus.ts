/**
 * Group-informed consensus (Pol.is): a statement counts as common ground only if every opinion
 * group agrees with it, so a large group cannot manufacture "consensus" by outvoting a small one.
 */
import { smoothedShare, type GroupVoteCounts } from "~/opinion/counts";

export interface ConsensusAt {
  readonly statement: number;
  /** Product over groups of the smoothed agree share (agree + 1) / (votes + 2). */
  readonly score: number;
  /** Raw agree share of each group's votes, in group order. */
  readonly agreeInGroups: readonly number[];
}

/**
 * Statements whose smoothed agree share is above one half in every group, ranked by the product
 * of those shares (ties: statement order). A group that did not vote on a statement has a
 * smoothed share of exactly one half, so an unvoted statement is never consensus.
 */
export function groupInformedConsensus(counts: GroupVoteCounts, limit = 10): ConsensusAt[] {
  const found: ConsensusAt[] = [];
  for (let statement = 0; statement < counts.statements; statement++) {
    let score = 1;
    let everyGroupAgrees = true;
    const agreeInGroups: number[] = [];
    for (let g = 0; g < counts.groups && everyGroupAgrees; g++) {
      const cell = g * counts.statements + statement;
      const share = smoothedShare(counts.agree[cell]!, counts.votes[cell]!);
      everyGroupAgrees = share > 0.5;
      score *= share;
      agreeInGroups.push(counts.agree[cell]! / counts.votes[cell]!);
    }
    if (everyGroupAgrees) found.push({ statement, score, agreeInGroups });
  }
  found.sort((a, b) => b.score - a.score || a.statement - b.statement);
  return found.slice(0, limit);
}
