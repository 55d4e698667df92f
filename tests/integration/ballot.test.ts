/**
 * The points ballot through the consultation page's action and loader: stored, replaced, refused
 * (with the stored ballot untouched) and tallied.
 */
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "~/platform/db.server";
import { saveBallot, tallyBallot } from "~/participation/ballot.server";
import { action, loader } from "~/routes/c+/$slug+/index";
import { ballotAllocation, priority, suspension } from "~db/schema";
import { call, signUpMember } from "../support/actions";
import { createConsultation, createPriority, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

type Fixture = Awaited<ReturnType<typeof createConsultation>>;
let open: Fixture;
let other: Fixture;
let pendingPriorityId: number;

beforeAll(async () => {
  open = await createConsultation(db(), { ballotBudget: 10 }, 4);
  other = await createConsultation(db(), { ballotBudget: 10 }, 1);
  pendingPriorityId = await createPriority(db(), open.id, "pending", 99);
});

async function newMember(name = "Ballot member") {
  const { cookie, userId } = await signUpMember(name);
  return { cookie, userId: userId };
}

/** The form as the page posts it: one `points.<id>` field per priority. */
function ballotFields(points: Record<number, string | number>, extra: Record<string, string> = {}) {
  const fields: Record<string, string> = { intent: "ballot", ...extra };
  for (const [priorityId, value] of Object.entries(points)) fields[`points.${priorityId}`] = String(value);
  return fields;
}

function post(slug: string, fields: Record<string, string>, cookie?: string) {
  return call(action, { path: `/c/${slug}`, params: { slug }, fields, cookie });
}

/** Every ballot row, timestamps included: equal snapshots mean nothing was written. */
function allAllocations() {
  return db().select().from(ballotAllocation).orderBy(asc(ballotAllocation.userId), asc(ballotAllocation.priorityId));
}

async function ownAllocations(userId: string) {
  const rows = await db()
    .select({ priorityId: ballotAllocation.priorityId, points: ballotAllocation.points })
    .from(ballotAllocation)
    .where(eq(ballotAllocation.userId, userId))
    .orderBy(asc(ballotAllocation.priorityId));
  return Object.fromEntries(rows.map((row) => [row.priorityId, row.points]));
}

describe("saving a ballot", () => {
  let member: Awaited<ReturnType<typeof newMember>>;
  beforeAll(async () => {
    member = await newMember();
  });

  it("stores a valid ballot and answers with a redirect back to the ballot", async () => {
    const [a, b, c, d] = open.priorityIds as [number, number, number, number];
    const answer = await post(open.slug, ballotFields({ [a]: 6, [b]: 3, [c]: 1, [d]: "" }), member.cookie);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(`/c/${open.slug}#ballot`);
    expect(await ownAllocations(member.userId)).toEqual({ [a]: 6, [b]: 3, [c]: 1 });
  });

  it("replaces the whole ballot on a change (zero points leave no row), answering a fetcher with data", async () => {
    const [a, b, c, d] = open.priorityIds as [number, number, number, number];
    const answer = await post(
      open.slug,
      ballotFields({ [a]: 0, [b]: 2, [c]: 0, [d]: 7 }, { _fetcher: "1" }),
      member.cookie,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, result: { spent: 9 } });
    expect(await ownAllocations(member.userId)).toEqual({ [b]: 2, [d]: 7 });
  });

  it("takes exactly the budget, and an all-zero ballot withdraws it", async () => {
    const [a, b] = open.priorityIds as [number, number];
    const someone = await newMember();
    expect((await post(open.slug, ballotFields({ [a]: 10 }), someone.cookie)).status).toBe(302);
    expect(await ownAllocations(someone.userId)).toEqual({ [a]: 10 });
    expect((await post(open.slug, ballotFields({ [a]: 0, [b]: "" }), someone.cookie)).status).toBe(302);
    expect(await ownAllocations(someone.userId)).toEqual({});
  });

  it("keeps one of the ballots sent when one member saves twenty different ones at once", async () => {
    const [a, b, c] = open.priorityIds as [number, number, number];
    const [userId] = await createUsers(db(), 1);
    const ballots = Array.from({ length: 20 }, (_, i) => [
      { priorityId: [a, b, c][i % 3]!, points: 1 + (i % 10) },
      { priorityId: [b, c, a][i % 3]!, points: 10 - 1 - (i % 10) },
    ]);
    const results = await Promise.all(
      ballots.map((allocations) =>
        saveBallot(db(), { consultationId: open.id, userId: userId!, budget: 10, allocations }),
      ),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const stored = await ownAllocations(userId!);
    const asStored = (allocations: (typeof ballots)[number]) =>
      Object.fromEntries(allocations.filter((x) => x.points > 0).map((x) => [x.priorityId, x.points]));
    expect(ballots.map(asStored)).toContainEqual(stored);
  });
});

describe("refused ballots change nothing", () => {
  let member: Awaited<ReturnType<typeof newMember>>;
  let a: number, b: number;
  beforeAll(async () => {
    member = await newMember();
    [a, b] = open.priorityIds as [number, number];
    expect((await post(open.slug, ballotFields({ [a]: 4, [b]: 4 }), member.cookie)).status).toBe(302);
  });

  async function expectRefused(
    fields: Record<string, string>,
    status: number,
    expected: { formError: string; fieldErrors?: Record<string, string> },
    options: { slug?: string; cookie?: string | null } = {},
  ) {
    const before = await allAllocations();
    const cookie = options.cookie === null ? undefined : (options.cookie ?? member.cookie);
    const answer = await post(options.slug ?? open.slug, fields, cookie);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ ...expected, values: fields });
    expect(await allAllocations()).toEqual(before);
  }

  it("over the budget", async () => {
    await expectRefused(ballotFields({ [a]: 6, [b]: 5 }), 400, {
      formError: "ballot:errors.overBudget",
    });
    const answer = await post(open.slug, ballotFields({ [a]: 9, [b]: 9 }), member.cookie);
    expect(answer.body).toMatchObject({ formErrorValues: { budget: 10, total: 18 } });
  });

  it("absurdly over the budget", async () => {
    await expectRefused(ballotFields({ [a]: "9".repeat(400) }), 400, { formError: "ballot:errors.overBudget" });
  });

  it.each([
    ["negative", "-1"],
    ["fractional", "1.5"],
    ["non-numeric", "five"],
    ["in exponent notation", "1e1"],
    ["signed", "+3"],
  ])("%s points (%s), with the error beside that field", async (_case, value) => {
    await expectRefused(ballotFields({ [a]: value, [b]: 2 }), 400, {
      formError: "ballot:errors.checkFields",
      fieldErrors: { [`points.${a}`]: "ballot:errors.wholeNumber" },
    });
  });

  it.each([
    ["an unknown priority", () => 2_000_000_000],
    ["a priority id beyond any integer", () => "99999999999999"],
    ["another consultation's priority", () => other.priorityIds[0]!],
    ["a pending priority", () => pendingPriorityId],
    ["a tampered field name", () => "abc"],
  ])("%s", async (_case, id) => {
    await expectRefused({ intent: "ballot", [`points.${a}`]: "1", [`points.${id()}`]: "1" }, 404, {
      formError: "ballot:errors.unknownPriority",
    });
  });

  it("the same priority twice", async () => {
    const before = await allAllocations();
    const body = new URLSearchParams([
      ["intent", "ballot"],
      [`points.${a}`, "1"],
      [`points.${a}`, "2"],
    ]);
    const request = new Request(`http://localhost/c/${open.slug}`, {
      method: "POST",
      body,
      headers: { cookie: member.cookie },
    });
    const answer = (await action({ request, params: { slug: open.slug }, context: {} })) as { init: ResponseInit };
    expect(answer.init.status).toBe(404);
    expect(await allAllocations()).toEqual(before);
  });

  it("from a visitor", async () => {
    await expectRefused(ballotFields({ [a]: 1 }), 401, { formError: "participation:refusal.signIn" }, { cookie: null });
  });

  it("in a closed consultation", async () => {
    const closed = await createConsultation(db(), { ballotBudget: 10, phase: "closed" }, 1);
    await expectRefused(
      ballotFields({ [closed.priorityIds[0]!]: 1 }),
      403,
      { formError: "participation:refusal.notOpen" },
      { slug: closed.slug },
    );
  });

  it("in a draft consultation, which does not exist for members", async () => {
    const draft = await createConsultation(db(), { ballotBudget: 10, phase: "draft" }, 1);
    const before = await allAllocations();
    const answer = await post(draft.slug, ballotFields({ [draft.priorityIds[0]!]: 1 }), member.cookie);
    expect(answer.status).toBe(404);
    expect(await allAllocations()).toEqual(before);
  });

  it("in a consultation without a ballot", async () => {
    const noBallot = await createConsultation(db(), {}, 1);
    await expectRefused(
      ballotFields({ [noBallot.priorityIds[0]!]: 1 }),
      404,
      { formError: "ballot:errors.noBallot" },
      { slug: noBallot.slug },
    );
  });

  it("from a suspended member", async () => {
    const suspended = await newMember();
    await db().insert(suspension).values({ userId: suspended.userId, consultationId: open.id, reason: "Spam" });
    await expectRefused(
      ballotFields({ [a]: 1 }),
      403,
      { formError: "participation:refusal.suspended" },
      { cookie: suspended.cookie },
    );
  });

  it("too many times in a row (rate limit), with when to try again", async () => {
    const hasty = await newMember();
    for (let i = 0; i < 30; i++) {
      expect((await post(open.slug, ballotFields({ [a]: i % 10 }), hasty.cookie)).status).toBe(302);
    }
    const before = await allAllocations();
    const answer = await post(open.slug, ballotFields({ [a]: 5 }), hasty.cookie);
    expect(answer.status).toBe(429);
    expect(answer.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(answer.body).toMatchObject({ formError: "participation:errors.rateLimited" });
    expect(await allAllocations()).toEqual(before);
  });
});

