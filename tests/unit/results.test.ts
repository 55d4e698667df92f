import { describe, expect, it } from "vitest";
import { consultationPhase } from "~db/schema";
import { resultsVisibleTo, summarizeVotes, wilsonInterval, z95, type ResultsVisibility } from "~/participation/results";

/*
 * Every expected value below is worked out by hand from the Wilson score interval
 *
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   margin = z / (1 + z²/n) · √( p(1−p)/n + z²/4n² )
 *
 * with z = 1.959964 (95 %, two-sided), so z² = 3.841459. Four decimals are checked: the
 * arithmetic is written with enough digits for that.
 */
const digits = 4;

describe("wilsonInterval", () => {
  it("uses z = 1.959964 for 95 %", () => {
    expect(z95).toBeCloseTo(1.959964, 6);
  });

  it("8 agree of 10 → [0.4902, 0.9433]", () => {
    // p = 0.8, z²/n = 0.384146, 1 + z²/n = 1.384146
    // centre = (0.8 + 0.192073) / 1.384146 = 0.992073 / 1.384146 = 0.716740
    // p(1−p)/n = 0.016, z²/4n² = 3.841459 / 400 = 0.009604, √0.025604 = 0.160012
    // margin = (1.959964 / 1.384146) · 0.160012 = 1.416011 · 0.160012 = 0.226578
    // → 0.716740 − 0.226578 = 0.490162 and 0.716740 + 0.226578 = 0.943318
    const interval = wilsonInterval(8, 10);
    expect(interval?.low).toBeCloseTo(0.4902, digits);
    expect(interval?.high).toBeCloseTo(0.9433, digits);
  });

  it("0 of 10 → [0, 0.2775]: starts at zero, never below", () => {
    // p = 0: centre = 0.192073 / 1.384146 = 0.138766 and margin = 1.416011 · √0.009604 = 0.138766,
    // so low = 0 and high = 2 · 0.138766 = 0.277533 (closed form: z² / (n + z²) = 3.841459 / 13.841459)
    const interval = wilsonInterval(0, 10);
    expect(interval?.low).toBe(0);
    expect(interval?.high).toBeCloseTo(0.2775, digits);
  });

  it("10 of 10 → [0.7225, 1]: the mirror image, never above one", () => {
    // p = 1: centre = 1.192073 / 1.384146 = 0.861234, margin = 0.138766 as above
    // → low = 0.722467 (closed form: n / (n + z²) = 10 / 13.841459), high = 1
    const interval = wilsonInterval(10, 10);
    expect(interval?.low).toBeCloseTo(0.7225, digits);
    expect(interval?.high).toBeCloseTo(1, digits);
    expect(interval!.high).toBeLessThanOrEqual(1);
  });

  it("1 of 1 → [0.2065, 1]: one vote says little", () => {
    // n = 1, p = 1: low = n / (n + z²) = 1 / 4.841459 = 0.206549, high = 1
    const interval = wilsonInterval(1, 1);
    expect(interval?.low).toBeCloseTo(0.2065, digits);
    expect(interval?.high).toBeCloseTo(1, digits);
  });

  it("3 of 7 → [0.1582, 0.7495]", () => {
    // p = 3/7 = 0.428571, z²/n = 0.548780, 1 + z²/n = 1.548780
    // centre = (0.428571 + 0.274390) / 1.548780 = 0.702961 / 1.548780 = 0.453881
    // p(1−p)/n = 0.244898 / 7 = 0.034985, z²/4n² = 3.841459 / 196 = 0.019599, √0.054585 = 0.233634
    // margin = (1.959964 / 1.548780) · 0.233634 = 1.265488 · 0.233634 = 0.295661
    // → 0.158220 and 0.749542
    const interval = wilsonInterval(3, 7);
    expect(interval?.low).toBeCloseTo(0.1582, digits);
    expect(interval?.high).toBeCloseTo(0.7495, digits);
  });

  it("5,000 of 10,000 → [0.4902, 0.5098]: with many votes it nears p ± z·√(p(1−p)/n)", () => {
    // p = 0.5, 1 + z²/n = 1.000384, centre = (0.5 + 0.000192) / 1.000384 = 0.5 exactly
    // p(1−p)/n = 0.000025, z²/4n² ≈ 0.0000000096, √0.0000250096 = 0.005001
    // margin = (1.959964 / 1.000384) · 0.005001 = 1.959211 · 0.005001 = 0.009798
    // (the normal approximation gives 1.959964 · 0.005 = 0.009800)
    const interval = wilsonInterval(5000, 10_000);
    expect(interval?.low).toBeCloseTo(0.4902, digits);
    expect(interval?.high).toBeCloseTo(0.5098, digits);
  });

  it("no trials → null (no interval, rather than a division by zero)", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("refuses more successes than trials, or fewer than none", () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
  });
});

