/** Seeded randomness for the opinion-group method: same seed, same groups, on every machine. */
import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from "pure-rand";

export type Random = RandomGenerator;

/** A fresh xoroshiro128+ generator; it is advanced in place by the helpers below. */
export function seededRandom(seed: number): Random {
  return xoroshiro128plus(seed | 0);
}

/** A number in [0, 1) with 32 bits of resolution, plenty for weighted sampling and test data. */
export function nextUnit(random: Random): number {
  return (random.unsafeNext() >>> 0) / 4294967296;
}

/** An integer in [0, n), unbiased. */
export function nextIndex(random: Random, n: number): number {
  return unsafeUniformIntDistribution(0, n - 1, random);
}

/**
 * `size` distinct indices of [0, n) in ascending order (a partial Fisher–Yates shuffle), or all
 * of them when `size >= n`. Ascending so that later sums visit them in a fixed order.
 */
export function sampleIndices(n: number, size: number, random: Random): Int32Array {
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  if (size >= n) return pool;
  for (let i = 0; i < size; i++) {
    const j = i + nextIndex(random, n - i);
    const chosen = pool[j]!;
    pool[j] = pool[i]!;
    pool[i] = chosen;
  }
  return pool.slice(0, size).sort();
}
