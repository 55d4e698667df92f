/**
 * Vote results without the members who declared a commercial interest, protected against small
 * cells. The results of everyone are public already, so a published "without" count would give
 * the declared-interest count by subtraction: a "without" cell is hidden whenever the
 * declared-interest cell it complements is under the threshold.
 */
import type { VoteValue } from "~db/schema";
import type { VoteCounts } from "~/participation/results";
import { isSuppressed, suppressedMark, type Shown } from "~/reports/small-cells";

export type ShownVoteCounts = Record<VoteValue, Shown>;

const voteValues: readonly VoteValue[] = ["agree", "disagree", "pass"];

export function withoutDeclaredInterest(
  everyone: VoteCounts,
  declaredInterest: VoteCounts,
  threshold: number,
): { counts: ShownVoteCounts; total: Shown } {
  const interestTotal = voteValues.reduce((n, v) => n + declaredInterest[v], 0);
  const everyoneTotal = voteValues.reduce((n, v) => n + everyone[v], 0);
  const safe = (interest: number) => interest === 0 || interest >= threshold;
  const counts = Object.fromEntries(
    voteValues.map((v) => {
      const without = everyone[v] - declaredInterest[v];
      return [v, safe(declaredInterest[v]) ? without : suppressedMark(without, threshold)];
    }),
  ) as ShownVoteCounts;
  const anyHidden = voteValues.some((v) => isSuppressed(counts[v]));
  // A lone hidden cell would follow from the total: hide the total with it.
  const total = everyoneTotal - interestTotal;
  return { counts, total: anyHidden || !safe(interestTotal) ? suppressedMark(total, threshold) : total };
}
