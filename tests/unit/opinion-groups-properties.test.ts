/**
 * Properties of the opinion-group method on generated vote matrices (issue #19): the groups do
 * not depend on the seed or on the order of the votes, hold still when a few votes are added, and
 * no group is smaller than the minimum size.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeOpinionGroups, type OpinionGroupsResult, type OpinionVote } from "~/opinion";
import { nextIndex, nextUnit, seededRandom } from "~/opinion/random";
import { agreement } from "../support/opinion";

type Vote = OpinionVote<string, number>;
type Found = Extract<OpinionGroupsResult<string, number>, { status: "ok" }>;

interface Shape {
  /** Planted opinion groups' sizes (one group: votes without structure). */
  readonly sizes: readonly number[];
  readonly statements: number;
  /** Chance that a participant votes on a statement. */
  readonly participation: number;
  /** Chance that a vote goes against the participant's group. */
  readonly noise: number;
  readonly seed: number;
}

const shapesOf = (minSize: number, maxNoise: number, minGroups = 1): fc.Arbitrary<Shape> =>
  fc.record({
    sizes: fc.array(fc.integer({ min: minSize, max: 60 }), { minLength: minGroups, maxLength: 4 }),
    statements: fc.integer({ min: 8, max: 40 }),
    participation: fc.double({ min: 0.4, max: 1, noNaN: true }),
    noise: fc.double({ min: 0, max: maxNoise, noNaN: true }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });

/** Any shape, down to groups of 3 and votes against one's group 30 % of the time. */
const shapes = shapesOf(3, 0.3);

/** Each planted group takes a random side on every statement; a tenth of the votes are passes. */
function generatedVotes(shape: Shape): Vote[] {
  const random = seededRandom(shape.seed);
  const sides = shape.sizes.map(() =>
    Array.from({ length: shape.statements }, () => (nextUnit(random) < 0.5 ? 1 : -1)),
  );
  const votes: Vote[] = [];
  let person = 0;
  shape.sizes.forEach((size, group) => {
    for (let m = 0; m < size; m++) {
      const participantId = `p${String(person++).padStart(3, "0")}`;
      for (let s = 0; s < shape.statements; s++) {
        if (nextUnit(random) >= shape.participation) continue;
        const roll = nextUnit(random);
        const side = roll < 0.1 ? 0 : roll < 0.1 + shape.noise ? -sides[group]![s]! : sides[group]![s]!;
        votes.push({ participantId, statementId: s + 1, value: side > 0 ? "agree" : side < 0 ? "disagree" : "pass" });
      }
    }
  });
  return votes;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = nextIndex(random, i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const groupOf = (result: Found) => new Map(result.points.map((point) => [point.participantId, point.group]));
const RUNS = { numRuns: 60, seed: 20261205 };

describe("opinion groups on generated vote matrices", () => {
  it("are the same for any seed: same number of groups, adjusted Rand index ≥ 0.9", () => {
    fc.assert(
      fc.property(shapes, fc.integer(), fc.integer(), (shape, first, second) => {
        const votes = generatedVotes(shape);
        const left = computeOpinionGroups(votes, { seed: first });
        const right = computeOpinionGroups(votes, { seed: second });
        expect(right.status).toBe(left.status);
        if (left.status !== "ok" || right.status !== "ok") return;
        expect(right.groups).toHaveLength(left.groups.length);
        expect(agreement(groupOf(left), groupOf(right))).toBeGreaterThanOrEqual(0.9);
      }),
      RUNS,
    );
  });

  it("have no group under the minimum size, and count everyone placed once", () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 5, max: 15 }), (shape, minGroupSize) => {
        const result = computeOpinionGroups(generatedVotes(shape), { minGroupSize });
        if (result.status !== "ok") return;
        expect(result.minGroupSize).toBe(minGroupSize);
        for (const group of result.groups) expect(group.members.length).toBeGreaterThanOrEqual(minGroupSize);
        const grouped = result.groups.flatMap((group) => group.members);
        expect(grouped.length + result.participantsUngrouped).toBe(result.participantsPlaced);
        expect(result.points.map((point) => point.participantId)).toEqual([...grouped].sort());
      }),
      RUNS,
    );
  });

  it("do not change when the votes are re-ordered", () => {
    fc.assert(
      fc.property(shapes, fc.integer(), (shape, order) => {
        const votes = generatedVotes(shape);
        expect(computeOpinionGroups(shuffled(votes, order))).toEqual(computeOpinionGroups(votes));
      }),
      { ...RUNS, numRuns: 30 },
    );
  });

  // Where there are groups to see: two to four planted groups of 15 or more who vote with their
  // group at least 4 times in 5. Votes without structure can be cut anywhere, and a few votes
  // may rightly tip such a cut in or out of the minimum size.
  it("hold still when a few votes are added to the previous groups' votes", () => {
    fc.assert(
      fc.property(shapesOf(15, 0.2, 2), fc.integer(), (shape, draw) => {
        const votes = shuffled(generatedVotes(shape), draw);
        const before = computeOpinionGroups(votes.slice(3));
        if (before.status !== "ok") return;
        const after = computeOpinionGroups(votes, { previousGroups: before.groups.map((group) => group.members) });
        if (after.status !== "ok") return;
        expect(after.groups).toHaveLength(before.groups.length);
        expect(agreement(groupOf(before), groupOf(after))).toBeGreaterThanOrEqual(0.9);
      }),
      RUNS,
    );
  });
});
