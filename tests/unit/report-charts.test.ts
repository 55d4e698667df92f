import { describe, expect, it } from "vitest";
import { bucketByWeek, niceMax, seriesPoints, shareBar, weekStart } from "~/reports/charts";
import { withoutDeclaredInterest } from "~/reports/interest-split";

describe("weekly bucketing", () => {
  it("starts weeks on Monday UTC", () => {
    expect(weekStart(new Date("2026-11-25T23:30:00Z"))).toBe("2026-11-23"); // a Wednesday
    expect(weekStart(new Date("2026-11-23T00:00:00Z"))).toBe("2026-11-23");
    expect(weekStart(new Date("2026-11-22T23:59:59Z"))).toBe("2026-11-16"); // a Sunday
  });

  it("counts per week and kind and fills the empty weeks between", () => {
    const buckets = bucketByWeek(
      [
        { at: new Date("2026-11-25T10:00:00Z"), kind: "vote" },
        { at: new Date("2026-11-03T10:00:00Z"), kind: "comment" },
        { at: new Date("2026-11-04T10:00:00Z"), kind: "vote" },
        { at: new Date("2026-11-26T10:00:00Z"), kind: "vote" },
      ],
      ["vote", "comment"] as const,
    );
    expect(buckets).toEqual([
      { week: "2026-11-02", counts: { vote: 1, comment: 1 } },
      { week: "2026-11-09", counts: { vote: 0, comment: 0 } },
      { week: "2026-11-16", counts: { vote: 0, comment: 0 } },
      { week: "2026-11-23", counts: { vote: 2, comment: 0 } },
    ]);
    expect(bucketByWeek([], ["vote"])).toEqual([]);
  });
});

describe("chart geometry", () => {
  it("rounds axis maxima up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 7, 10, 11, 160, 501].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 200, 1000]);
  });

  it("spreads points across the area with zero at the bottom", () => {
    expect(seriesPoints([0, 5, 10], 10, { width: 200, height: 100 })).toEqual([
      { x: 0, y: 100 },
      { x: 100, y: 50 },
      { x: 200, y: 0 },
    ]);
    expect(seriesPoints([4], 8, { width: 200, height: 100 })).toEqual([{ x: 100, y: 50 }]);
  });

  it("draws a share with its interval whisker", () => {
    expect(shareBar(0.5, { low: 0.25, high: 0.75 }, 200)).toEqual({ width: 100, low: 50, high: 150 });
    expect(shareBar(0.5, null, 200)).toEqual({ width: 100, low: 100, high: 100 });
  });
});

describe("results without declared commercial interests", () => {
  it("subtracts the declared-interest votes when they are not small cells", () => {
    const r = withoutDeclaredInterest({ agree: 20, disagree: 10, pass: 6 }, { agree: 5, disagree: 0, pass: 6 }, 5);
    expect(r).toEqual({ counts: { agree: 15, disagree: 10, pass: 0 }, total: 25 });
  });

  it("withholds a cell (and the total) whose complement is a small cell: 18 is no '<5'", () => {
    const r = withoutDeclaredInterest({ agree: 20, disagree: 10, pass: 6 }, { agree: 2, disagree: 0, pass: 0 }, 5);
    expect(r).toEqual({ counts: { agree: "withheld", disagree: 10, pass: 6 }, total: "withheld" });
  });
});
