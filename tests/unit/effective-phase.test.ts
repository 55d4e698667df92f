import { describe, expect, it } from "vitest";
import { effectivePhase } from "~/consultations/consultations.server";

const opensAt = new Date("2026-10-01T00:00:00Z");
const closesAt = new Date("2026-12-01T00:00:00Z");

describe("effectivePhase: the clock moves an open consultation", () => {
  it.each([
    ["2026-09-30T23:59:59Z", "draft"],
    ["2026-10-01T00:00:00Z", "open"],
    ["2026-11-30T23:59:59Z", "open"],
    ["2026-12-01T00:00:00Z", "closed"],
  ] as const)("at %s an 'open' consultation is %s", (now, expected) => {
    expect(effectivePhase({ phase: "open", opensAt, closesAt }, new Date(now))).toBe(expected);
  });

  it("leaves every phase staff set by hand alone", () => {
    const late = new Date("2027-01-01T00:00:00Z");
    for (const phase of ["draft", "closed", "summarising", "published"] as const) {
      expect(effectivePhase({ phase, opensAt, closesAt }, late)).toBe(phase);
    }
  });

  it("keeps a consultation without dates open", () => {
    expect(effectivePhase({ phase: "open", opensAt: null, closesAt: null })).toBe("open");
  });
});
