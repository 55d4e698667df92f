import { describe, expect, it } from "vitest";
import { computeOpinionGroups, type OpinionGroupsResult, type OpinionVote, type OpinionVoteValue } from "~/opinion";
import { countGroupVotes } from "~/opinion/counts";
import { chooseClustering, silhouette } from "~/opinion/kmeans";
import { buildVoteMatrix, compareIds } from "~/opinion/matrix";
import { columnMeans, principalComponents, symmetricEigen } from "~/opinion/pca";
import { nextIndex, nextUnit, seededRandom, type Random } from "~/opinion/random";
import { twoProportionZ } from "~/opinion/representative";
import { adjustedRandIndex } from "../support/opinion";

type Vote = OpinionVote<string, number>;
type Found = Extract<OpinionGroupsResult<string, number>, { status: "ok" }>;

const CONSENSUS = 100;
const DIVIDING = 101;
const voteValue = (side: number): OpinionVoteValue => (side > 0 ? "agree" : side < 0 ? "disagree" : "pass");

/**
 * Three planted opinion groups of 60, 45 and 30 people on 30 statements. Statement 100 is agreed
 * by all, 101 by group 0 only; every other statement gets a side per group from patterns that
 * never set group 0 alone against both others, so 101 is the one that divides most. Each person
 * sees 80 % of the statements; 5 % of votes are flipped (the noise); five latecomers cast 3 votes.
 */
