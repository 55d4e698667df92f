import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportOpinionGroupsSection } from "~/components/report/report-opinion-groups";
import { supportedLanguages } from "~/platform/i18n/config";
import { createI18nInstance } from "~/platform/i18n/i18n.server";
import { computeOpinionGroups, type OpinionVote } from "~/opinion";
import {
  GROUP_COLOURS,
  GROUP_SHAPES,
  groupDotPaths,
  mapScale,
  participantsStillNeeded,
  prominentAnswers,
  shownGroupSizes,
} from "~/opinion/opinion-map";
import {
  DEFAULT_RECOMPUTE_POLICY,
  evenSample,
  MAX_DRAWN_POINTS,
  needsRecompute,
  toStoredOpinionGroups,
  ungroupedParticipants,
} from "~/opinion/stored";
import type { ReportOpinionGroups } from "~/reports/report-model";
import { renderInLanguage } from "../support/render";
import { WITHHELD } from "~/reports/small-cells";

const frame = { width: 200, height: 100, padding: 10 };

describe("mapScale", () => {
  it("puts the origin at the centre, y upwards, one scale for both axes, as large as fits", () => {
    const place = mapScale(
      [
        [2, 0],
        [-1, 1],
      ],
      frame,
    );
    expect(place([0, 0])).toEqual({ x: 100, y: 50 });
    // x may reach 90 units from the centre (at 2: 45 per unit), y only 40 (at 1: 40 per unit): 40 wins.
    expect(place([2, 0])).toEqual({ x: 180, y: 50 });
    expect(place([-1, 1])).toEqual({ x: 60, y: 10 });
    expect(place([0, -1])).toEqual({ x: 100, y: 90 });
  });

  it("keeps every point inside the frame", () => {
    const points = Array.from({ length: 50 }, (_, i) => [Math.sin(i) * 7, Math.cos(i * 3) * 2] as const);
    const place = mapScale(points, frame);
    for (const point of points) {
      const { x, y } = place(point);
      expect(x).toBeGreaterThanOrEqual(frame.padding);
      expect(x).toBeLessThanOrEqual(frame.width - frame.padding);
      expect(y).toBeGreaterThanOrEqual(frame.padding);
      expect(y).toBeLessThanOrEqual(frame.height - frame.padding);
    }
  });

  it("draws everyone at the centre when all share one point, and a line of points across the frame", () => {
    expect(mapScale([[0, 0]], frame)([0, 0])).toEqual({ x: 100, y: 50 });
    expect(mapScale([[-3, 0]], frame)([3, 0])).toEqual({ x: 190, y: 50 });
  });
});

describe("group dots", () => {
  it("joins each group's dots into one path of its own shape", () => {
    const place = mapScale([[1, 1]], frame);
    const paths = groupDotPaths(
      [
        [1, 1, 0],
        [-1, -1, 1],
        [1, -1, 1],
      ],
      ["A", "B"],
      place,
    );
    expect(paths).toHaveLength(2);
    expect(paths[0]!.match(/M/g)).toHaveLength(1);
    expect(paths[0]).toContain("a3 3"); // circles for A
    expect(paths[1]!.match(/M/g)).toHaveLength(2);
    expect(paths[1]).toContain("h6v6h-6z"); // squares for B
  });

  it("gives every group its own colour and its own shape", () => {
    expect(new Set(Object.values(GROUP_COLOURS)).size).toBe(5);
    expect(new Set(Object.values(GROUP_SHAPES)).size).toBe(5);
  });
});

describe("prominentAnswers", () => {
  const categories = ["health-worker", "civil-society", "researcher"] as const;

  it("names the two largest shown answers when they make up at least half of the group", () => {
    expect(prominentAnswers(categories, [12, 20, 6], 38)).toEqual(["civil-society", "health-worker"]);
  });

  it("says nothing when the largest answers are not most of the group", () => {
    expect(prominentAnswers(categories, [6, 5, 6], 40)).toEqual([]);
  });

  it("never names a suppressed cell, nor anything when the group's total is suppressed", () => {
    expect(prominentAnswers(categories, [null, 9, null], 12)).toEqual(["civil-society"]);
    expect(prominentAnswers(categories, [9, 9, 9], null)).toEqual([]);
  });
});

describe("participantsStillNeeded", () => {
  it("counts how many more must be placed, never below zero", () => {
    expect(participantsStillNeeded({ participantsPlaced: 4, minParticipants: 10 })).toBe(6);
    expect(participantsStillNeeded({ participantsPlaced: 12, minParticipants: 10 })).toBe(0);
  });
});

describe("the stored form", () => {
  it("samples evenly and deterministically", () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(evenSample(items, 4)).toEqual([0, 2, 5, 7]);
    expect(evenSample(items, 20)).toEqual(items);
  });

  it("keeps members apart from the summary and caps the points drawn", () => {
    const votes: OpinionVote<string, number>[] = [];
    for (let p = 0; p < 2500; p++) {
      for (let s = 0; s < 8; s++) {
        const agrees = s < 4 === (p % 3 === 0);
        votes.push({ participantId: `u${p}`, statementId: s, value: agrees ? "agree" : "disagree" });
      }
    }
    const result = computeOpinionGroups(votes);
    const stored = toStoredOpinionGroups(result, { minParticipants: 10, latestVoteAt: new Date(0) });
    if (stored.status !== "ok") throw new Error("expected groups");
    expect(stored.points).toHaveLength(MAX_DRAWN_POINTS);
    expect(stored.groups.map((g) => g.size).reduce((a, b) => a + b, 0)).toBe(2500);
    expect(Object.values(stored.members).flat()).toHaveLength(2500);
    const { members: _, ...summary } = stored;
    expect(JSON.stringify(summary)).not.toContain('"u');
    expect(stored.latestVoteAt).toBe("1970-01-01T00:00:00.000Z");
  });
});

