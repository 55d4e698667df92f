import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { consultation, moderationAction, priority, user, vote } from "~db/schema";
import { queryRows } from "~/platform/db.server";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

async function makeConsultation() {
  const [c] = await db()
    .insert(consultation)
    .values({
      slug: `c-${Math.random().toString(36).slice(2)}`,
      title: { en: "T" },
      summary: { en: "S" },
      context: { en: "C" },
      phase: "open",
    })
    .returning();
  const [p] = await db()
    .insert(priority)
    .values({ consultationId: c!.id, title: { en: "P" }, body: { en: "B" }, category: "financing" })
    .returning();
  await db()
    .insert(user)
    .values({ id: `u-${c!.id}`, name: "U", email: `u-${c!.id}@example.org` });
  return { consultationId: c!.id, priorityId: p!.id, userId: `u-${c!.id}` };
}

/** Drizzle wraps the driver's error ("Failed query: …"); the database's own message is its cause. */
async function expectDatabaseError(query: Promise<unknown>, message: RegExp) {
  const error = await query.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  expect(error, "the query should have failed").not.toBeNull();
  expect(error?.cause?.message ?? error?.message).toMatch(message);
}

describe("the schema, migrated", () => {
  it("has every table the design needs", async () => {
    const rows = await queryRows<{ table_name: string }>(
      db(),
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    const tables = rows.map((r) => r.table_name);
    for (const table of [
      "user",
      "session",
      "account",
      "verification",
      "profile",
      "institution",
      "user_role",
      "institution_member",
      "consultation",
      "consultation_moderator",
      "institution_follow",
      "priority",
      "vote",
      "ballot_allocation",
      "comment",
      "comment_revision",
      "comment_endorsement",
      "comment_tag",
      "flag",
      "moderation_action",
      "suspension",
      "summary",
      "summary_version",
      "summary_quote",
      "institutional_response",
      "commitment",
      "commitment_status_change",
      "notification",
      "outbox_mail",
      "download_log",
      "rate_limit",
    ]) {
      expect(tables).toContain(table);
    }
  });

  it("allows one vote per member per priority", async () => {
    const { consultationId, priorityId, userId } = await makeConsultation();
    await db().insert(vote).values({ consultationId, priorityId, userId, value: "agree" });
    await expect(db().insert(vote).values({ consultationId, priorityId, userId, value: "disagree" })).rejects.toThrow();
  });

  it("refuses negative ballot points", async () => {
    const { consultationId, priorityId, userId } = await makeConsultation();
    await expect(
      db().execute(
        sql`insert into ballot_allocation (consultation_id, priority_id, user_id, points) values (${consultationId}, ${priorityId}, ${userId}, -1)`,
      ),
    ).rejects.toThrow();
  });

  it("keeps the moderation record append-only: no update, no delete", async () => {
    const { consultationId } = await makeConsultation();
    const [action] = await db()
      .insert(moderationAction)
      .values({ consultationId, targetType: "comment", targetId: "1", action: "hide", reason: "abusive" })
      .returning();
    await expectDatabaseError(
      db().execute(sql`update moderation_action set reason = 'spam' where id = ${action!.id}`),
      /append-only/,
    );
    await expectDatabaseError(db().execute(sql`delete from moderation_action where id = ${action!.id}`), /append-only/);
    const rows = await queryRows<{ reason: string }>(
      db(),
      sql`select reason from moderation_action where id = ${action!.id}`,
    );
    expect(rows[0]?.reason).toBe("abusive");
  });
});

// Only a server can drop a connection from under the app (PGlite lives in the process), so this
// exists in the PostgreSQL run only.
const onPostgres = process.env.TEST_DB === "postgres";
(onPostgres ? describe : () => {})("a connection the server drops", () => {
  it("does not bring the app down: the pool opens a new one and the next query works", async () => {
    await db().execute(sql`select 1`);
    const warnings = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const administrator = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await administrator.connect();
      const [{ terminated }] = (
        await administrator.query(
          `select count(pg_terminate_backend(pid))::int as terminated from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid()`,
        )
      ).rows as [{ terminated: number }];
      await administrator.end();
      expect(terminated).toBeGreaterThan(0);
      await expect.poll(() => warnings.mock.calls.length).toBeGreaterThan(0);
      const [row] = await queryRows<{ answer: number }>(db(), sql`select 42 as answer`);
      expect(row?.answer).toBe(42);
    } finally {
      warnings.mockRestore();
    }
  });
});
