/**
 * k-means on the two-dimensional opinion map, with k chosen by the silhouette. Seeding is
 * k-means++ driven by a seeded generator, so the same points always give the same groups.
 */
import { nextIndex, nextUnit, sampleIndices, seededRandom, type Random } from "./random";

export interface Points {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
}

export interface Clustering {
  readonly k: number;
  /** Cluster of each point, 0 … k − 1. */
  readonly assignment: Int32Array;
  /** x₀, y₀, x₁, y₁, … */
  readonly centroids: Float64Array;
  /** Sum of squared distances to the assigned centroids. */
  readonly inertia: number;
}

export interface ClusteringOptions {
  readonly minK?: number;
  readonly maxK?: number;
  readonly seed?: number;
  /** k-means runs per k from different seedings; the lowest inertia wins. */
  readonly restarts?: number;
  /** The silhouette costs O(n²): above this many points it is computed on a seeded sample. */
  readonly silhouetteSampleSize?: number;
}

function squaredDistance(points: Points, i: number, centroids: Float64Array, c: number): number {
  return (points.xs[i]! - centroids[2 * c]!) ** 2 + (points.ys[i]! - centroids[2 * c + 1]!) ** 2;
}

/** Distinct points, counted up to `limit`: k cannot exceed it. */
export function countDistinctPoints(points: Points, limit: number): number {
  const seen: number[] = [];
  for (let i = 0; i < points.xs.length && seen.length < limit; i++) {
    if (!seen.some((j) => points.xs[j] === points.xs[i] && points.ys[j] === points.ys[i])) seen.push(i);
  }
  return seen.length;
}

/** k-means++ (Arthur & Vassilvitskii 2007): each next centre drawn with probability ∝ D². */
export function kMeansPlusPlus(points: Points, k: number, random: Random): Float64Array {
  const n = points.xs.length;
  const centroids = new Float64Array(2 * k);
  const nearest = new Float64Array(n).fill(Infinity);
  let chosen = nextIndex(random, n);
  for (let c = 0; c < k; c++) {
    centroids[2 * c] = points.xs[chosen]!;
    centroids[2 * c + 1] = points.ys[chosen]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i]!, squaredDistance(points, i, centroids, c));
      total += nearest[i]!;
    }
    if (total <= 0) break;
    let target = nextUnit(random) * total;
    chosen = -1;
    for (let i = 0; i < n && chosen < 0; i++) {
      target -= nearest[i]!;
      if (target < 0 && nearest[i]! > 0) chosen = i;
    }
    // Round-off can leave `target` a hair above zero at the end: take the last candidate.
    if (chosen < 0) for (let i = n - 1; i >= 0 && chosen < 0; i--) if (nearest[i]! > 0) chosen = i;
  }
  return centroids;
}

/** Nearest centroid of each point (lowest index on ties); returns whether any point moved. */
function assign(points: Points, centroids: Float64Array, k: number, assignment: Int32Array): boolean {
  let moved = false;
  for (let i = 0; i < assignment.length; i++) {
    let best = 0;
    let bestDistance = squaredDistance(points, i, centroids, 0);
    for (let c = 1; c < k; c++) {
      const distance = squaredDistance(points, i, centroids, c);
      if (distance < bestDistance) {
        best = c;
        bestDistance = distance;
      }
    }
    if (assignment[i] !== best) {
      assignment[i] = best;
      moved = true;
    }
  }
  return moved;
}

/** Centroids as the mean of their points; an emptied cluster takes the point worst served by its own. */
function updateCentroids(points: Points, assignment: Int32Array, k: number, centroids: Float64Array): void {
  const sums = new Float64Array(2 * k);
  const counts = new Int32Array(k);
  for (let i = 0; i < assignment.length; i++) {
    const c = assignment[i]!;
    sums[2 * c]! += points.xs[i]!;
    sums[2 * c + 1]! += points.ys[i]!;
    counts[c]!++;
  }
  for (let c = 0; c < k; c++) {
    if (counts[c]! > 0) {
      centroids[2 * c] = sums[2 * c]! / counts[c]!;
      centroids[2 * c + 1] = sums[2 * c + 1]! / counts[c]!;
      continue;
    }
    let worst = 0;
    let worstDistance = -1;
    for (let i = 0; i < assignment.length; i++) {
      const distance = squaredDistance(points, i, centroids, assignment[i]!);
      if (distance > worstDistance) {
        worst = i;
        worstDistance = distance;
      }
    }
    centroids[2 * c] = points.xs[worst]!;
    centroids[2 * c + 1] = points.ys[worst]!;
    assignment[worst] = c;
  }
}