describe("needsRecompute", () => {
  const computedAt = new Date("2026-01-01T12:00:00Z");
  const stored = { computedAt, voteCount: 1000, latestVoteAt: new Date("2026-01-01T11:59:00Z") };
  const later = (minutes: number) => new Date(computedAt.getTime() + minutes * 60_000);

  it("computes when nothing is stored", () => {
    expect(needsRecompute(null, { voteCount: 0, latestVoteAt: null }, computedAt)).toBe(true);
  });

  it("never recomputes when nothing changed, however old", () => {
    expect(needsRecompute(stored, { voteCount: 1000, latestVoteAt: stored.latestVoteAt }, later(600))).toBe(false);
  });

  it("recomputes at once after 20 new votes, or 5 % more", () => {
    const policy = DEFAULT_RECOMPUTE_POLICY;
    expect(needsRecompute(stored, { voteCount: 1019, latestVoteAt: later(1) }, later(1), policy)).toBe(false);
    expect(needsRecompute(stored, { voteCount: 1020, latestVoteAt: later(1) }, later(1), policy)).toBe(true);
    const small = { ...stored, voteCount: 40 };
    expect(needsRecompute(small, { voteCount: 42, latestVoteAt: later(1) }, later(1), policy)).toBe(true);
    expect(needsRecompute(small, { voteCount: 41, latestVoteAt: later(1) }, later(1), policy)).toBe(false);
  });

  it("recomputes a changed vote once ten minutes have passed", () => {
    const changed = { voteCount: 1000, latestVoteAt: later(1) };
    expect(needsRecompute(stored, changed, later(9))).toBe(false);
    expect(needsRecompute(stored, changed, later(10))).toBe(true);
  });
});

describe("shownGroupSizes", () => {
  it("withholds a small group's size and share, and one more so that the total does not reveal it", () => {
    const { total, groups } = shownGroupSizes([40, 3, 30], 5);
    expect(total).toBe(73);
    expect(groups[1]).toEqual({ size: null, share: null });
    // The second is hidden only to protect the first: it is marked withheld, not "fewer than 5".
    expect(groups[2]).toEqual({ size: WITHHELD, share: null });
    for (const group of groups.filter((g) => typeof g.size === "number")) {
      expect(group.share).toBeCloseTo((group.size as number) / 73);
    }
  });

  it("shows every size when no group is small", () => {
    expect(shownGroupSizes([12, 8], 5).groups).toEqual([
      { size: 12, share: 0.6 },
      { size: 8, share: 0.4 },
    ]);
  });
});

describe("participants in no group", () => {
  const report: Extract<ReportOpinionGroups, { state: "ok" }> = {
    state: "ok",
    computedAt: "2026-12-05T01:00:00.000Z",
    voteCount: 216,
    participantsPlaced: 24,
    ungrouped: 3,
    minGroupSize: 5,
    groups: [
      { label: "A", size: 12, share: 12 / 27, representative: [] },
      { label: "B", size: 12, share: 12 / 27, representative: [] },
    ],
    consensus: [],
  };

  /** Text as React writes it into markup. */
  const asMarkup = (text: string) => renderToStaticMarkup(createElement(Fragment, null, text));

  it.each(supportedLanguages)("the report says how many and why, in %s", async (language) => {
    const html = await renderInLanguage(
      createElement(ReportOpinionGroupsSection, { groups: report, language, threshold: 5 }),
      language,
    );
    const i18n = await createI18nInstance(language);
    const sentence = i18n.t("opinion:ungrouped.sentence", { people: "3", min: "5", count: 3 });
    expect(sentence).not.toMatch(/\{\{|ungrouped\.sentence/);
    expect(html).toContain(asMarkup(sentence));
    const none = await renderInLanguage(
      createElement(ReportOpinionGroupsSection, { groups: { ...report, ungrouped: 0 }, language, threshold: 5 }),
      language,
    );
    expect(none).not.toContain(asMarkup(sentence));
  });

  it("stores how many and the minimum size; results stored before read as none left out", () => {
    const votes: OpinionVote<string, number>[] = [];
    for (let p = 0; p < 27; p++) {
      for (let s = 1; s <= 8; s++) {
        const side = p < 12 ? s <= 4 : p < 24 ? s > 4 : true;
        votes.push({
          participantId: `p${String(p).padStart(2, "0")}`,
          statementId: s,
          value: side ? "agree" : "disagree",
        });
      }
    }
    const stored = toStoredOpinionGroups(computeOpinionGroups(votes), { minParticipants: 10, latestVoteAt: null });
    if (stored.status !== "ok") throw new Error("expected groups");
    expect(stored.groups.map((group) => group.size)).toEqual([12, 12]);
    expect(ungroupedParticipants(stored, 7)).toEqual({ ungrouped: 3, minGroupSize: 5 });
    expect(stored.points).toHaveLength(24);
    // Their ids are kept apart, under a key that is no group's label, to tell each of them why.
    expect(stored.members.none).toEqual(["p24", "p25", "p26"]);
    const { participantsUngrouped: _, minGroupSize: __, ...before } = stored;
    expect(ungroupedParticipants(before, 7)).toEqual({ ungrouped: 0, minGroupSize: 7 });
  });
});
