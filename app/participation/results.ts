/** Vote results: tallies, shares and their 95 % Wilson score intervals. Pure functions. */
import type { VoteValue } from "~db/schema";

export type VoteCounts = Record<VoteValue, number>;

export interface Interval {
  low: number;
  high: number;
}

/** z for a two-sided 95 % interval. */
export const z95 = 1.959963984540054;

/**
 * Wilson score interval for a proportion `successes / trials`. Unlike the normal approximation it
 * stays inside [0, 1] and behaves with small samples, which early in a consultation is the norm.
 */
export function wilsonInterval(successes: number, trials: number, z = z95): Interval | null {
  if (trials <= 0) return null;
  if (successes < 0 || successes > trials) throw new RangeError("successes must be between 0 and trials");
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const margin = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, centre - margin), high: Math.min(1, centre + margin) };
}

export interface PriorityResult {
  counts: VoteCounts;
  total: number;
  /** Agreeing among all who voted (passes included: a pass is a considered "not agree"). */
  agreeShare: number | null;
  agreeInterval: Interval | null;
}

export function summarizeVotes(counts: VoteCounts): PriorityResult {
  const total = counts.agree + counts.disagree + counts.pass;
  return {
    counts,
    total,
    agreeShare: total === 0 ? null : counts.agree / total,
    agreeInterval: wilsonInterval(counts.agree, total),
  };
}

export type ResultsVisibility = "always" | "after_vote" | "after_close";

/** Whether a reader sees a priority's results now (hidden until voting or closing against bandwagons). */
export function resultsVisibleTo(visibility: ResultsVisibility, reader: { phase: string; hasVoted: boolean }): boolean {
  if (visibility === "always") return true;
  const closed = reader.phase !== "open" && reader.phase !== "draft";
  if (visibility === "after_close") return closed;
  return closed || reader.hasVoted;
}