describe("ballot results", () => {
  it("tally equal to an independent count, ignoring points on priorities no longer approved", async () => {
    const tallied = await createConsultation(db(), { ballotBudget: 10 }, 5);
    const ids = tallied.priorityIds;
    const members = await createUsers(db(), 40);
    for (const [index, userId] of members.entries()) {
      // A spread that differs by member, and a few members who give nothing.
      if (index % 7 === 0) continue;
      const allocations = [
        { priorityId: ids[index % 5]!, points: 1 + (index % 6) },
        { priorityId: ids[(index * 3 + 1) % 5]!, points: index % 4 },
      ].filter((x, i, all) => all.findIndex((y) => y.priorityId === x.priorityId) === i);
      const result = await saveBallot(db(), { consultationId: tallied.id, userId, budget: 10, allocations });
      expect(result.ok).toBe(true);
    }
    // Points given before a moderator hid this priority must drop out of the results.
    await db().update(priority).set({ status: "hidden" }).where(eq(priority.id, ids[4]!));

    const independent = await queryRows<{ id: number; points: number; members: number }>(
      db(),
      sql`select p.id,
                 (select coalesce(sum(points), 0) from ballot_allocation b where b.priority_id = p.id)::int as points,
                 (select count(*) from ballot_allocation b where b.priority_id = p.id and b.points > 0)::int as members
          from priority p
          where p.consultation_id = ${tallied.id} and p.status = 'approved'
          order by p.position`,
    );
    const [{ total, ballots } = { total: -1, ballots: -1 }] = await queryRows<{ total: number; ballots: number }>(
      db(),
      sql`select coalesce(sum(points), 0)::int as total, count(distinct user_id)::int as ballots
          from ballot_allocation
          where points > 0 and priority_id in (select id from priority where consultation_id = ${tallied.id} and status = 'approved')`,
    );

    const tally = await tallyBallot(db(), tallied.id);
    expect(tally.priorities.map((p) => ({ id: p.priorityId, points: p.points, members: p.members }))).toEqual(
      independent,
    );
    expect(tally.priorities).toHaveLength(4);
    expect(tally.totalPoints).toBe(total);
    expect(tally.ballots).toBe(ballots);
    for (const p of tally.priorities) expect(p.share).toBeCloseTo(p.points / total, 12);
    expect(tally.priorities.reduce((sum, p) => sum + (p.share ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it("with no points given: zero everywhere and no shares", async () => {
    const empty = await createConsultation(db(), { ballotBudget: 10 }, 2);
    const tally = await tallyBallot(db(), empty.id);
    expect(tally).toMatchObject({ totalPoints: 0, ballots: 0 });
    expect(tally.priorities.map((p) => [p.points, p.members, p.share])).toEqual([
      [0, 0, null],
      [0, 0, null],
    ]);
  });

  it("shown on the page after the member has given points when results appear after voting", async () => {
    const afterVote = await createConsultation(db(), { ballotBudget: 10, resultsVisibility: "after_vote" }, 2);
    const [userId] = await createUsers(db(), 1);
    await saveBallot(db(), {
      consultationId: afterVote.id,
      userId: userId!,
      budget: 10,
      allocations: [{ priorityId: afterVote.priorityIds[0]!, points: 3 }],
    });
    const member = await newMember();
    const page = () =>
      call(loader, { path: `/c/${afterVote.slug}`, params: { slug: afterVote.slug }, cookie: member.cookie });

    const before = (await page()).body as { ballot: { results: unknown; resultsHidden: string | null } };
    expect(before.ballot).toMatchObject({ results: null, resultsHidden: "after-vote" });

    const fields = ballotFields({ [afterVote.priorityIds[1]!]: 5 });
    expect((await post(afterVote.slug, fields, member.cookie)).status).toBe(302);
    const after = (await page()).body as {
      ballot: {
        priorities: Array<{ id: number; own: number }>;
        results: { totalPoints: number; ballots: number; ranking: Array<{ id: number; points: number }> };
      };
    };
    expect(after.ballot.results).toMatchObject({ totalPoints: 8, ballots: 2 });
    expect(after.ballot.results.ranking.map((row) => [row.id, row.points])).toEqual([
      [afterVote.priorityIds[1], 5],
      [afterVote.priorityIds[0], 3],
    ]);
    expect(after.ballot.priorities.map((p) => p.own)).toEqual([0, 5]);
  });

  it("hidden until closing when results appear after closing, and no ballot where there is none", async () => {
    const afterClose = await createConsultation(db(), { ballotBudget: 10, resultsVisibility: "after_close" }, 1);
    const noBallot = await createConsultation(db(), {}, 1);
    const member = await newMember();
    await post(afterClose.slug, ballotFields({ [afterClose.priorityIds[0]!]: 2 }), member.cookie);
    const page = (slug: string) => call(loader, { path: `/c/${slug}`, params: { slug }, cookie: member.cookie });
    expect(((await page(afterClose.slug)).body as { ballot: unknown }).ballot).toMatchObject({
      results: null,
      resultsHidden: "after-close",
    });
    expect(((await page(noBallot.slug)).body as { ballot: unknown }).ballot).toBeNull();
  });
});