function inertia(points: Points, assignment: Int32Array, centroids: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < assignment.length; i++) sum += squaredDistance(points, i, centroids, assignment[i]!);
  return sum;
}

/** Lloyd's iterations from the given centroids until no point changes cluster. */
export function lloyd(points: Points, initial: Float64Array, k: number, maxIterations = 300): Clustering {
  const centroids = Float64Array.from(initial);
  const assignment = new Int32Array(points.xs.length).fill(-1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (!assign(points, centroids, k, assignment)) break;
    updateCentroids(points, assignment, k, centroids);
  }
  return { k, assignment, centroids, inertia: inertia(points, assignment, centroids) };
}

/** The best of `restarts` k-means++-seeded runs. */
export function kMeans(points: Points, k: number, random: Random, restarts = 3): Clustering {
  let best: Clustering | undefined;
  for (let run = 0; run < restarts; run++) {
    const candidate = lloyd(points, kMeansPlusPlus(points, k, random), k);
    if (!best || candidate.inertia < best.inertia) best = candidate;
  }
  return best!;
}

/**
 * Mean silhouette (Rousseeuw 1987) of the sampled points: (b − a) / max(a, b), with a the mean
 * distance to the rest of its cluster and b to the nearest other cluster; 0 for a point alone
 * in its cluster.
 */
export function silhouette(points: Points, assignment: Int32Array, k: number, sample: Int32Array): number {
  const n = sample.length;
  // Contiguous copies: this O(n²) loop is the method's costliest after the PCA.
  const xs = Float64Array.from(sample, (i) => points.xs[i]!);
  const ys = Float64Array.from(sample, (i) => points.ys[i]!);
  const labels = Int32Array.from(sample, (i) => assignment[i]!);
  const counts = new Int32Array(k);
  for (let a = 0; a < n; a++) counts[labels[a]!]!++;
  const sums = new Float64Array(k);
  let total = 0;
  for (let a = 0; a < n; a++) {
    sums.fill(0);
    const x = xs[a]!;
    const y = ys[a]!;
    for (let b = 0; b < n; b++) {
      const dx = x - xs[b]!;
      const dy = y - ys[b]!;
      sums[labels[b]!]! += Math.sqrt(dx * dx + dy * dy);
    }
    total += pointSilhouette(sums, counts, labels[a]!);
  }
  return n === 0 ? 0 : total / n;
}

/** One point's silhouette from its summed distances to each cluster's (sampled) points. */
function pointSilhouette(sums: Float64Array, counts: Int32Array, own: number): number {
  if (counts[own]! < 2) return 0;
  const a = sums[own]! / (counts[own]! - 1);
  let b = Infinity;
  for (let c = 0; c < counts.length; c++) if (c !== own && counts[c]! > 0) b = Math.min(b, sums[c]! / counts[c]!);
  const spread = Math.max(a, b);
  return Number.isFinite(b) && spread > 0 ? (b - a) / spread : 0;
}

/**
 * k-means for each k in [minK, maxK] (bounded by the number of distinct points), keeping the k
 * with the highest silhouette (the smaller k on a tie). Each k has its own generator, so adding
 * a candidate k never changes the clusterings of the others.
 */
export function chooseClustering(
  points: Points,
  options: ClusteringOptions = {},
): Clustering & { readonly silhouette: number } {
  const seed = options.seed ?? 0;
  const minK = options.minK ?? 2;
  const maxK = Math.min(options.maxK ?? 5, countDistinctPoints(points, options.maxK ?? 5));
  if (maxK < minK) throw new RangeError(`Fewer than ${minK} distinct points to cluster`);
  const sample = sampleIndices(points.xs.length, options.silhouetteSampleSize ?? 2000, seededRandom(seed));
  let best: (Clustering & { silhouette: number }) | undefined;
  for (let k = minK; k <= maxK; k++) {
    const clustering = kMeans(points, k, seededRandom(seed + k), options.restarts);
    const score = silhouette(points, clustering.assignment, k, sample);
    if (!best || score > best.silhouette) best = { ...clustering, silhouette: score };
  }
  return best!;
}
