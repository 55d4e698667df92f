/**
 * Vote results without the members who declared a commercial interest, protected against small
 * cells. The results of everyone are public already, so a published "without" count would give
 * the declared-interest count by subtraction: a "without" cell is hidden whenever the
 * declared-interest cell it complements is under the threshold.
 */
import type { VoteValue } from "../../db/schema";
import type { VoteCounts } from "../participation/results";
import type { Shown } from "./small-cells";

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
    voteValues.map((v) => [v, safe(declaredInterest[v]) ? everyone[v] - declaredInterest[v] : null]),
  ) as ShownVoteCounts;
  const anyHidden = voteValues.some((v) => counts[v] === null);
  // A lone hidden cell would follow from the total: hide the total with it.
  return { counts, total: anyHidden || !safe(interestTotal) ? null : everyoneTotal - interestTotal };
}
