/**
 * Readiness for load balancers and the test harness: the database answers and has every migration
 * this build ships. A process whose database is behind (another version migrated it back, a restore
 * went wrong) must not be sent traffic.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationsFolder, queryRows, type Queryable } from "~/platform/db.server";

export interface Readiness {
  ready: boolean;
  database: "ok" | "unreachable";
  migrations: { applied: number; expected: number };
}

let expectedMigrations: number | undefined;

function countShippedMigrations(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export async function checkReadiness(db: Queryable): Promise<Readiness> {
  expectedMigrations ??= countShippedMigrations();
  try {
    const [row] = await queryRows<{ applied: number }>(
      db,
      sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
    );
    const applied = row?.applied ?? 0;
    return {
      ready: applied >= expectedMigrations,
      database: "ok",
      migrations: { applied, expected: expectedMigrations },
    };
  } catch (error) {
    console.warn("[readyz] the database did not answer:", error);
    return { ready: false, database: "unreachable", migrations: { applied: 0, expected: expectedMigrations } };
  }
}
