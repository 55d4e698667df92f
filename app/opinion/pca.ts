/**
 * Principal components of the mean-imputed, centred vote matrix, without ever forming it densely.
 *
 * Imputing a missing cell with its column's mean and then centring makes that cell exactly zero,
 * so the centred matrix Y has the same sparsity as the votes: only voted cells hold `vote − mean`.
 * The statement covariance C = YᵀY / n is then applied implicitly (C·v = Yᵀ(Y·v) / n), one pass
 * over the votes per product, and a small block of vectors is power-iterated (subspace
 * iteration with a Rayleigh–Ritz step) until the top two converge.
 */
import { type VoteMatrix } from "~/opinion/matrix";
import { nextUnit, seededRandom } from "~/opinion/random";

export interface PcaOptions {
  /** Vectors iterated together: extra ones speed up convergence of the top two. */
  readonly blockSize?: number;
  readonly maxIterations?: number;
  /** Stop when ‖C·u − θ·u‖ ≤ tolerance · θ₁ for both components. */
  readonly tolerance?: number;
  readonly seed?: number;
}

export interface PrincipalComponents {
  /** Two unit vectors over statements; an all-zero vector where the votes have no such direction. */
  readonly components: readonly [Float64Array, Float64Array];
  /** Variance of the placed participants along each component. */
  readonly variances: readonly [number, number];
  /** Total variance (trace of the covariance), for the share each component explains. */
  readonly totalVariance: number;
  readonly iterations: number;
}

/** Mean of the agree/disagree votes (passes are missing) per statement, over the given rows. */
export function columnMeans(matrix: VoteMatrix, rows: Int32Array): Float64Array {
  const statements = matrix.statementIds.length;
  const sums = new Float64Array(statements);
  const counts = new Int32Array(statements);
  for (let r = 0; r < rows.length; r++) {
    for (let e = matrix.rowStart[rows[r]!]!; e < matrix.rowStart[rows[r]! + 1]!; e++) {
      const value = matrix.value[e]!;
      if (value === 0) continue;
      sums[matrix.column[e]!]! += value;
      counts[matrix.column[e]!]!++;
    }
  }
  for (let j = 0; j < statements; j++) sums[j] = counts[j]! === 0 ? 0 : sums[j]! / counts[j]!;
  return sums;
}

/** The votes of the rows taken, to be centred on their statements' means as they are read. */
interface CentredVotes {
  matrix: VoteMatrix;
  rows: Int32Array;
  means: Float64Array;
}

/**
 * out = C·V for a block V stored statement-major (V[j·b + t]), in one pass over the rows. The
 * centred cell `vote − mean` is computed on the fly (storing it would cost 8 bytes per vote)
 * into a per-row scratch that both halves of the row's work reuse.
 */
function multiplyCovariance(votes: CentredVotes, block: Float64Array, width: number, out: Float64Array): void {
  out.fill(0);
  if (width === 4) multiplyRowsBy4(votes, block, out);
  else multiplyRows(votes, block, width, out);
  const scale = 1 / Math.max(votes.rows.length, 1);
  for (let n = 0; n < out.length; n++) out[n]! *= scale;
}

/** out += Σ yᵢᵀ(yᵢ·V) over the rows; the general case. */
function multiplyRows(
  { matrix, rows, means }: CentredVotes,
  block: Float64Array,
  width: number,
  out: Float64Array,
): void {
  const { rowStart, column, value } = matrix;
  const product = new Float64Array(width);
  for (let r = 0; r < rows.length; r++) {
    const start = rowStart[rows[r]!]!;
    const end = rowStart[rows[r]! + 1]!;
    product.fill(0);
    for (let e = start; e < end; e++) {
      const y = value[e] === 0 ? 0 : value[e]! - means[column[e]!]!;
      for (let t = 0; t < width; t++) product[t]! += y * block[column[e]! * width + t]!;
    }
    for (let e = start; e < end; e++) {
      const y = value[e] === 0 ? 0 : value[e]! - means[column[e]!]!;
      for (let t = 0; t < width; t++) out[column[e]! * width + t]! += y * product[t]!;
    }
  }
}

/**
 * The same for the default block of four, with the row's products in locals and its centred
 * cells in a scratch array: this loop is most of the method's time.
 */
