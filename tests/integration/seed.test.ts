import { quotedCommentIds } from "~/summaries/summary-markdown";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { verifyPassword } from "better-auth/crypto";
import { and, eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "~/accounts/accounts.server";
import { type Database, migrationsFolder, queryRows } from "~/platform/db.server";
import * as schema from "~db/schema";
import {
  account,
  consultation,
  consultationModerator,
  institutionMember,
  priority,
  user,
  userRole,
  vote,
} from "~db/schema";
import {
  DEFAULT_DEMO_SEED,
  DEMO_CONSULTATION_SLUG,
  DEMO_MEMBER_PASSWORD,
  demoAccounts,
  demoUserId,
  planDemo,
  isStaffDemoAccount,
  seedDemo,
} from "~db/seed/demo";
import { demoLocales } from "~db/seed/demo-content";
import { setupTestDatabase } from "../support/database";

const getTestDb = setupTestDatabase();
const STAFF_PASSWORD = "this-install's-staff-password";

/** Row counts of every table the seed writes: equal counts before and after a second run mean it wrote nothing. */
async function tableCounts(db: Database): Promise<Record<string, number>> {
  const tables = [
    "user",
    "account",
    "profile",
    "user_role",
    "institution",
    "institution_member",
    "consultation",
    "consultation_moderator",
    "priority",
    "vote",
    "ballot_allocation",
    "comment",
    "comment_endorsement",
    "flag",
    "moderation_action",
    "summary",
    "summary_version",
    "summary_quote",
    "institutional_response",
    "commitment",
    "commitment_status_change",
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
    counts[table] = row?.n ?? -1;
  }
  return counts;
}

/** What two runs with one seed must agree on: results, who voted what, and what was written when. Ids are left out. */
async function contentSnapshot(db: Database) {
  const tallies = await queryRows(
    db,
    sql`select p.position, v.value::text as value, count(*)::int as n
        from vote v join priority p on p.id = v.priority_id
        group by 1, 2 order by 1, 2`,
  );
  const votes = await queryRows(
    db,
    sql`select v.user_id, p.position, v.value::text as value, v.entered_by_id
        from vote v join priority p on p.id = v.priority_id order by 1, 2`,
  );
  const ballots = await queryRows(
    db,
    sql`select b.user_id, p.position, b.points from ballot_allocation b join priority p on p.id = b.priority_id order by 1, 2`,
  );
  const profiles = await queryRows(
    db,
    sql`select user_id, country, stakeholder_group, age_band, gender, preferred_language, has_declared_interest, interest_kind, stats_consent
        from profile order by user_id`,
  );
  const comments = await queryRows(
    db,
    sql`select c.author_id, p.position, c.language, c.stance::text as stance, c.status::text as status, c.depth,
               c.endorsement_count, c.created_at, c.body, parent.body as parent_body
        from comment c join priority p on p.id = c.priority_id left join comment parent on parent.id = c.parent_id
        order by c.created_at, c.body`,
  );
  const flags = await queryRows(
    db,
    sql`select f.reporter_id, f.reason, c.body, f.created_at, f.resolved_at
        from flag f join comment c on c.id = f.target_id order by f.created_at, f.reporter_id`,
  );
  return { tallies, votes, ballots, profiles, comments, flags };
}

/** A second, independent database: an in-memory PGlite with the same migrations. */
async function withFreshDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const client = await PGlite.create();
  try {
    const db = drizzle(client, { schema }) as unknown as Database;
    await migrate(drizzle(client, { schema }), { migrationsFolder });
    return await work(db);
  } finally {
    await client.close();
  }
}

