/**
 * k-means on the two-dimensional opinion map, with k chosen by the silhouette. The k-means++
 * restarts and the silhouette sample draw from generators with fixed seeds (never the caller's),
 * so the same points always give the same groups (decision 0015).
 * Clusters under a minimum size are not groups: their points are left out of every group.
 */
import { nextIndex, nextUnit, sampleIndices, seededRandom, type Random } from "~/opinion/random";

export interface Points {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
}

export interface Clustering {
  readonly k: number;
  /** Cluster of each point, 0 … k − 1, or −1 for a point left out of every group. */
  readonly assignment: Int32Array;
  /** x₀, y₀, x₁, y₁, … */
  readonly centroids: Float64Array;
  /** Sum of squared distances to the assigned centroids (points in a group only). */
  readonly inertia: number;
}

/** k-means++ seedings per k; the lowest inertia wins. */
export const DEFAULT_RESTARTS = 10;

/**
 * Seeds of the fixed generators. They are constants on purpose: a caller's seed that changed
 * the restarts would change the groups on the same votes (issue #19).
 */
const RESTART_SEED = 0x5eed;
const SAMPLE_SEED = 0x5a3e;

export interface ClusteringOptions {
  readonly minK?: number;
  readonly maxK?: number;
  /** k-means runs per k from different k-means++ seedings (default 10). */
  readonly restarts?: number;
  /**
   * The silhouette costs O(n²): above this many points it is computed on a fixed sample, and the
   * k-means++ restarts run on that sample too.
   */
  readonly silhouetteSampleSize?: number;
  /** Smallest cluster that is a group (default 1); the points of smaller ones are left out. */
  readonly minClusterSize?: number;
  /**
   * Each point's group in the previous result (0 …, or −1 for none): k-means for that many
   * groups also starts from their centroids, and keeps that run unless the best restart is
   * better by more than WARM_START_TOLERANCE.
   */
  readonly previous?: Int32Array;
}

/**
 * How much lower (relatively) the best restart's inertia must be to replace the clustering that
 * starts from the previous groups. On real Pol.is conversations k-means has several local optima
 * within 0.5 % of each other that split people differently; which one the restarts find changes
 * with any new vote, so without this margin a few new votes could redraw the map.
 */
export const WARM_START_TOLERANCE = 0.01;

