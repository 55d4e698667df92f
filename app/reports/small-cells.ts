/**
 * Small-cell protection for every breakdown Baraza shows or exports.
 *
 * A count under the threshold (default 5) could single out a person, so it is shown as "<5",
 * "fewer than 5" (primary suppression). Totals are published too, and a lone hidden cell in a row
 * could then be worked out by subtraction, so more cells are hidden until no hidden value follows
 * from the published ones (secondary suppression); those may be any size, so they are marked
 * "withheld", never "<5", which would be false. The check is exact for the additive structure of the
 * table: a hidden entry is safe when it is not a linear combination of the row, column and grand
 * total equations given the published values (docs: docs/small-cells.md).
 */

export const DEFAULT_SMALL_CELL_THRESHOLD = 5;

/** The mark of a count hidden only so that a smaller one cannot be worked out (secondary suppression). */
export const WITHHELD = "withheld";

/**
 * A published count: the number, `null` when it is under the threshold (shown "<threshold"), or
 * `WITHHELD` when it is hidden to protect another cell and may be of any size.
 */
export type Shown = number | null | typeof WITHHELD;

/**
 * The mark of a hidden count: "<threshold" only when that is true; any other hidden count is hidden
 * to protect another one, and is marked "withheld".
 */
export const suppressedMark = (value: number, threshold: number): null | typeof WITHHELD =>
  value < threshold ? null : WITHHELD;

/** Whether the count is hidden, whichever the reason. */
export const isSuppressed = (value: Shown): value is null | typeof WITHHELD => typeof value !== "number";

export interface ProtectedTable {
  cells: Shown[][];
  rowTotals: Shown[];
  columnTotals: Shown[];
  total: Shown;
}

export interface ProtectedBreakdown {
  cells: Shown[];
  total: Shown;
}

/**
 * The table laid out as a (rows + 1) × (columns + 1) grid: the last column holds row totals, the
 * last row column totals, the corner the grand total. Every line of it (row or column) is one
 * equation: its cells add up to its total.
 */
interface Grid {
  values: number[][];
  hidden: boolean[][];
}

type Position = readonly [row: number, column: number];

