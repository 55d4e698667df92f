import { describe, expect, it } from "vitest";
import { regionalEconomicCommunities } from "~db/vocabulary";
import { auMemberStates, auRegionOf, auRegions, communitiesOf } from "~/reports/african-regions";

describe("African Union regions and regional economic communities", () => {
  it("maps all 55 AU member states, each to one of the five regions", () => {
    const codes = Object.keys(auMemberStates);
    expect(codes).toHaveLength(55);
    expect(new Set(codes).size).toBe(55);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(auRegions).toContain(auRegionOf(code));
    }
  });

  it("has the AU's regional sizes", () => {
    const sizes = Object.fromEntries(
      auRegions.map((r) => [r, Object.values(auMemberStates).filter((s) => s.region === r).length]),
    );
    expect(sizes).toEqual({ northern: 7, western: 15, central: 9, eastern: 14, southern: 10 });
  });

  it("only names known communities, without repeats", () => {
    for (const [code, s] of Object.entries(auMemberStates)) {
      expect(new Set(s.communities).size, code).toBe(s.communities.length);
      for (const rec of s.communities) expect(regionalEconomicCommunities, code).toContain(rec);
    }
    for (const rec of regionalEconomicCommunities) {
      expect(
        Object.values(auMemberStates).some((s) => s.communities.includes(rec)),
        rec,
      ).toBe(true);
    }
  });

  it("knows some memberships and nothing outside the AU", () => {
    expect(communitiesOf("ke")).toEqual(expect.arrayContaining(["EAC", "IGAD", "COMESA"]));
    expect(communitiesOf("NG")).toContain("ECOWAS");
    expect(communitiesOf("ZA")).toEqual(["SADC"]);
    expect(auRegionOf("FR")).toBeNull();
    expect(auRegionOf(null)).toBeNull();
    expect(communitiesOf("FR")).toEqual([]);
  });
});
