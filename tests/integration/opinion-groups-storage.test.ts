/**
 * Opinion groups stored and kept current (app/opinion/opinion-groups.server.ts), and the opinion
 * map section the consultation page loads from them. Runs on PGlite and on PostgreSQL alike.
 */
import { eq } from "drizzle-orm";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { backgroundJobs } from "~/platform/jobs/jobs.server";
import { jobNames } from "~/platform/jobs/names";
import { startJobRunner } from "~/platform/jobs/runner.server";
import {
  findOwnOpinionGroup,
  loadOpinionGroups,
  recomputeOpinionGroups,
  recomputeStaleOpinionGroups,
} from "~/opinion/opinion-groups.server";
import type { OpinionMapSection } from "~/opinion/opinion-map.server";
import { loader } from "~/routes/c+/$slug+/index";
import { opinionGroupsResult, profile, user, vote, type VoteValue } from "~db/schema";
import type { StakeholderGroup } from "~db/vocabulary";
import { call, signUpMember } from "../support/actions";
import { createConsultation, createPriority, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

type Fixture = Awaited<ReturnType<typeof createConsultation>>;

/** Two camps: the first agrees with the first half of the priorities and disagrees with the rest, the second the reverse. */
function campVote(camp: 0 | 1, index: number, count: number): VoteValue {
  const firstHalf = index < count / 2;
  return firstHalf === (camp === 0) ? "agree" : "disagree";
}

async function castCampVotes(
  database: Database,
  consultationId: number,
  priorityIds: number[],
  userIds: string[],
  camp: 0 | 1,
) {
  const rows = userIds.flatMap((userId) =>
    priorityIds.map((priorityId, index) => ({
      consultationId,
      priorityId,
      userId,
      value: campVote(camp, index, priorityIds.length),
    })),
  );
  if (rows.length > 0) await database.insert(vote).values(rows);
}

async function giveProfiles(userIds: string[], stakeholderGroup: StakeholderGroup, statsConsent: boolean) {
  await db()
    .insert(profile)
    .values(userIds.map((userId) => ({ userId, stakeholderGroup, country: "KE", statsConsent })));
}

async function storedRow(consultationId: number) {
  const [row] = await db()
    .select()
    .from(opinionGroupsResult)
    .where(eq(opinionGroupsResult.consultationId, consultationId));
  return row;
}

const minutes = (n: number) => new Date(Date.now() + n * 60_000);

describe("storing and recomputing", () => {
  let consultation: Fixture;
  let hiddenPriorityId: number;
  let pendingPriorityId: number;
  let consented: string[];
  let unconsented: string[];
  let secondCamp: string[];

  beforeAll(async () => {
    consultation = await createConsultation(db(), {}, 8);
    hiddenPriorityId = await createPriority(db(), consultation.id, "hidden", 9);
    pendingPriorityId = await createPriority(db(), consultation.id, "pending", 10);
    consented = await createUsers(db(), 12);
    unconsented = await createUsers(db(), 3);
    secondCamp = await createUsers(db(), 12);
    await giveProfiles(consented.slice(0, 5), "civil-society", true);
    await giveProfiles(consented.slice(5), "health-worker", true);
    await giveProfiles(unconsented, "manufacturer", false);
    await giveProfiles(secondCamp.slice(0, 6), "civil-society", true);
    await giveProfiles(secondCamp.slice(6), "health-worker", true);
    for (const priorityIds of [consultation.priorityIds, [hiddenPriorityId, pendingPriorityId]]) {
      await castCampVotes(db(), consultation.id, priorityIds, [...consented, ...unconsented], 0);
      await castCampVotes(db(), consultation.id, priorityIds, secondCamp, 1);
    }
  });

  it("stores the result with the vote count it came from, counting only votes on approved priorities", async () => {
    expect(await recomputeOpinionGroups(db(), consultation.id)).toBe("computed");
    const row = await storedRow(consultation.id);
    expect(row?.voteCount).toBe(27 * 8);
    expect(row?.participantCount).toBe(27);
    const view = await loadOpinionGroups(db(), consultation.id);
    expect(view?.voteCount).toBe(27 * 8);
    expect(view?.summary.status).toBe("ok");
    if (view?.summary.status !== "ok") return;
    expect(view.summary.groups.map((g) => g.size)).toEqual([15, 12]);
    // The view is what pages and reports read: plain JSON, without member ids.
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    for (const id of [...consented, ...secondCamp]) expect(JSON.stringify(view)).not.toContain(id);
  });

  it("never takes hidden or pending priorities as statements", async () => {
    const view = await loadOpinionGroups(db(), consultation.id);
    if (view?.summary.status !== "ok") throw new Error("expected groups");
    const statementIds = [
      ...view.summary.groups.flatMap((g) => g.representative.map((r) => r.priorityId)),
      ...view.summary.consensus.map((c) => c.priorityId),
    ];
    expect(statementIds.length).toBeGreaterThan(0);
    expect(statementIds).not.toContain(hiddenPriorityId);
    expect(statementIds).not.toContain(pendingPriorityId);
    expect(view.summary.statementsTotal).toBe(8);
  });

  it("counts in the composition only members who consented, under the small-cell rule", async () => {
    const view = await loadOpinionGroups(db(), consultation.id);
    const { stakeholderGroups, countries } = view!.composition;
    expect(stakeholderGroups.categories).toEqual(["civil-society", "health-worker"]);
    expect(stakeholderGroups.categories).not.toContain("manufacturer");
    // Group A has 15 members, 3 of whom did not consent; group B 12.
    expect(stakeholderGroups.table.cells).toEqual([
      [5, 7],
      [6, 6],
    ]);
    expect(stakeholderGroups.table.rowTotals).toEqual([12, 12]);
    expect(countries.categories).toEqual(["KE"]);
    expect(countries.table.cells).toEqual([[12], [12]]);
  });

  it("tells each member their group, and nobody outside the groups", async () => {
    expect(await findOwnOpinionGroup(db(), consultation.id, consented[0]!)).toBe("A");
    expect(await findOwnOpinionGroup(db(), consultation.id, secondCamp[0]!)).toBe("B");
    const [outsider] = await createUsers(db(), 1);
    expect(await findOwnOpinionGroup(db(), consultation.id, outsider!)).toBeNull();
  });

  it("does not recompute when nothing changed", async () => {
    const before = await storedRow(consultation.id);
    expect(await recomputeOpinionGroups(db(), consultation.id)).toBe("unchanged");
    const stale = await recomputeStaleOpinionGroups(db(), minutes(60));
    expect(stale.filter((s) => s.consultationId === consultation.id)).toEqual([]);
    expect((await storedRow(consultation.id))?.computedAt).toEqual(before?.computedAt);
  });

  it("waits with a few changed votes until enough time has passed", async () => {
    await db().update(vote).set({ value: "pass", updatedAt: new Date() }).where(eq(vote.userId, secondCamp[0]!));
    const soon = await recomputeStaleOpinionGroups(db(), new Date());
    expect(soon.filter((s) => s.consultationId === consultation.id)).toEqual([]);
    const later = await recomputeStaleOpinionGroups(db(), minutes(11));
    expect(later.filter((s) => s.consultationId === consultation.id)).toEqual([
      { consultationId: consultation.id, outcome: "computed" },
    ]);
  });

  it("recomputes at once when enough new votes arrived", async () => {
    const newcomers = await createUsers(db(), 3);
    await castCampVotes(db(), consultation.id, consultation.priorityIds, newcomers, 1);
    const outcomes = await recomputeStaleOpinionGroups(db(), new Date());
    expect(outcomes.filter((s) => s.consultationId === consultation.id)).toEqual([
      { consultationId: consultation.id, outcome: "computed" },
    ]);
    expect((await storedRow(consultation.id))?.voteCount).toBe(30 * 8);
    const campGroup = await findOwnOpinionGroup(db(), consultation.id, secondCamp[1]!);
    expect(await findOwnOpinionGroup(db(), consultation.id, newcomers[0]!)).toBe(campGroup);
  });

  it("runs one computation when two are asked for at once", async () => {
    const [latecomer] = await createUsers(db(), 1);
    await castCampVotes(db(), consultation.id, consultation.priorityIds, [latecomer!], 0);
    const outcomes = await Promise.all([
      recomputeOpinionGroups(db(), consultation.id),
      recomputeOpinionGroups(db(), consultation.id),
    ]);
    expect(outcomes.filter((o) => o === "computed")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "busy" || o === "unchanged")).toHaveLength(1);
    expect((await storedRow(consultation.id))?.voteCount).toBe(31 * 8);
  });

  // Another app process on the same server is another session: only PostgreSQL has those, so this
  // exists in the PostgreSQL run only.
  (process.env.TEST_DB === "postgres" ? it : () => {})("gives up while another process computes", async () => {
    const [latecomer] = await createUsers(db(), 1);
    await castCampVotes(db(), consultation.id, consultation.priorityIds, [latecomer!], 1);
    const otherProcess = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await otherProcess.connect();
    try {
      await otherProcess.query("select pg_advisory_lock(727275, $1)", [consultation.id]);
      expect(await recomputeOpinionGroups(db(), consultation.id)).toBe("busy");
      await otherProcess.query("select pg_advisory_unlock(727275, $1)", [consultation.id]);
      expect(await recomputeOpinionGroups(db(), consultation.id)).toBe("computed");
    } finally {
      await otherProcess.end();
    }
  });
});

