/**
 * /readyz (app/platform/ops/readiness.server.ts): ready only when the database answers and holds every
 * migration this build ships; a database left behind (another version, a bad restore) is not.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loader } from "~/routes/_resources+/readyz";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

describe("readiness", () => {
  it("is ready with every migration applied, and says so in JSON", async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ready: boolean; database: string; migrations: Record<string, number> };
    expect(body).toMatchObject({ ready: true, database: "ok" });
    expect(body.migrations.applied).toBe(body.migrations.expected);
  });

  it("answers 503 when the database lacks a migration of this build", async () => {
    await db().execute(
      sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`,
    );
    const response = await loader();
    expect(response.status).toBe(503);
    const body = (await response.json()) as { ready: boolean; migrations: { applied: number; expected: number } };
    expect(body.ready).toBe(false);
    expect(body.migrations.applied).toBe(body.migrations.expected - 1);
  });
});