describe("the demo consultation seed", () => {
  let consultationId: number;
  let countsAfterFirstRun: Record<string, number>;

  beforeAll(async () => {
    const db = getTestDb();
    ({ consultationId } = await seedDemo(db, { staffPassword: STAFF_PASSWORD }));
    countsAfterFirstRun = await tableCounts(db);
  });

  it("creates one open demo consultation with a ballot, owned by an institution", async () => {
    const [row] = await getTestDb().select().from(consultation).where(eq(consultation.slug, DEMO_CONSULTATION_SLUG));
    expect(row?.id).toBe(consultationId);
    expect(row?.phase).toBe("open");
    expect(row?.isDemo).toBe(true);
    expect(row?.moderationMode).toBe("post");
    expect(row?.resultsVisibility).toBe("always");
    expect(row?.ballotBudget).toBe(10);
    expect(row?.owningInstitutionId).not.toBeNull();
    expect(row?.regionCountries).toContain("NG");
    expect(row?.regionCommunities).toContain("ECOWAS");
    expect(row!.opensAt!.getTime()).toBeLessThan(row!.closesAt!.getTime());
    for (const locale of demoLocales) expect(row?.title[locale], locale).toBeTruthy();
  });

  it("has ten approved priorities, titled and described in all eight locales", async () => {
    const rows = await getTestDb()
      .select()
      .from(priority)
      .where(eq(priority.consultationId, consultationId))
      .orderBy(priority.position);
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(rows.map((r) => r.category)).size).toBe(10);
    for (const row of rows) {
      expect(row.status).toBe("approved");
      for (const locale of demoLocales) {
        expect(row.title[locale], `priority ${row.position} title in ${locale}`).toBeTruthy();
        expect(row.body[locale], `priority ${row.position} body in ${locale}`).toBeTruthy();
      }
      // Translated, not copied: other scripts and other words.
      for (const locale of ["fr", "ar", "zh"] as const) expect(row.title[locale]).not.toBe(row.title.en);
    }
  });

  it("generates at least 250 demo participants without accounts", async () => {
    const [row] = await queryRows<{ participants: number; with_account: number; demo_profiles: number }>(
      getTestDb(),
      sql`select count(*)::int as participants,
                 count(a.id)::int as with_account,
                 count(*) filter (where p.is_demo)::int as demo_profiles
          from "user" u join profile p on p.user_id = u.id left join account a on a.user_id = u.id
          where u.id like 'demo-p-%'`,
    );
    expect(row?.participants).toBeGreaterThanOrEqual(250);
    expect(row?.demo_profiles).toBe(row?.participants);
    expect(row?.with_account).toBe(0);
  });

  it("has votes on every priority, never two from one member on one priority", async () => {
    const perPriority = await queryRows<{ position: number; votes: number; values: number }>(
      getTestDb(),
      sql`select p.position, count(v.id)::int as votes, count(distinct v.value)::int as values
          from priority p left join vote v on v.priority_id = p.id
          where p.consultation_id = ${consultationId} group by 1 order by 1`,
    );
    expect(perPriority).toHaveLength(10);
    for (const row of perPriority) {
      expect(row.votes, `votes on priority ${row.position}`).toBeGreaterThan(100);
      expect(row.values, `agree, disagree and pass on priority ${row.position}`).toBe(3);
    }

    const [existing] = await getTestDb().select().from(vote).limit(1);
    await expect(
      getTestDb()
        .insert(vote)
        .values({ consultationId, priorityId: existing!.priorityId, userId: existing!.userId, value: "pass" }),
    ).rejects.toThrow();
  });

  it("keeps every ballot within the budget", async () => {
    const rows = await queryRows<{ ballots: number; over_budget: number }>(
      getTestDb(),
      sql`select count(*)::int as ballots, count(*) filter (where total > 10)::int as over_budget
          from (select user_id, sum(points) as total from ballot_allocation group by user_id) t`,
    );
    expect(rows[0]?.ballots).toBeGreaterThan(50);
    expect(rows[0]?.over_budget).toBe(0);
  });

  it("has comments in at least four languages, with replies and consistent endorsement counts", async () => {
    const [row] = await queryRows<{ comments: number; languages: number; replies: number; miscounted: number }>(
      getTestDb(),
      sql`select count(*)::int as comments,
                 count(distinct language)::int as languages,
                 count(*) filter (where parent_id is not null and depth = 1)::int as replies,
                 count(*) filter (where endorsement_count <> (select count(*) from comment_endorsement e where e.comment_id = c.id))::int as miscounted
          from comment c where consultation_id = ${consultationId}`,
    );
    expect(row?.comments).toBeGreaterThanOrEqual(80);
    expect(row?.languages).toBeGreaterThanOrEqual(4);
    expect(row?.replies).toBeGreaterThan(0);
    expect(row?.miscounted).toBe(0);
  });

  it("hides at least three comments, each with a moderation action and a reason", async () => {
    const hidden = await queryRows<{ id: number; actions: number; reason: string | null }>(
      getTestDb(),
      sql`select c.id, count(m.id)::int as actions, min(m.reason) as reason
          from comment c left join moderation_action m
            on m.target_type = 'comment' and m.target_id = c.id::text and m.action = 'hide'
          where c.status = 'hidden' group by c.id`,
    );
    expect(hidden.length).toBeGreaterThanOrEqual(3);
    for (const row of hidden) {
      expect(row.actions, `moderation action for comment ${row.id}`).toBe(1);
      expect(row.reason).toBeTruthy();
    }
  });

  it("has flags, some still waiting for a moderator", async () => {
    const [row] = await queryRows<{ flags: number; open: number }>(
      getTestDb(),
      sql`select count(*)::int as flags, count(*) filter (where resolved_at is null)::int as open from flag`,
    );
    expect(row?.flags).toBeGreaterThanOrEqual(1);
    expect(row?.open).toBeGreaterThanOrEqual(1);
  });

  it("publishes a consultation summary in every locale, quoting published comments", async () => {
    const summaries = await queryRows<{
      locale: string;
      status: string;
      quotes: number;
      unpublished_quotes: number;
      body: string;
    }>(
      getTestDb(),
      sql`select s.locale, s.status::text as status, v.body_markdown as body,
                 count(q.comment_id)::int as quotes,
                 count(q.comment_id) filter (where c.status <> 'published')::int as unpublished_quotes
          from summary s
          join summary_version v on v.summary_id = s.id and v.version = s.published_version
          left join summary_quote q on q.summary_id = s.id
          left join comment c on c.id = q.comment_id
          where s.consultation_id = ${consultationId} and s.priority_id is null
          group by s.locale, s.status, v.body_markdown`,
    );
    expect(summaries.map((s) => s.locale).sort()).toEqual([...demoLocales].sort());
    for (const s of summaries) {
      expect(s.status).toBe("published");
      expect(s.quotes).toBeGreaterThanOrEqual(2);
      expect(s.unpublished_quotes).toBe(0);
      // Quotes are quote lines the page fills in (and drops once a comment is hidden), never copies.
      expect(quotedCommentIds(s.body)).toHaveLength(s.quotes);
    }
    const english = summaries.find((s) => s.locale === "en")!;
    const french = summaries.find((s) => s.locale === "fr")!;
    expect(english.body).not.toBe(french.body);
  });

  it("publishes one institutional response with dated commitments and a status history", async () => {
    const responses = await queryRows<{ id: number; status: string; summary_locale: string | null }>(
      getTestDb(),
      sql`select r.id, r.status::text as status, s.locale as summary_locale
          from institutional_response r left join summary s on s.id = r.summary_id
          where r.consultation_id = ${consultationId}`,
    );
    expect(responses).toHaveLength(1);
    expect(responses[0]?.status).toBe("published");
    expect(responses[0]?.summary_locale).toBe("en");

    const commitments = await queryRows<{ status: string; due_on: string | null; changes: number }>(
      getTestDb(),
      sql`select c.status::text as status, c.due_on::text as due_on, count(h.id)::int as changes
          from commitment c left join commitment_status_change h on h.commitment_id = c.id
          where c.response_id = ${responses[0]!.id} group by c.id order by c.position`,
    );
    expect(commitments).toHaveLength(3);
    for (const c of commitments) {
      expect(c.due_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(c.changes).toBeGreaterThanOrEqual(1);
    }
    expect(commitments.some((c) => c.status !== "planned" && c.changes >= 2)).toBe(true);
  });

  it("creates one account per role: staff with this install's password, the member with the published one", async () => {
    const db = getTestDb();
    expect(new Set(demoAccounts.map((a) => a.role))).toEqual(
      new Set(["admin", "moderator", "institution", "facilitator", "member"]),
    );
    for (const demo of demoAccounts) {
      const [row] = await db
        .select({ email: user.email, password: account.password })
        .from(user)
        .innerJoin(account, and(eq(account.userId, user.id), eq(account.providerId, "credential")))
        .where(eq(user.id, demoUserId(demo.role)));
      expect(row?.email).toBe(demo.email);
      const password = isStaffDemoAccount(demo) ? STAFF_PASSWORD : DEMO_MEMBER_PASSWORD;
      expect(await verifyPassword({ hash: row!.password!, password })).toBe(true);
    }

    const roles = await db.select({ userId: userRole.userId, role: userRole.role }).from(userRole);
    expect(roles).toEqual(
      expect.arrayContaining([
        { userId: demoUserId("admin"), role: "admin" },
        { userId: demoUserId("facilitator"), role: "facilitator" },
      ]),
    );
    const moderators = await db
      .select()
      .from(consultationModerator)
      .where(eq(consultationModerator.consultationId, consultationId));
    expect(moderators.map((m) => m.userId)).toEqual([demoUserId("moderator")]);
    const members = await db
      .select()
      .from(institutionMember)
      .where(eq(institutionMember.userId, demoUserId("institution")));
    expect(members).toHaveLength(1);
  });

  it("lets the demo moderator sign in through the app with this install's staff password", async () => {
    const moderator = demoAccounts.find((a) => a.role === "moderator")!;
    const result = await signIn(new Request("http://localhost/sign-in", { method: "POST" }), {
      email: moderator.email,
      password: STAFF_PASSWORD,
      address: "10.9.9.9",
    });
    expect(result.ok).toBe(true);
  });

  it("opens no staff account with any password the README's demo section publishes; its member holds no role", async () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
    const section = readme.slice(
      readme.indexOf("## Demo accounts"),
      readme.indexOf("\n## ", readme.indexOf("## Demo accounts")),
    );
    const published = [...section.matchAll(/`([^`\s@/]{8,128})`/g)].map((m) => m[1]!);
    expect(published).toContain(DEMO_MEMBER_PASSWORD);
    const db = getTestDb();
    // The stored hashes themselves: a failed sign-in could also mean a locked account.
    const credentials = await db
      .select({ userId: account.userId, hash: account.password })
      .from(account)
      .where(eq(account.providerId, "credential"));
    const hashOf = (role: (typeof demoAccounts)[number]["role"]) =>
      credentials.find((c) => c.userId === demoUserId(role))!.hash!;
    for (const staff of demoAccounts.filter(isStaffDemoAccount)) {
      for (const password of published) {
        expect(await verifyPassword({ hash: hashOf(staff.role), password }), `${staff.email} / ${password}`).toBe(
          false,
        );
      }
    }
    expect(await verifyPassword({ hash: hashOf("member"), password: DEMO_MEMBER_PASSWORD })).toBe(true);
    const memberId = demoUserId("member");
    expect(await db.select().from(userRole).where(eq(userRole.userId, memberId))).toEqual([]);
    expect(await db.select().from(consultationModerator).where(eq(consultationModerator.userId, memberId))).toEqual([]);
    expect(await db.select().from(institutionMember).where(eq(institutionMember.userId, memberId))).toEqual([]);
  });

  it("does nothing when run again", async () => {
    const again = await seedDemo(getTestDb());
    expect(again.consultationId).toBe(consultationId);
    // The sign-in test above added a session; everything the seed writes is unchanged.
    expect(await tableCounts(getTestDb())).toEqual(countsAfterFirstRun);
  });

  it("writes the same consultation into a fresh database from the same seed", async () => {
    const first = await contentSnapshot(getTestDb());
    const second = await withFreshDatabase(async (db) => {
      await seedDemo(db, { seed: DEFAULT_DEMO_SEED });
      return contentSnapshot(db);
    });
    expect(second.tallies).toEqual(first.tallies);
    expect(second.votes).toEqual(first.votes);
    expect(second.ballots).toEqual(first.ballots);
    expect(second.profiles).toEqual(first.profiles);
    expect(second.comments).toEqual(first.comments);
    expect(second.flags).toEqual(first.flags);
  });

  it("depends on the seed", () => {
    const tally = (seed: number) =>
      planDemo(seed, 300)
        .participants.map((p) => p.votes.join(","))
        .join(";");
    expect(tally(DEFAULT_DEMO_SEED)).toBe(tally(DEFAULT_DEMO_SEED));
    expect(tally(1)).not.toBe(tally(DEFAULT_DEMO_SEED));
  });
});