function plantedVotes(seed = 42): { votes: Vote[]; planted: Map<string, number> } {
  const random = seededRandom(seed);
  const patterns = [
    [1, 1, -1],
    [1, -1, 1],
    [-1, 1, -1],
    [-1, -1, 1],
    [-1, -1, -1],
  ];
  const sides = [[1, 1, 1], [1, -1, -1], ...Array.from({ length: 28 }, () => patterns[nextIndex(random, 5)]!)];
  const votes: Vote[] = [];
  const planted = new Map<string, number>();
  let person = 0;
  [60, 45, 30].forEach((size, group) => {
    for (let m = 0; m < size; m++) {
      const participantId = `p${String(person++).padStart(3, "0")}`;
      planted.set(participantId, group);
      sides.forEach((side, s) => {
        if (nextUnit(random) >= 0.8) return;
        const flipped = nextUnit(random) < 0.05 ? -side[group]! : side[group]!;
        votes.push({ participantId, statementId: CONSENSUS + s, value: voteValue(flipped) });
      });
    }
  });
  for (let late = 0; late < 5; late++) {
    for (let s = 0; s < 3; s++) votes.push({ participantId: `late${late}`, statementId: 110 + s, value: "agree" });
  }
  return { votes, planted };
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = nextIndex(random, i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

function found(result: OpinionGroupsResult<string, number>): Found {
  if (result.status !== "ok") throw new Error(`expected groups, got ${result.status}`);
  return result;
}

/** `count` participants casting the same `value` on each of `statements`. */
function unanimous(count: number, statements: number[], value: OpinionVoteValue): Vote[] {
  return Array.from({ length: count }, (_, p) =>
    statements.map((statementId) => ({ participantId: `p${p}`, statementId, value })),
  ).flat();
}

describe("computeOpinionGroups on planted opinion groups", () => {
  const { votes, planted } = plantedVotes();
  const result = found(computeOpinionGroups(votes));

  it("recovers the three groups (adjusted Rand index ≥ 0.9)", () => {
    expect(result.groups).toHaveLength(3);
    const ids = result.points.map((point) => point.participantId);
    const ari = adjustedRandIndex(
      ids.map((id) => String(planted.get(id))),
      result.points.map((point) => point.group),
    );
    expect(ari).toBeGreaterThanOrEqual(0.9);
  });

  it("labels groups by size, largest first", () => {
    expect(result.groups.map((group) => group.label)).toEqual(["A", "B", "C"]);
    const sizes = result.groups.map((group) => group.members.length);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
  });

  it("places only participants with at least 7 votes", () => {
    expect(result.minVotes).toBe(7);
    expect(result.participantsTotal).toBe(140);
    expect(result.participantsPlaced).toBe(135);
    expect(result.points.some((point) => point.participantId.startsWith("late"))).toBe(false);
    expect(result.groups.flatMap((group) => group.members)).toHaveLength(135);
  });

  it("ranks the statement everyone agrees with first in consensus", () => {
    expect(result.consensus[0]?.statementId).toBe(CONSENSUS);
    for (const share of result.consensus[0]!.agreeInGroups) expect(share).toBeGreaterThan(0.8);
  });

  it("puts the dividing statement first among its group's representative statements", () => {
    // The group holding most of planted group 0 (the one the dividing statement was planted for).
    const fromGroup0 = (group: (typeof result.groups)[number]) => group.members.filter((id) => planted.get(id) === 0);
    const home = [...result.groups].sort((a, b) => fromGroup0(b).length - fromGroup0(a).length)[0]!;
    expect(fromGroup0(home).length).toBeGreaterThan(home.members.length * 0.9);
    const first = home.representative[0]!;
    expect(first).toMatchObject({ statementId: DIVIDING, direction: "agree" });
    expect(first.agreeInGroup).toBeGreaterThan(0.8);
    expect(first.agreeElsewhere).toBeLessThan(0.2);
    expect(first.z).toBeGreaterThan(1.645);
  });

  it("keeps only significant representative statements, each group's own", () => {
    for (const group of result.groups) {
      for (const statement of group.representative) {
        expect(statement.z).toBeGreaterThan(1.645);
        const inGroup = statement.direction === "agree" ? statement.agreeInGroup : statement.disagreeInGroup;
        const elsewhere = statement.direction === "agree" ? statement.agreeElsewhere : statement.disagreeElsewhere;
        expect(inGroup).toBeGreaterThan(elsewhere);
      }
    }
  });

  it("gives each point its group's label and each group its members' centroid", () => {
    for (const group of result.groups) {
      const members = result.points.filter((point) => point.group === group.label);
      expect(members.map((point) => point.participantId)).toEqual(group.members);
      const mean = (axis: "x" | "y") => members.reduce((sum, point) => sum + point[axis], 0) / members.length;
      expect(group.centroid[0]).toBeCloseTo(mean("x"), 9);
      expect(group.centroid[1]).toBeCloseTo(mean("y"), 9);
    }
  });

  it("explains most of the variance with the two axes (3 groups span a plane)", () => {
    expect(result.varianceExplained[0]).toBeGreaterThan(result.varianceExplained[1]);
    expect(result.varianceExplained[0] + result.varianceExplained[1]).toBeGreaterThan(0.5);
  });
});

describe("determinism", () => {
  const { votes } = plantedVotes(7);

  it("gives the same output for the same input, labels included", () => {
    expect(computeOpinionGroups(votes)).toEqual(computeOpinionGroups(votes));
  });

  it("gives the same output whatever the order of the votes", () => {
    const reference = computeOpinionGroups(votes);
    for (const seed of [1, 2, 3]) {
      expect(computeOpinionGroups(shuffled(votes, seededRandom(seed)))).toEqual(reference);
    }
  });

  it("does not depend on the order of the given statement ids", () => {
    const ids = Array.from({ length: 30 }, (_, s) => CONSENSUS + s);
    expect(computeOpinionGroups(votes, { statementIds: [...ids].reverse() })).toEqual(
      computeOpinionGroups(votes, { statementIds: ids }),
    );
  });
});

describe("too few participants", () => {
  it("says so instead of drawing noise", () => {
    const { votes } = plantedVotes();
    const nine = votes.filter((vote) =>
      ["p000", "p001", "p002", "p070", "p071", "p072", "p120", "p121", "p122"].includes(vote.participantId),
    );
    expect(computeOpinionGroups(nine)).toEqual({
      status: "too-few-participants",
      participantsPlaced: 9,
      participantsTotal: 9,
      statementsTotal: 30,
      votesCounted: nine.length,
      minVotes: 7,
      minParticipants: 10,
    });
  });

  it("counts only participants with enough votes: 50 voted, 3 of them 7 times", () => {
    const sixEach = unanimous(50, [1, 2, 3, 4, 5, 6], "agree");
    const votes = [...sixEach, ...unanimous(3, [7], "agree")];
    const result = computeOpinionGroups(votes, { statementIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    expect(result).toMatchObject({ status: "too-few-participants", participantsPlaced: 3, participantsTotal: 50 });
  });

  it("has nothing to show without votes", () => {
    expect(computeOpinionGroups([])).toMatchObject({ status: "too-few-participants", participantsTotal: 0 });
  });

  it("honours a custom minimum of participants", () => {
    const votes = unanimous(12, [1, 2, 3, 4, 5, 6, 7], "agree");
    expect(computeOpinionGroups(votes, { minParticipants: 20 }).status).toBe("too-few-participants");
    expect(computeOpinionGroups(votes, { minParticipants: 12 }).status).toBe("ok");
  });
});

describe("edge cases", () => {
  it("all agree on everything: one group, every statement consensus", () => {
    const result = found(computeOpinionGroups(unanimous(20, [1, 2, 3, 4, 5, 6, 7, 8], "agree")));
    expect(result.groups).toHaveLength(1);
    expect(result.groups[0]).toMatchObject({ label: "A", representative: [] });
    expect(result.groups[0]!.members).toHaveLength(20);
    expect(result.silhouette).toBeNull();
    expect(result.consensus.map((statement) => statement.statementId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.points.every((point) => point.x === 0 && point.y === 0 && point.group === "A")).toBe(true);
  });

  it("a single statement: one vote places a participant, and the map splits agree from disagree", () => {
    const votes: Vote[] = Array.from({ length: 15 }, (_, p) => ({
      participantId: `p${String(p).padStart(2, "0")}`,
      statementId: 1,
      value: p < 10 ? "agree" : "disagree",
    }));
    const result = found(computeOpinionGroups(votes));
    expect(result.minVotes).toBe(1);
    expect(result.participantsPlaced).toBe(15);
    expect(result.groups.map((group) => group.members.length)).toEqual([10, 5]);
    expect(result.groups[0]!.members.every((id) => Number(id.slice(1)) < 10)).toBe(true);
    expect(result.groups[0]!.representative[0]).toMatchObject({ statementId: 1, direction: "agree" });
    expect(result.groups[1]!.representative[0]).toMatchObject({ statementId: 1, direction: "disagree" });
    expect(result.consensus).toEqual([]);
  });

  it("passes only: everyone placed in one group, no consensus", () => {
    const result = found(computeOpinionGroups(unanimous(12, [1, 2, 3, 4, 5, 6, 7], "pass")));
    expect(result.participantsPlaced).toBe(12);
    expect(result.groups).toHaveLength(1);
    expect(result.consensus).toEqual([]);
    expect(result.varianceExplained).toEqual([0, 0]);
  });

  it("ignores votes on statements outside the given list", () => {
    const votes = [...unanimous(12, [1, 2, 3], "agree"), ...unanimous(12, [99], "disagree")];
    const result = found(computeOpinionGroups(votes, { statementIds: [1, 2, 3] }));
    expect(result.statementsTotal).toBe(3);
    expect(result.minVotes).toBe(3);
    expect(result.votesCounted).toBe(36);
  });

  it("rejects two votes by one participant on one statement", () => {
    const votes: Vote[] = [
      { participantId: "a", statementId: 1, value: "agree" },
      { participantId: "a", statementId: 1, value: "disagree" },
    ];
    expect(() => computeOpinionGroups(votes)).toThrow(/Two votes by participant a on statement 1/);
  });

  it("never uses more groups than asked for", () => {
    const result = found(computeOpinionGroups(plantedVotes().votes, { maxGroups: 2 }));
    expect(result.groups).toHaveLength(2);
  });
});

describe("building blocks", () => {
  it("orders ids numbers first, then strings by code unit", () => {
    expect([10, "b", 2, "B", "a"].sort(compareIds)).toEqual([2, 10, "B", "a", "b"]);
  });

  it("stores the matrix sparse, rows by participant id and columns ascending", () => {
    const matrix = buildVoteMatrix<string, number>([
      { participantId: "b", statementId: 30, value: "agree" },
      { participantId: "a", statementId: 20, value: "pass" },
      { participantId: "b", statementId: 10, value: "disagree" },
    ]);
    expect(matrix.participantIds).toEqual(["a", "b"]);
    expect(matrix.statementIds).toEqual([10, 20, 30]);
    expect([...matrix.rowStart]).toEqual([0, 1, 3]);
    expect([...matrix.column]).toEqual([1, 0, 2]);
    expect([...matrix.value]).toEqual([0, -1, 1]);
  });

  it("two-proportion z with add-one smoothing: 9 of 10 against 1 of 10", () => {
    // Smoothed shares 10/12 and 2/12; pooled 12/24 = 0.5;
    // SE = √(0.25 · (1/12 + 1/12)) = √(1/24) = 0.204124; z = (0.666667) / 0.204124 = 3.265986
    expect(twoProportionZ(9, 10, 1, 10)).toBeCloseTo(3.265986, 5);
    expect(twoProportionZ(5, 10, 5, 10)).toBe(0);
  });

  it("finds the same top components as a dense eigen-decomposition of the covariance", () => {
    const random = seededRandom(3);
    const votes: Vote[] = [];
    for (let p = 0; p < 40; p++) {
      for (let s = 0; s < 6; s++) {
        if (nextUnit(random) < 0.3) continue;
        const lean = p % 2 === 0 ? 1 : -1;
        votes.push({
          participantId: `p${p}`,
          statementId: s,
          value: voteValue(nextUnit(random) < 0.7 ? lean * (s < 3 ? 1 : -1) : nextIndex(random, 3) - 1),
        });
      }
    }
    const matrix = buildVoteMatrix(votes);
    const rows = Int32Array.from(matrix.participantIds, (_, i) => i);
    const means = columnMeans(matrix, rows);
    const pca = principalComponents(matrix, rows, means);
    // The dense covariance, built the obvious way.
    const n = matrix.statementIds.length;
    const covariance = new Float64Array(n * n);
    for (const i of rows) {
      const row = new Float64Array(n);
      for (let e = matrix.rowStart[i]!; e < matrix.rowStart[i + 1]!; e++) {
        if (matrix.value[e] !== 0) row[matrix.column[e]!] = matrix.value[e]! - means[matrix.column[e]!]!;
      }
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++) covariance[a * n + b]! += (row[a]! * row[b]!) / rows.length;
    }
    const dense = symmetricEigen(covariance, n);
    for (const t of [0, 1]) {
      expect(pca.variances[t]).toBeCloseTo(dense.values[t]!, 6);
      const dot = pca.components[t]!.reduce((sum, value, j) => sum + value * dense.vectors[j * n + t]!, 0);
      expect(Math.abs(dot)).toBeCloseTo(1, 6);
    }
  });

  it("chooses k by the silhouette: four tight clusters give k = 4", () => {
    const random = seededRandom(5);
    const centres = [
      [0, 0],
      [10, 0],
      [0, 10],
      [10, 10],
    ];
    const xs = Float64Array.from({ length: 200 }, (_, i) => centres[i % 4]![0]! + nextUnit(random));
    const ys = Float64Array.from({ length: 200 }, (_, i) => centres[i % 4]![1]! + nextUnit(random));
    const clustering = chooseClustering({ xs, ys })!;
    expect(clustering.k).toBe(4);
    expect(clustering.silhouette).toBeGreaterThan(0.8);
    const all = Int32Array.from({ length: 200 }, (_, i) => i);
    expect(silhouette({ xs, ys }, clustering.assignment, 4, all)).toBe(clustering.silhouette);
  });

  it("counts votes per group, passes included in the votes", () => {
    const matrix = buildVoteMatrix<string, number>([
      { participantId: "a", statementId: 1, value: "agree" },
      { participantId: "b", statementId: 1, value: "pass" },
      { participantId: "c", statementId: 1, value: "disagree" },
    ]);
    const counts = countGroupVotes(matrix, Int32Array.of(0, 1, 2), Int32Array.of(0, 0, 1), 2);
    expect([...counts.agree, ...counts.disagree, ...counts.votes]).toEqual([1, 0, 0, 1, 2, 1]);
  });
});