function multiplyRowsBy4({ matrix, rows, means }: CentredVotes, block: Float64Array, out: Float64Array): void {
  const { rowStart, column, value } = matrix;
  const centred = new Float64Array(means.length);
  const bases = new Int32Array(means.length);
  for (let r = 0; r < rows.length; r++) {
    const end = rowStart[rows[r]! + 1]!;
    let cells = 0;
    for (let e = rowStart[rows[r]!]!; e < end; e++) {
      const v = value[e]!;
      if (v === 0) continue;
      const j = column[e]!;
      centred[cells] = v - means[j]!;
      bases[cells++] = j << 2;
    }
    let p0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    for (let c = 0; c < cells; c++) {
      const y = centred[c]!;
      const b = bases[c]!;
      p0 += y * block[b]!;
      p1 += y * block[b + 1]!;
      p2 += y * block[b + 2]!;
      p3 += y * block[b + 3]!;
    }
    for (let c = 0; c < cells; c++) {
      const y = centred[c]!;
      const b = bases[c]!;
      out[b]! += y * p0;
      out[b + 1]! += y * p1;
      out[b + 2]! += y * p2;
      out[b + 3]! += y * p3;
    }
  }
}

/**
 * Orthonormalises the block's columns in place (Gram–Schmidt, twice for round-off). A column
 * that is (numerically) a combination of earlier ones becomes zero: the votes have fewer
 * independent directions than the block has vectors.
 */
function orthonormalise(block: Float64Array, length: number, width: number): void {
  for (let t = 0; t < width; t++) {
    let original = 0;
    for (let j = 0; j < length; j++) original += block[j * width + t]! ** 2;
    for (let pass = 0; pass < 2; pass++) {
      for (let s = 0; s < t; s++) {
        let dot = 0;
        for (let j = 0; j < length; j++) dot += block[j * width + t]! * block[j * width + s]!;
        for (let j = 0; j < length; j++) block[j * width + t]! -= dot * block[j * width + s]!;
      }
    }
    let norm = 0;
    for (let j = 0; j < length; j++) norm += block[j * width + t]! ** 2;
    const keep = norm > 1e-20 * Math.max(original, 1e-300) && norm > 1e-280;
    const scale = keep ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < length; j++) block[j * width + t]! *= scale;
  }
}

/**
 * Eigen-decomposition of a small symmetric matrix (row-major, n × n) by cyclic Jacobi rotations.
 * Values descending; vectors as columns of a row-major n × n matrix.
 */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const tan = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(tan * tan + 1);
        const sin = tan * cos;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!;
          const akq = a[k * n + q]!;
          a[k * n + p] = cos * akp - sin * akq;
          a[k * n + q] = sin * akp + cos * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!;
          const aqk = a[q * n + k]!;
          a[p * n + k] = cos * apk - sin * aqk;
          a[q * n + k] = sin * apk + cos * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = cos * vkp - sin * vkq;
          v[k * n + q] = sin * vkp + cos * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]! || x - y);
  const values = Float64Array.from(order, (i) => a[i * n + i]!);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) vectors[k * n + to] = v[k * n + from]!;
  });
  return { values, vectors };
}

/** Column `t` of `block · rotation` (block: length × width, rotation: width × width). */
function rotatedColumn(block: Float64Array, rotation: Float64Array, length: number, width: number, t: number) {
  const out = new Float64Array(length);
  for (let j = 0; j < length; j++) {
    let sum = 0;
    for (let s = 0; s < width; s++) sum += block[j * width + s]! * rotation[s * width + t]!;
    out[j] = sum;
  }
  return out;
}

interface RitzPair {
  readonly value: number;
  readonly vector: Float64Array;
  readonly residual: number;
}

/** Rayleigh–Ritz on the span of `block` (orthonormal), given `product` = C·block: the top two pairs. */
function ritzPairs(block: Float64Array, product: Float64Array, length: number, width: number): RitzPair[] {
  const projected = new Float64Array(width * width);
  for (let s = 0; s < width; s++) {
    for (let t = 0; t < width; t++) {
      let dot = 0;
      for (let j = 0; j < length; j++) dot += block[j * width + s]! * product[j * width + t]!;
      projected[s * width + t] = dot;
    }
  }
  // Symmetrise: round-off makes Vᵀ(CV) very slightly asymmetric.
  for (let s = 0; s < width; s++) {
    for (let t = s + 1; t < width; t++) {
      const mean = (projected[s * width + t]! + projected[t * width + s]!) / 2;
      projected[s * width + t] = mean;
      projected[t * width + s] = mean;
    }
  }
  const { values, vectors } = symmetricEigen(projected, width);
  return [0, 1].map((t) => {
    if (t >= width) return { value: 0, vector: new Float64Array(length), residual: 0 };
    const vector = rotatedColumn(block, vectors, length, width, t);
    const image = rotatedColumn(product, vectors, length, width, t);
    let residual = 0;
    for (let j = 0; j < length; j++) residual += (image[j]! - values[t]! * vector[j]!) ** 2;
    return { value: Math.max(values[t]!, 0), vector, residual: Math.sqrt(residual) };
  });
}

