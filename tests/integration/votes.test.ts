/**
 * Vote integrity under concurrency, and the vote refusing priorities that are not this
 * consultation's approved ones. Runs on PGlite and on PostgreSQL alike.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "~/platform/db.server";
import { castVote } from "~/participation/votes.server";
import { action } from "~/routes/c+/$slug+/index";
import { vote, voteValue, type VoteValue } from "~db/schema";
import { call, signUpMember } from "../support/actions";
import { createConsultation, createPriority, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

let open: Awaited<ReturnType<typeof createConsultation>>;
let other: Awaited<ReturnType<typeof createConsultation>>;
let pendingPriorityId: number;

beforeAll(async () => {
  open = await createConsultation(db());
  other = await createConsultation(db(), {}, 1);
  pendingPriorityId = await createPriority(db(), open.id, "pending", 99);
});

const randomValue = (): VoteValue => voteValue.enumValues[Math.floor(Math.random() * voteValue.enumValues.length)]!;

async function votesOf(filter: { userId?: string; priorityId?: number }) {
  return db()
    .select()
    .from(vote)
    .where(
      and(
        filter.userId ? eq(vote.userId, filter.userId) : undefined,
        filter.priorityId ? eq(vote.priorityId, filter.priorityId) : undefined,
      ),
    );
}

describe("votes under concurrency", () => {
  it("200 concurrent changes by one member on one priority leave exactly one row, holding one of the values sent", async () => {
    const [memberId] = await createUsers(db(), 1);
    const priorityId = open.priorityIds[0]!;
    const sent = Array.from({ length: 200 }, randomValue);
    const results = await Promise.all(
      sent.map((value) => castVote(db(), { consultationId: open.id, priorityId, userId: memberId!, value })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const rows = await votesOf({ userId: memberId, priorityId });
    expect(rows).toHaveLength(1);
    expect(sent).toContain(rows[0]!.value);
  });

  it("1,000 members voting at once leave 1,000 rows", async () => {
    const memberIds = await createUsers(db(), 1000);
    const priorityId = open.priorityIds[1]!;
    const results = await Promise.all(
      memberIds.map((userId) => castVote(db(), { consultationId: open.id, priorityId, userId, value: randomValue() })),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const [counted] = await queryRows<{ rows: number; members: number }>(
      db(),
      sql`select count(*)::int as rows, count(distinct user_id)::int as members from vote where priority_id = ${priorityId}`,
    );
    expect(counted).toEqual({ rows: 1000, members: 1000 });
  });
});

describe("votes on priorities that are not this consultation's approved ones", () => {
  it("refuses another consultation's priority and stores nothing", async () => {
    const [memberId] = await createUsers(db(), 1);
    const result = await castVote(db(), {
      consultationId: open.id,
      priorityId: other.priorityIds[0]!,
      userId: memberId!,
      value: "agree",
    });
    expect(result).toEqual({ ok: false, reason: "unknown-priority" });
    expect(await votesOf({ userId: memberId })).toEqual([]);
  });

  it("refuses a pending priority and a priority that does not exist, and stores nothing", async () => {
    const [memberId] = await createUsers(db(), 1);
    for (const priorityId of [pendingPriorityId, 2_000_000_000]) {
      const result = await castVote(db(), { consultationId: open.id, priorityId, userId: memberId!, value: "pass" });
      expect(result).toEqual({ ok: false, reason: "unknown-priority" });
    }
    expect(await votesOf({ userId: memberId })).toEqual([]);
  });
});

describe("the vote through the consultation page's action", () => {
  let member: { cookie: string; userId: string };

  beforeAll(async () => {
    const { cookie, userId } = await signUpMember("Voter");
    member = { cookie, userId: userId };
  });

  const post = (fields: Record<string, string>) =>
    call(action, { path: `/c/${open.slug}`, params: { slug: open.slug }, fields, cookie: member.cookie });

  it("stores the vote, then changes it, answering with a redirect back to the priority", async () => {
    const priorityId = String(open.priorityIds[2]);
    const first = await post({ intent: "vote", priorityId, value: "agree" });
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/c/${open.slug}#priority-${priorityId}`);
    const changed = await post({ intent: "vote", priorityId, value: "disagree", _fetcher: "1" });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ ok: true, result: { priorityId: Number(priorityId), value: "disagree" } });
    const rows = await votesOf({ userId: member.userId });
    expect(rows.map((row) => [row.priorityId, row.value])).toEqual([[Number(priorityId), "disagree"]]);
  });

  it("refuses another consultation's priority and a pending one with a 404 and a translated message", async () => {
    const before = await votesOf({ userId: member.userId });
    for (const priorityId of [other.priorityIds[0]!, pendingPriorityId]) {
      const answer = await post({ intent: "vote", priorityId: String(priorityId), value: "agree" });
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ formError: "participation:errors.unknownPriority" });
    }
    expect(await votesOf({ userId: member.userId })).toEqual(before);
  });
});