function buildGrid(cells: readonly (readonly number[])[]): Grid {
  const columns = cells[0]?.length ?? 0;
  const values = cells.map((row) => [...row, sum(row)]);
  const totalsRow = Array.from({ length: columns + 1 }, (_, j) => sum(values.map((row) => row[j] ?? 0)));
  values.push(totalsRow);
  return { values, hidden: values.map((row) => row.map(() => false)) };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Each equation as the positions it spans; the last position of each is the line's total. */
function equations(grid: Grid): Position[][] {
  const rows = grid.values.length;
  const columns = grid.values[0]?.length ?? 0;
  const lines: Position[][] = [];
  for (let i = 0; i < rows; i++) lines.push(Array.from({ length: columns }, (_, j) => [i, j] as const));
  for (let j = 0; j < columns; j++) lines.push(Array.from({ length: rows }, (_, i) => [i, j] as const));
  return lines;
}

const isHidden = (grid: Grid, [i, j]: Position) => grid.hidden[i]![j]!;
const valueAt = (grid: Grid, [i, j]: Position) => grid.values[i]![j]!;

/** Hides the smallest visible entry of a line, preferring inner cells to the line's total. */
function hideSmallestVisible(grid: Grid, line: readonly Position[]): boolean {
  const visible = line.filter((p) => !isHidden(grid, p));
  const inner = visible.slice(0, visible.length - (isHidden(grid, line[line.length - 1]!) ? 0 : 1));
  const candidates = inner.length > 0 ? inner : visible;
  const smallest = candidates.reduce<Position | null>(
    (best, p) => (best === null || valueAt(grid, p) < valueAt(grid, best) ? p : best),
    null,
  );
  if (!smallest) return false;
  grid.hidden[smallest[0]]![smallest[1]] = true;
  return true;
}

/**
 * Hidden entries whose value follows from the published ones: entry x is determined exactly when
 * its unit vector lies in the row space of the equations restricted to hidden entries.
 */
export function determinedHiddenEntries(hidden: readonly (readonly boolean[])[]): Position[] {
  const unknowns: Position[] = [];
  hidden.forEach((row, i) => row.forEach((h, j) => h && unknowns.push([i, j])));
  if (unknowns.length === 0) return [];
  const index = new Map(unknowns.map(([i, j], k) => [`${i},${j}`, k]));
  const grid: Grid = { values: hidden.map((row) => row.map(() => 0)), hidden: hidden.map((row) => [...row]) };
  // Each line says: cells − total = 0 (the published entries only move the right-hand side).
  const rows = equations(grid).map((line) => {
    const coefficients = new Array<number>(unknowns.length).fill(0);
    line.forEach((p, k) => {
      const at = index.get(`${p[0]},${p[1]}`);
      if (at !== undefined) coefficients[at] = k === line.length - 1 ? -1 : 1;
    });
    return coefficients;
  });
  const basis = reducedRowEchelon(rows);
  // With a reduced basis, e_x is in the span iff some basis row is exactly e_x.
  return unknowns.filter((_, k) =>
    basis.some((row) => Math.abs(row[k]! - 1) < 1e-9 && row.every((v, c) => c === k || Math.abs(v) < 1e-9)),
  );
}

function reducedRowEchelon(input: number[][]): number[][] {
  const rows = input.map((r) => [...r]);
  const width = rows[0]?.length ?? 0;
  let pivotRow = 0;
  for (let column = 0; column < width && pivotRow < rows.length; column++) {
    let best = pivotRow;
    for (let r = pivotRow + 1; r < rows.length; r++) {
      if (Math.abs(rows[r]![column]!) > Math.abs(rows[best]![column]!)) best = r;
    }
    if (Math.abs(rows[best]![column]!) < 1e-9) continue;
    [rows[pivotRow], rows[best]] = [rows[best]!, rows[pivotRow]!];
    const pivot = rows[pivotRow]!;
    const scale = pivot[column]!;
    for (let c = 0; c < width; c++) pivot[c]! /= scale;
    for (let r = 0; r < rows.length; r++) {
      if (r === pivotRow) continue;
      const factor = rows[r]![column]!;
      if (Math.abs(factor) < 1e-12) continue;
      for (let c = 0; c < width; c++) rows[r]![c]! -= factor * pivot[c]!;
    }
    pivotRow++;
  }
  return rows.slice(0, pivotRow);
}

/** Protects a rows × columns table of counts, with its row, column and grand totals. */
export function protectTable(
  cells: readonly (readonly number[])[],
  threshold: number = DEFAULT_SMALL_CELL_THRESHOLD,
): ProtectedTable {
  const grid = buildGrid(cells);
  grid.values.forEach((row, i) => row.forEach((value, j) => (grid.hidden[i]![j] = value < threshold)));
  const lines = equations(grid);
  for (;;) {
    // The cheap rule first: no line may hide exactly one entry.
    const lone = lines.find((line) => line.filter((p) => isHidden(grid, p)).length === 1);
    if (lone) {
      if (!hideSmallestVisible(grid, lone)) break;
      continue;
    }
    // Then the exact one, for values that follow from several lines together.
    const [determined] = determinedHiddenEntries(grid.hidden);
    if (!determined) break;
    const line = lines.find((l) => l.some(([i, j]) => i === determined[0] && j === determined[1]) && hasVisible(l));
    if (!line || !hideSmallestVisible(grid, line)) break;
  }
  const shown = grid.values.map((row, i) =>
    row.map((value, j): Shown => (grid.hidden[i]![j] ? suppressedMark(value, threshold) : value)),
  );
  const totalsRow = shown.pop()!;
  return {
    cells: shown.map((row) => row.slice(0, -1)),
    rowTotals: shown.map((row) => row[row.length - 1]!),
    columnTotals: totalsRow.slice(0, -1),
    total: totalsRow[totalsRow.length - 1]!,
  };

  function hasVisible(line: readonly Position[]) {
    return line.some((p) => !isHidden(grid, p));
  }
}

/** One-dimensional breakdown (e.g. participants by stakeholder group) with its total. */
export function protectBreakdown(
  counts: readonly number[],
  threshold: number = DEFAULT_SMALL_CELL_THRESHOLD,
): ProtectedBreakdown {
  const table = protectTable([counts], threshold);
  return { cells: table.cells[0] ?? [], total: table.total };
}

/**
 * How a protected value reads in data files ("<5", "withheld"): codes, the same in every language
 * and documented with the files. Pages show translated marks (components/report/shown-count.tsx).
 */
export function shownCount(value: Shown, threshold: number = DEFAULT_SMALL_CELL_THRESHOLD): string {
  if (value === null) return fewerThanMark(threshold);
  return String(value);
}

export const fewerThanMark = (threshold: number = DEFAULT_SMALL_CELL_THRESHOLD) => `<${threshold}`;
