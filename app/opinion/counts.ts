/** Agree, disagree and total votes (passes included) per group and statement, the input of both rankings. */
import { AGREE, DISAGREE, type VoteMatrix } from "~/opinion/matrix";

export interface GroupVoteCounts {
  readonly groups: number;
  readonly statements: number;
  /** Indexed `group · statements + statement`. */
  readonly agree: Int32Array;
  readonly disagree: Int32Array;
  readonly votes: Int32Array;
}

/** `rows[r]` belongs to group `assignment[r]`; a row in no group (−1) is not counted. */
export function countGroupVotes(
  matrix: VoteMatrix,
  rows: Int32Array,
  assignment: Int32Array,
  groups: number,
): GroupVoteCounts {
  const statements = matrix.statementIds.length;
  const agree = new Int32Array(groups * statements);
  const disagree = new Int32Array(groups * statements);
  const votes = new Int32Array(groups * statements);
  rows.forEach((i, r) => {
    if (assignment[r]! < 0) return;
    const offset = assignment[r]! * statements;
    for (let e = matrix.rowStart[i]!; e < matrix.rowStart[i + 1]!; e++) {
      const cell = offset + matrix.column[e]!;
      votes[cell]!++;
      if (matrix.value[e] === AGREE) agree[cell]!++;
      else if (matrix.value[e] === DISAGREE) disagree[cell]!++;
    }
  });
  return { groups, statements, agree, disagree, votes };
}

/** (successes + 1) / (trials + 2): Laplace's rule, never 0 or 1, and ½ with no votes at all. */
export function smoothedShare(successes: number, trials: number): number {
  return (successes + 1) / (trials + 2);
}
