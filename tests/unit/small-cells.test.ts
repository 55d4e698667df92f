import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  determinedHiddenEntries,
  isSuppressed,
  protectBreakdown,
  protectTable,
  shownCount,
  WITHHELD,
  type Shown,
} from "~/reports/small-cells";

const table = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 })).chain(([rows, columns]) =>
  fc.array(fc.array(fc.nat({ max: 40 }), { minLength: columns, maxLength: columns }), {
    minLength: rows,
    maxLength: rows,
  }),
);

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe("small-cell protection", () => {
  it("shows a breakdown's small cells as <5 and withholds a second one so the first cannot be worked out", () => {
    const { cells, total } = protectBreakdown([12, 3, 40, 9]);
    expect(total).toBe(64);
    expect(cells).toEqual([12, null, 40, WITHHELD]);
    expect(cells.map((c) => shownCount(c))).toEqual(["12", "<5", "40", "withheld"]);
  });

  it("marks a cell hidden only to protect another as withheld, never <5 (the issue's 'Outside the AU <5' that was 16)", () => {
    const { cells, total } = protectBreakdown([60, 2, 16]);
    expect(total).toBe(78);
    expect(cells).toEqual([60, null, WITHHELD]);
  });

  it("leaves a table with no small cell untouched", () => {
    expect(
      protectTable([
        [10, 20],
        [30, 40],
      ]),
    ).toEqual({
      cells: [
        [10, 20],
        [30, 40],
      ],
      rowTotals: [30, 70],
      columnTotals: [40, 60],
      total: 100,
    });
  });

  it("knows which hidden entries follow from the shown ones", () => {
    // A lone hidden cell in a line is its total minus the rest.
    const lone = [
      [true, false, false],
      [false, false, false],
      [false, false, false],
    ];
    expect(determinedHiddenEntries(lone)).toEqual([[0, 0]]);
    // A rectangle of four hidden cells: +t/−t around it keeps every total, so none is determined.
    const rectangle = [
      [true, true, false],
      [true, true, false],
      [false, false, false],
    ];
    expect(determinedHiddenEntries(rectangle)).toEqual([]);
  });

  it("property: no shown value is under the threshold, shown values are true, every <5 is under the threshold, every withheld is not, and no hidden value follows from the shown ones", () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 10 }), (cells, threshold) => {
        const result = protectTable(cells, threshold);
        const truth = {
          cells,
          rowTotals: cells.map(sum),
          columnTotals: cells[0]!.map((_, j) => sum(cells.map((row) => row[j]!))),
          total: sum(cells.map(sum)),
        };
        const pairs: Array<[Shown, number]> = [
          ...result.cells.flatMap((row, i) => row.map((v, j) => [v, truth.cells[i]![j]!] as [Shown, number])),
          ...result.rowTotals.map((v, i) => [v, truth.rowTotals[i]!] as [Shown, number]),
          ...result.columnTotals.map((v, j) => [v, truth.columnTotals[j]!] as [Shown, number]),
          [result.total, truth.total],
        ];
        for (const [shown, actual] of pairs) {
          if (shown === null) expect(actual).toBeLessThan(threshold);
          else if (shown === WITHHELD) expect(actual).toBeGreaterThanOrEqual(threshold);
          else {
            expect(shown).toBe(actual);
            expect(shown).toBeGreaterThanOrEqual(threshold);
          }
        }
        const hidden = [
          ...result.cells.map((row, i) => [...row, result.rowTotals[i]!].map(isSuppressed)),
          [...result.columnTotals, result.total].map(isSuppressed),
        ];
        expect(determinedHiddenEntries(hidden)).toEqual([]);
      }),
      { numRuns: 500, seed: 20261125 },
    );
  });
});
