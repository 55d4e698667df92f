/**
 * The participant × statement vote matrix, stored sparse in compressed-row (CSR) form: at 10 %
 * of cells voted a dense 50,000 × 2,000 matrix would be 95 % empty.
 */

export type OpinionId = string | number;
export type OpinionVoteValue = "agree" | "disagree" | "pass";

export interface OpinionVote<P extends OpinionId = OpinionId, S extends OpinionId = OpinionId> {
  readonly participantId: P;
  readonly statementId: S;
  readonly value: OpinionVoteValue;
}

/** Cell codes: a pass is stored (it counts as a vote seen) but carries no position. */
export const AGREE = 1;
export const DISAGREE = -1;
export const PASS = 0;

export interface VoteMatrix<P extends OpinionId = OpinionId, S extends OpinionId = OpinionId> {
  /** Row order: ascending ids, so the input's order never changes the result. */
  readonly participantIds: readonly P[];
  /** Column order: ascending ids. */
  readonly statementIds: readonly S[];
  /** Row i's cells are `column`/`value` entries `rowStart[i]` up to `rowStart[i + 1]`, columns ascending. */
  readonly rowStart: Int32Array;
  readonly column: Int32Array;
  /** AGREE, DISAGREE or PASS. */
  readonly value: Int8Array;
}

/** Numbers before strings, numbers by value, strings by code unit: independent of the locale. */
export function compareIds(a: OpinionId, b: OpinionId): number {
  if (typeof a !== typeof b) return typeof a === "number" ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function voteCode(value: OpinionVoteValue): number {
  if (value === "agree") return AGREE;
  if (value === "disagree") return DISAGREE;
  if (value === "pass") return PASS;
  throw new RangeError(`Unknown vote value: ${String(value)}`);
}

/** Sorts the ids and renumbers the map to their rank, so row and column order never depend on the input's order. */
function rankIds<T extends OpinionId>(index: Map<T, number>): { ids: T[]; formerIndex: Int32Array } {
  const ids = [...index.keys()].sort(compareIds);
  const formerIndex = new Int32Array(ids.length);
  ids.forEach((id, rank) => {
    formerIndex[rank] = index.get(id)!;
    index.set(id, rank);
  });
  return { ids, formerIndex };
}

function rejectDuplicates<P extends OpinionId, S extends OpinionId>(matrix: VoteMatrix<P, S>): void {
  const { rowStart, column } = matrix;
  for (let i = 0; i < matrix.participantIds.length; i++) {
    for (let e = rowStart[i]! + 1; e < rowStart[i + 1]!; e++) {
      if (column[e] === column[e - 1]) {
        const participant = String(matrix.participantIds[i]);
        const statement = String(matrix.statementIds[column[e]!]);
        throw new RangeError(`Two votes by participant ${participant} on statement ${statement}`);
      }
    }
  }
}

/** Participants and statements present, each with a provisional index, and each participant's vote count. */
function indexIds<P extends OpinionId, S extends OpinionId>(
  votes: readonly OpinionVote<P, S>[],
  statementIds: readonly S[] | undefined,
): { participants: Map<P, number>; statements: Map<S, number>; counts: number[] } {
  const statements = new Map<S, number>();
  for (const id of statementIds ?? []) if (!statements.has(id)) statements.set(id, statements.size);
  const participants = new Map<P, number>();
  const counts: number[] = [];
  for (let n = 0; n < votes.length; n++) {
    const vote = votes[n]!;
    if (!statements.has(vote.statementId)) {
      if (statementIds) continue;
      statements.set(vote.statementId, statements.size);
    }
    const row = participants.get(vote.participantId);
    if (row === undefined) {
      participants.set(vote.participantId, counts.length);
      counts.push(1);
    } else counts[row]!++;
  }
  return { participants, statements, counts };
}

/** Sorts one row's packed cells, unless they already are (votes read in statement order). */
function sortRow(packed: Int32Array, start: number, end: number): void {
  for (let e = start + 1; e < end; e++) {
    if (packed[e]! < packed[e - 1]!) {
      packed.subarray(start, end).sort();
      return;
    }
  }
}

/**
 * Builds the matrix from a vote list. `statementIds`, when given, are the votable statements:
 * votes on others are ignored and statements nobody voted on still count. One vote per
 * participant and statement is expected (the database guarantees it); a duplicate throws, since
 * which of the two counts would otherwise depend on the input's order.
 *
 * Two passes over the votes (count, then place) rather than one into temporary arrays: fresh
 * memory is slow to touch and the temporaries would triple the peak.
 */
export function buildVoteMatrix<P extends OpinionId, S extends OpinionId>(
  votes: readonly OpinionVote<P, S>[],
  statementIds?: readonly S[],
): VoteMatrix<P, S> {
  const index = indexIds(votes, statementIds);
  const participants = rankIds(index.participants);
  const statements = rankIds(index.statements);
  const rowStart = new Int32Array(participants.ids.length + 1);
  for (let i = 0; i < participants.ids.length; i++) {
    rowStart[i + 1] = rowStart[i]! + index.counts[participants.formerIndex[i]!]!;
  }
  // Each cell packed as column · 4 + (value + 1), so sorting a row's integers orders its columns.
  const packed = new Int32Array(rowStart[participants.ids.length]!);
  const cursor = rowStart.slice(0, participants.ids.length);
  for (let n = 0; n < votes.length; n++) {
    const vote = votes[n]!;
    const column = index.statements.get(vote.statementId);
    if (column === undefined) continue;
    packed[cursor[index.participants.get(vote.participantId)!]!++] = column * 4 + voteCode(vote.value) + 1;
  }
  for (let i = 0; i < participants.ids.length; i++) sortRow(packed, rowStart[i]!, rowStart[i + 1]!);
  const value = new Int8Array(packed.length);
  for (let e = 0; e < packed.length; e++) {
    value[e] = (packed[e]! & 3) - 1;
    packed[e] = packed[e]! >> 2;
  }
  const matrix: VoteMatrix<P, S> = {
    participantIds: participants.ids,
    statementIds: statements.ids,
    rowStart,
    column: packed,
    value,
  };
  rejectDuplicates(matrix);
  return matrix;
}

/** Votes (passes included) per participant: the count compared with the minimum to be placed. */
export function votesPerParticipant(matrix: VoteMatrix): Int32Array {
  const counts = new Int32Array(matrix.participantIds.length);
  for (let i = 0; i < counts.length; i++) counts[i] = matrix.rowStart[i + 1]! - matrix.rowStart[i]!;
  return counts;
}