describe("groups never smaller than the small-cell threshold", () => {
  it("leaves a cluster under 5 out of every group, starts from the stored groups, and honours a larger threshold", async () => {
    const small = await createConsultation(db(), {}, 8);
    const [first, second, others] = [
      await createUsers(db(), 12),
      await createUsers(db(), 12),
      await createUsers(db(), 2),
    ];
    // One of the three set apart is signed in, to read what the page tells them.
    const { cookie, email } = await signUpMember("Set apart");
    const [member] = await db().select({ id: user.id }).from(user).where(eq(user.email, email));
    const apart = [member!.id, ...others];
    await castCampVotes(db(), small.id, small.priorityIds, first, 0);
    await castCampVotes(db(), small.id, small.priorityIds, second, 1);
    // Three people who agree with everything: far from both camps, too few to be a group.
    await db()
      .insert(vote)
      .values(
        apart.flatMap((userId) =>
          small.priorityIds.map((priorityId) => ({
            consultationId: small.id,
            priorityId,
            userId,
            value: "agree" as const,
          })),
        ),
      );

    expect(await recomputeOpinionGroups(db(), small.id)).toBe("computed");
    const view = await loadOpinionGroups(db(), small.id);
    if (view?.summary.status !== "ok") throw new Error("expected groups");
    expect(view.summary.groups.map((g) => g.size)).toEqual([12, 12]);
    expect(view.summary).toMatchObject({ participantsPlaced: 27, participantsUngrouped: 3, minGroupSize: 5 });
    expect(await findOwnOpinionGroup(db(), small.id, apart[0]!)).toBe("none");
    // The page says how many are in no group, tells one of them so, and draws only the grouped.
    const page = await call(loader, { path: `/c/${small.slug}`, params: { slug: small.slug }, cookie });
    const section = (page.body as { opinionMap: OpinionMapSection }).opinionMap;
    expect(section).toMatchObject({
      state: "ok",
      participantsPlaced: 27,
      ungrouped: 3,
      minGroupSize: 5,
      ownGroup: "none",
    });
    if (section.state === "ok") expect(section.drawing.drawn).toBe(24);
    const groupOfFirst = await findOwnOpinionGroup(db(), small.id, first[0]!);

    // A recomputation on the same votes (starting from the stored groups) keeps everyone in place.
    expect(await recomputeOpinionGroups(db(), small.id, { force: true })).toBe("computed");
    expect(await findOwnOpinionGroup(db(), small.id, first[0]!)).toBe(groupOfFirst);

    // With a threshold of 13 neither camp can be a group of its own: one group of everyone.
    expect(await recomputeOpinionGroups(db(), small.id, { force: true, smallCellThreshold: 13 })).toBe("computed");
    const strict = await loadOpinionGroups(db(), small.id);
    if (strict?.summary.status !== "ok") throw new Error("expected groups");
    expect(strict.summary.groups.map((g) => g.size)).toEqual([27]);
    expect(strict.summary).toMatchObject({ participantsUngrouped: 0, minGroupSize: 13, minParticipants: 13 });
  });
});

