/**
 * The fast vote path (decisions 0022, 0023, 0029): caches that staff changes empty at once, and
 * votes written together that are each acknowledged only once stored, with their last value.
 * Runs on PGlite and PostgreSQL; the cross-process cases need two connections to one PostgreSQL
 * database and run only there.
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { findConsultationWithScopeCached } from "~/consultations/consultations.server";
import { getSessionUser } from "~/platform/auth.server";
import { onCacheNotification, openDatabase, type Database } from "~/platform/db.server";
import { parseEnv } from "~/platform/env.server";
import { castVoteTogether } from "~/participation/vote-writer.server";
import { loadActorCached } from "~/platform/permissions.server";
import { rateLimitRules } from "~/platform/rate-limit.server";
import { action } from "~/routes/c+/$slug+/index";
import { consultation, institutionFollow, institution, suspension, userRole, vote, voteValue } from "~db/schema";
import { call, signUpMember } from "../support/actions";
import { createConsultation, createPriority, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();
const onPostgres = process.env.TEST_DB === "postgres";

let open: Awaited<ReturnType<typeof createConsultation>>;

beforeAll(async () => {
  open = await createConsultation(db(), {}, 4);
});

describe("the consultation cache", () => {
  it("sees a staff change to the consultation and to its followers on the very next read", async () => {
    const fixture = await createConsultation(db());
    const first = await findConsultationWithScopeCached(db(), fixture.slug);
    expect(first?.scope.phase).toBe("open");
    expect(first?.scope.followingInstitutionIds).toEqual([]);

    await db().update(consultation).set({ phase: "closed" }).where(eq(consultation.id, fixture.id));
    expect((await findConsultationWithScopeCached(db(), fixture.slug))?.scope.phase).toBe("closed");

    const [agency] = await db()
      .insert(institution)
      .values({ slug: `agency-${fixture.id}`, name: { en: "Agency" } })
      .returning();
    await db().insert(institutionFollow).values({ institutionId: agency!.id, consultationId: fixture.id });
    expect((await findConsultationWithScopeCached(db(), fixture.slug))?.scope.followingInstitutionIds).toEqual([
      agency!.id,
    ]);
  });

  it("follows the clock on a cached row: a closing time that passes closes it without any write", async () => {
    const fixture = await createConsultation(db(), { closesAt: new Date(Date.now() + 1_000) });
    expect((await findConsultationWithScopeCached(db(), fixture.slug))?.scope.phase).toBe("open");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await findConsultationWithScopeCached(db(), fixture.slug))?.scope.phase).toBe("closed");
  });

  it("refuses the next vote once staff close the consultation", async () => {
    const fixture = await createConsultation(db());
    const member = await signUpMember("Voter before closing");
    const post = () =>
      call(action, {
        path: `/c/${fixture.slug}`,
        params: { slug: fixture.slug },
        fields: { intent: "vote", priorityId: String(fixture.priorityIds[0]), value: "agree" },
        cookie: member.cookie,
      });
    expect((await post()).status).toBe(302);
    await db().update(consultation).set({ phase: "closed" }).where(eq(consultation.id, fixture.id));
    const refused = await post();
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ formError: "participation:refusal.notOpen" });
  });
});

describe("the actor cache", () => {
  it("a suspension refuses the member's very next vote, and lifting it lets the one after through", async () => {
    const member = await signUpMember("Member suspended mid-vote");
    const post = () =>
      call(action, {
        path: `/c/${open.slug}`,
        params: { slug: open.slug },
        fields: { intent: "vote", priorityId: String(open.priorityIds[0]), value: "agree" },
        cookie: member.cookie,
      });
    expect((await post()).status).toBe(302);
    const [suspended] = await db()
      .insert(suspension)
      .values({ userId: member.userId, consultationId: open.id, reason: "Spam" })
      .returning();
    const refused = await post();
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ formError: "participation:refusal.suspended" });
    await db().update(suspension).set({ liftedAt: new Date() }).where(eq(suspension.id, suspended!.id));
    expect((await post()).status).toBe(302);
  });

  it("a role taken away is gone from the very next actor", async () => {
    const [userId] = await createUsers(db(), 1);
    await db().insert(userRole).values({ userId: userId!, role: "facilitator" });
    expect((await loadActorCached(db(), userId!)).isFacilitator).toBe(true);
    await db().delete(userRole).where(eq(userRole.userId, userId!));
    expect((await loadActorCached(db(), userId!)).isFacilitator).toBe(false);
  });
});

describe("votes written together", () => {
  it("acknowledges each of many concurrent votes only with its stored, last value", async () => {
    const members = await createUsers(db(), 60);
    // Each member votes on each priority several times at once; the last one submitted wins.
    const submitted = members.flatMap((userId, m) =>
      [0, 1, 2].flatMap((round) =>
        open.priorityIds.map((priorityId, p) => ({
          userId,
          priorityId,
          value: voteValue.enumValues[(m + p + round) % 3]!,
        })),
      ),
    );
    const results = await Promise.all(
      submitted.map((v) => castVoteTogether(db(), { consultationId: open.id, ...v }, [])),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    const last = new Map(submitted.map((v) => [`${v.userId}/${v.priorityId}`, v.value]));
    const rows = await db()
      .select({ userId: vote.userId, priorityId: vote.priorityId, value: vote.value })
      .from(vote)
      .where(inArray(vote.userId, members));
    expect(rows).toHaveLength(last.size);
    for (const row of rows) expect(row.value).toBe(last.get(`${row.userId}/${row.priorityId}`));
  });

  it("a vote that cannot be written fails alone: the others of its batch are stored", async () => {
    const members = await createUsers(db(), 20);
    const pending = await createPriority(db(), open.id, "pending", 90);
    const attempts = [
      ...members.map((userId) => ({ userId, priorityId: open.priorityIds[1]!, expected: "ok" })),
      // No such member: the batch's statement fails on the foreign key.
      { userId: "no-such-member", priorityId: open.priorityIds[1]!, expected: "error" },
      { userId: members[0]!, priorityId: pending, expected: "unknown-priority" },
    ];
    const outcomes = await Promise.all(
      attempts.map((a) =>
        castVoteTogether(
          db(),
          { consultationId: open.id, priorityId: a.priorityId, userId: a.userId, value: "pass" },
          [],
        )
          .then((result) => (result.ok ? "ok" : result.reason))
          .catch(() => "error"),
      ),
    );
    expect(outcomes).toEqual(attempts.map((a) => a.expected));
    const stored = await db()
      .select({ userId: vote.userId })
      .from(vote)
      .where(and(eq(vote.priorityId, open.priorityIds[1]!), inArray(vote.userId, members)));
    expect(stored).toHaveLength(members.length);
  });

  it("counts the rate limit across one batch: a member's votes beyond the limit are refused, not stored", async () => {
    const [userId] = await createUsers(db(), 1);
    const limit = rateLimitRules.votePerMember.points;
    const priorities = await Promise.all(
      Array.from({ length: limit + 5 }, (_, i) => createPriority(db(), open.id, "approved", 100 + i)),
    );
    const results = await Promise.all(
      priorities.map((priorityId) =>
        castVoteTogether(db(), { consultationId: open.id, priorityId, userId: userId!, value: "agree" }, [
          ["votePerMember", userId!],
        ]),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(limit);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(5);
    for (const r of refused) expect(r).toMatchObject({ reason: "rate-limited" });
    const stored = await db().select({ id: vote.id }).from(vote).where(eq(vote.userId, userId!));
    expect(stored).toHaveLength(limit);
  });
});

// Only where there is a server to share: the PGlite run has no such test (CI allows no skip).
if (onPostgres)
  describe("caches of another process on the same PostgreSQL database", () => {
    let other: Database;
    let closeOther: () => Promise<void>;

    beforeAll(async () => {
      // A second pool with its own listening connection: what another app process holds.
      const opened = await openDatabase(parseEnv({ ...process.env, DATABASE_URL: process.env.DATABASE_URL }));
      other = opened.db;
      closeOther = opened.close;
      return () => closeOther();
    });

    /** Resolves when `target` has been notified `payload` (after its caches have acted on it). */
    async function notified(target: Database, payload: string): Promise<void> {
      let stop = () => {};
      const arrived = new Promise<void>((resolve) => {
        void onCacheNotification(target, (received) => {
          if (received === payload) queueMicrotask(resolve);
        }).then((unsubscribe) => (stop = unsubscribe));
      });
      await arrived;
      stop();
    }

    it("a consultation changed through one process is seen by the other's next read after the notification", async () => {
      const fixture = await createConsultation(db());
      expect((await findConsultationWithScopeCached(other, fixture.slug))?.scope.phase).toBe("open");
      const seen = notified(other, `consultation:${fixture.id}`);
      await db().update(consultation).set({ phase: "closed" }).where(eq(consultation.id, fixture.id));
      await seen;
      expect((await findConsultationWithScopeCached(other, fixture.slug))?.scope.phase).toBe("closed");
    });

    it("a suspension made through one process reaches the other's cached actor with its notification", async () => {
      const [userId] = await createUsers(db(), 1);
      expect((await loadActorCached(other, userId!)).suspendedIn).toEqual([]);
      const seen = notified(other, `actor:${userId}`);
      await db().insert(suspension).values({ userId: userId!, consultationId: null, reason: "Spam" });
      await seen;
      expect((await loadActorCached(other, userId!)).suspendedIn).toBe("everywhere");
    });
  });

describe("the session lookup", () => {
  it("reads a signed-in request's session together with its user, in one statement", async () => {
    const member = await signUpMember("Member whose session is read");
    const request = new Request(`http://localhost/c/${open.slug}`, { headers: { cookie: member.cookie } });
    // Both drivers (pg's pool, PGlite) take every statement drizzle sends through `query`.
    const client = (db() as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
    const statements = vi.spyOn(client, "query");
    try {
      expect((await getSessionUser(request))?.id).toBe(member.userId);
      expect(statements).toHaveBeenCalledTimes(1);
    } finally {
      statements.mockRestore();
    }
  });
});