export interface ChosenClustering extends Clustering {
  readonly silhouette: number;
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
  for (let i = 0; i < assignment.length; i++) {
    if (assignment[i]! >= 0) sum += squaredDistance(points, i, centroids, assignment[i]!);
  }
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
export function kMeans(points: Points, k: number, random: Random, restarts = DEFAULT_RESTARTS): Clustering {
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
 * in its cluster. A point left out of every group (−1) counts as 0 and is no one's neighbour,
 * so leaving people out lowers the score by their share: a clustering is not rewarded for
 * setting aside the people who fit it least.
 */
export function silhouette(points: Points, assignment: Int32Array, k: number, sample: Int32Array): number {
  const n = sample.length;
  // Contiguous copies: this O(n²) loop is the method's costliest after the PCA.
  const xs = Float64Array.from(sample, (i) => points.xs[i]!);
  const ys = Float64Array.from(sample, (i) => points.ys[i]!);
  const labels = Int32Array.from(sample, (i) => assignment[i]!);
  const counts = new Int32Array(k);
  for (let a = 0; a < n; a++) if (labels[a]! >= 0) counts[labels[a]!]!++;
  const sums = new Float64Array(k);
  let total = 0;
  for (let a = 0; a < n; a++) {
    if (labels[a]! < 0) continue;
    sums.fill(0);
    const x = xs[a]!;
    const y = ys[a]!;
    for (let b = 0; b < n; b++) {
      if (labels[b]! < 0) continue;
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

/** Centroids of the previous groups over the current points, renumbered 0 … (groups with a point left). */
function previousCentroids(points: Points, previous: Int32Array): Float64Array {
  const sums = new Map<number, [x: number, y: number, count: number]>();
  previous.forEach((c, i) => {
    if (c < 0) return;
    const sum = sums.get(c) ?? [0, 0, 0];
    sum[0] += points.xs[i]!;
    sum[1] += points.ys[i]!;
    sum[2]++;
    sums.set(c, sum);
  });
  return Float64Array.from(
    [...sums.keys()]
      .sort((a, b) => a - b)
      .flatMap((c) => {
        const [x, y, count] = sums.get(c)!;
        return [x / count, y / count];
      }),
  );
}

/**
 * k-means for k groups: the best restart, or the run from the previous groups when it is (nearly)
 * as good. Above the sample's size the restarts run on the sample (`sampled`) and only the best
 * is refined on every point: at 50,000 participants ten full restarts per k would cost seconds,
 * and a sample of 2,000 finds the same basin.
 */
function kMeansFrom(
  points: Points,
  sampled: Points,
  k: number,
  options: ClusteringOptions,
  warmStart: Float64Array | undefined,
): Clustering {
  const best = kMeans(sampled, k, seededRandom(RESTART_SEED + k), options.restarts);
  const fresh = sampled === points ? best : lloyd(points, best.centroids, k);
  if (warmStart === undefined || warmStart.length !== 2 * k) return fresh;
  const warm = lloyd(points, warmStart, k);
  return warm.inertia <= fresh.inertia * (1 + WARM_START_TOLERANCE) ? warm : fresh;
}

/**
 * The clustering without its clusters under `minSize`: their points are left out (−1), the
 * others keep their clusters (renumbered in order) and centroids. Nothing else moves: after
 * Lloyd's iterations each kept point is nearest to its own centroid among all of them, so it
 * still is among fewer, and each kept centroid is still the mean of its points.
 */
export function withoutSmallClusters(points: Points, clustering: Clustering, minSize: number): Clustering {
  const sizes = new Int32Array(clustering.k);
  for (const c of clustering.assignment) if (c >= 0) sizes[c]!++;
  const kept = Array.from({ length: clustering.k }, (_, c) => c).filter((c) => sizes[c]! >= minSize);
  if (kept.length === clustering.k) return clustering;
  const renumbered = new Int32Array(clustering.k).fill(-1);
  kept.forEach((c, index) => (renumbered[c] = index));
  const assignment = clustering.assignment.map((c) => (c < 0 ? -1 : renumbered[c]!));
  const centroids = Float64Array.from(
    kept.flatMap((c) => [clustering.centroids[2 * c]!, clustering.centroids[2 * c + 1]!]),
  );
  return { k: kept.length, assignment, centroids, inertia: inertia(points, assignment, centroids) };
}

/**
 * k-means for each k in [minK, maxK] (bounded by the number of distinct points and by how many
 * groups of `minClusterSize` the points can fill), clusters under that size dropped, keeping
 * the clustering of at least two groups with the highest silhouette (the smaller k on a tie).
 * Each k has its own fixed generator, so adding a candidate k never changes the clusterings of
 * the others; the k of the previous groups also runs from them (`previous`). Undefined when no
 * k leaves two groups: the points do not split into groups that large.
 */
export function chooseClustering(points: Points, options: ClusteringOptions = {}): ChosenClustering | undefined {
  const minK = options.minK ?? 2;
  const minSize = Math.max(1, options.minClusterSize ?? 1);
  const requestedMaxK = Math.min(options.maxK ?? 5, Math.floor(points.xs.length / minSize));
  const maxK = Math.min(requestedMaxK, countDistinctPoints(points, requestedMaxK));
  if (maxK < minK) return undefined;
  const sample = sampleIndices(points.xs.length, options.silhouetteSampleSize ?? 2000, seededRandom(SAMPLE_SEED));
  const sampled =
    sample.length === points.xs.length
      ? points
      : { xs: Float64Array.from(sample, (i) => points.xs[i]!), ys: Float64Array.from(sample, (i) => points.ys[i]!) };
  const warmStart = options.previous && previousCentroids(points, options.previous);
  let best: ChosenClustering | undefined;
  for (let k = minK; k <= maxK; k++) {
    const clustering = withoutSmallClusters(points, kMeansFrom(points, sampled, k, options, warmStart), minSize);
    if (clustering.k < 2) continue;
    const score = silhouette(points, clustering.assignment, clustering.k, sample);
    if (!best || score > best.silhouette) best = { ...clustering, silhouette: score };
  }
  return best;
}