describe("too few participants", () => {
  it("stores the result as such, and the page says how many more are needed instead of drawing", async () => {
    const small = await createConsultation(db(), {}, 8);
    const voters = await createUsers(db(), 4);
    await castCampVotes(db(), small.id, small.priorityIds, voters.slice(0, 2), 0);
    await castCampVotes(db(), small.id, small.priorityIds, voters.slice(2), 1);

    const before = await call(loader, { path: `/c/${small.slug}`, params: { slug: small.slug } });
    expect((before.body as { opinionMap: OpinionMapSection }).opinionMap).toEqual({ state: "pending" });

    expect(await recomputeOpinionGroups(db(), small.id)).toBe("computed");
    const view = await loadOpinionGroups(db(), small.id);
    expect(view?.summary).toMatchObject({ status: "too-few-participants", participantsPlaced: 4, minParticipants: 10 });
    expect(view?.voteCount).toBe(32);

    const page = await call(loader, { path: `/c/${small.slug}`, params: { slug: small.slug } });
    expect((page.body as { opinionMap: OpinionMapSection }).opinionMap).toMatchObject({
      state: "too-few",
      needed: 6,
      placed: 4,
      voteCount: 32,
    });
  });
});

describe("the consultation page", () => {
  it("shows a signed-in member their group, the groups in words and the common ground, read from the stored result", async () => {
    const page = await createConsultation(db(), {}, 6);
    const { cookie, email } = await signUpMember("Opinion reader");
    const [member] = await db().select({ id: user.id }).from(user).where(eq(user.email, email));
    const firstCamp = await createUsers(db(), 7);
    const otherCamp = await createUsers(db(), 7);
    await castCampVotes(db(), page.id, page.priorityIds, [...firstCamp, member!.id], 0);
    await castCampVotes(db(), page.id, page.priorityIds, otherCamp, 1);
    await recomputeOpinionGroups(db(), page.id);

    const answer = await call(loader, { path: `/c/${page.slug}`, params: { slug: page.slug }, cookie });
    const section = (answer.body as { opinionMap: OpinionMapSection }).opinionMap;
    if (section.state !== "ok") throw new Error(`expected a map, got ${section.state}`);
    expect(section.ownGroup).toBe("A");
    expect(section.groups.map((g) => [g.label, g.size])).toEqual([
      ["A", 8],
      ["B", 7],
    ]);
    expect(section.groups[0]!.distinctive?.title.text).toMatch(/^Priority [1-6] \(approved\)$/);
    expect(section.drawing.drawn).toBe(15);

    const visitor = await call(loader, { path: `/c/${page.slug}`, params: { slug: page.slug } });
    expect(
      (visitor.body as { opinionMap: Extract<OpinionMapSection, { state: "ok" }> }).opinionMap.ownGroup,
    ).toBeNull();
  });

  it("hides the map until the reader has voted where results wait for a vote", async () => {
    const page = await createConsultation(db(), { resultsVisibility: "after_vote" }, 3);
    const answer = await call(loader, { path: `/c/${page.slug}`, params: { slug: page.slug } });
    expect((answer.body as { opinionMap: OpinionMapSection }).opinionMap).toEqual({
      state: "hidden",
      reason: "after-vote",
    });
  });
});

describe("the background worker", () => {
  it("computes a first result soon after it starts, and stops when asked", async () => {
    const fresh = await createConsultation(db(), {}, 7);
    const voters = await createUsers(db(), 10);
    await castCampVotes(db(), fresh.id, fresh.priorityIds, voters.slice(0, 5), 0);
    await castCampVotes(db(), fresh.id, fresh.priorityIds, voters.slice(5), 1);
    expect(await storedRow(fresh.id)).toBeUndefined();
    const opinionGroupsJob = backgroundJobs(db(), getEnv()).filter((job) => job.name === jobNames.opinionGroups);
    const runner = startJobRunner(db(), opinionGroupsJob, { firstDelayMs: 0 });
    try {
      await expect.poll(async () => (await storedRow(fresh.id))?.voteCount, { timeout: 15_000 }).toBe(70);
    } finally {
      await runner.stop();
    }
  });
});