describe("summarizeVotes", () => {
  it("counts passes among those who voted: 8 agree, 1 disagree, 1 pass → 80 % agree, [0.4902, 0.9433]", () => {
    // total = 8 + 1 + 1 = 10, share = 8 / 10 = 0.8; the interval is the 8-of-10 one above
    const result = summarizeVotes({ agree: 8, disagree: 1, pass: 1 });
    expect(result.total).toBe(10);
    expect(result.counts).toEqual({ agree: 8, disagree: 1, pass: 1 });
    expect(result.agreeShare).toBe(0.8);
    expect(result.agreeInterval?.low).toBeCloseTo(0.4902, digits);
    expect(result.agreeInterval?.high).toBeCloseTo(0.9433, digits);
  });

  it("3 agree, 2 disagree, 2 pass → 3/7 = 42.86 % agree, [0.1582, 0.7495]", () => {
    const result = summarizeVotes({ agree: 3, disagree: 2, pass: 2 });
    expect(result.total).toBe(7);
    expect(result.agreeShare).toBeCloseTo(0.428571, 6);
    expect(result.agreeInterval?.low).toBeCloseTo(0.1582, digits);
    expect(result.agreeInterval?.high).toBeCloseTo(0.7495, digits);
  });

  it("nobody agreeing: 0 of 10 → share 0, [0, 0.2775]", () => {
    const result = summarizeVotes({ agree: 0, disagree: 6, pass: 4 });
    expect(result.agreeShare).toBe(0);
    expect(result.agreeInterval).toEqual({ low: 0, high: expect.closeTo(0.2775, digits) });
  });

  it("no votes at all: no share and no interval", () => {
    expect(summarizeVotes({ agree: 0, disagree: 0, pass: 0 })).toEqual({
      counts: { agree: 0, disagree: 0, pass: 0 },
      total: 0,
      agreeShare: null,
      agreeInterval: null,
    });
  });
});

describe("resultsVisibleTo", () => {
  const visibilities: ResultsVisibility[] = ["always", "after_vote", "after_close"];
  const closedPhases = new Set(["closed", "summarising", "published"]);

  /** The rule as people would state it, independent of how the function is written. */
  function expected(visibility: ResultsVisibility, phase: string, hasVoted: boolean): boolean {
    switch (visibility) {
      case "always":
        return true;
      case "after_vote":
        return hasVoted || closedPhases.has(phase);
      case "after_close":
        return closedPhases.has(phase);
    }
  }

  const cases = visibilities.flatMap((visibility) =>
    consultationPhase.enumValues.flatMap((phase) =>
      [false, true].map((hasVoted) => ({
        visibility,
        phase,
        hasVoted,
        visible: expected(visibility, phase, hasVoted),
      })),
    ),
  );

  it("covers every visibility × phase × voted combination", () => {
    expect(cases).toHaveLength(3 * 5 * 2);
  });

  it.each(cases)(
    "$visibility, $phase, voted: $hasVoted → visible: $visible",
    ({ visibility, phase, hasVoted, visible }) => {
      expect(resultsVisibleTo(visibility, { phase, hasVoted })).toBe(visible);
    },
  );

  it("spells out the cases that matter", () => {
    expect(resultsVisibleTo("after_vote", { phase: "open", hasVoted: false })).toBe(false);
    expect(resultsVisibleTo("after_vote", { phase: "open", hasVoted: true })).toBe(true);
    expect(resultsVisibleTo("after_vote", { phase: "closed", hasVoted: false })).toBe(true);
    expect(resultsVisibleTo("after_close", { phase: "open", hasVoted: true })).toBe(false);
    expect(resultsVisibleTo("after_close", { phase: "published", hasVoted: false })).toBe(true);
    expect(resultsVisibleTo("always", { phase: "open", hasVoted: false })).toBe(true);
  });
});