/** Eigenvectors have no sign of their own: the largest entry (first on ties) is made positive. */
function fixSign(vector: Float64Array): Float64Array {
  let largest = 0;
  for (let j = 1; j < vector.length; j++) if (Math.abs(vector[j]!) > Math.abs(vector[largest]!)) largest = j;
  if ((vector[largest] ?? 0) < 0) for (let j = 0; j < vector.length; j++) vector[j] = -vector[j]!;
  return vector;
}

function totalVariance({ matrix, rows, means }: CentredVotes): number {
  let sum = 0;
  for (let r = 0; r < rows.length; r++) {
    for (let e = matrix.rowStart[rows[r]!]!; e < matrix.rowStart[rows[r]! + 1]!; e++) {
      if (matrix.value[e] !== 0) sum += (matrix.value[e]! - means[matrix.column[e]!]!) ** 2;
    }
  }
  return sum / Math.max(rows.length, 1);
}

/** The first two principal components of the centred matrix restricted to `rows`. */
export function principalComponents(
  matrix: VoteMatrix,
  rows: Int32Array,
  means: Float64Array,
  options: PcaOptions = {},
): PrincipalComponents {
  const votes: CentredVotes = { matrix, rows, means };
  const length = matrix.statementIds.length;
  const width = Math.min(length, options.blockSize ?? 4);
  const maxIterations = Math.max(1, options.maxIterations ?? 30);
  const tolerance = options.tolerance ?? 1e-6;
  const random = seededRandom(options.seed ?? 0);
  const block = new Float64Array(length * width);
  for (let n = 0; n < block.length; n++) block[n] = nextUnit(random) - 0.5;
  orthonormalise(block, length, width);
  const product = new Float64Array(length * width);
  let pairs: RitzPair[] = [];
  let iterations = 0;
  while (iterations < maxIterations) {
    multiplyCovariance(votes, block, width, product);
    iterations++;
    pairs = ritzPairs(block, product, length, width);
    const scale = pairs[0]!.value;
    if (pairs.every((pair) => pair.residual <= tolerance * scale)) break;
    block.set(product);
    orthonormalise(block, length, width);
  }
  const [first, second] = pairs as [RitzPair, RitzPair];
  // A direction with no variance (all voted alike, or only one statement) is round-off: drop it.
  const direction = (pair: RitzPair) =>
    pair.value > 1e-12 * first.value ? fixSign(pair.vector) : new Float64Array(length);
  return {
    components: [direction(first), direction(second)],
    variances: [first.value, second.value],
    totalVariance: totalVariance(votes),
    iterations,
  };
}

/**
 * Each row's coordinates on the two components. As in Pol.is, a participant who voted on few
 * statements is scaled out by √(statements / their agree-or-disagree votes): otherwise their
 * many imputed (zero) cells would pull them towards the centre of the map.
 */
export function project(
  matrix: VoteMatrix,
  rows: Int32Array,
  means: Float64Array,
  components: readonly [Float64Array, Float64Array],
): { xs: Float64Array; ys: Float64Array } {
  const statements = matrix.statementIds.length;
  const xs = new Float64Array(rows.length);
  const ys = new Float64Array(rows.length);
  const [first, second] = components;
  for (let r = 0; r < rows.length; r++) {
    let x = 0;
    let y = 0;
    let positions = 0;
    for (let e = matrix.rowStart[rows[r]!]!; e < matrix.rowStart[rows[r]! + 1]!; e++) {
      if (matrix.value[e] === 0) continue;
      const j = matrix.column[e]!;
      const centred = matrix.value[e]! - means[j]!;
      positions++;
      x += centred * first[j]!;
      y += centred * second[j]!;
    }
    const scale = Math.sqrt(statements / Math.max(positions, 1));
    xs[r] = x * scale;
    ys[r] = y * scale;
  }
  return { xs, ys };
}
