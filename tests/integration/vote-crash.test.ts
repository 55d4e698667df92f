/**
 * "Nothing lost" (issue 15), the shorter run of `npm run bench:crash`: voters post the real vote
 * form to the production server while it is killed with SIGKILL twice and restarted; every vote
 * that got a success answer is stored with its last acknowledged value, and each restart is clean
 * (bench/crash-run.ts). On PGlite in the integration-pglite project, on a fresh PostgreSQL database
 * in integration-postgres. On PGlite it also checks that commits reach the disk with fsync(2)
 * (app/platform/pglite-durability.server.ts, docs/decisions/0030-durable-votes-across-crashes.md).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "~/platform/db.server";
import { parseEnv } from "~/platform/env.server";
import { fsyncCounter } from "~/platform/pglite-durability.server";
import { runCrashTest } from "../../bench/crash-run";
import { buildIfStale } from "../../server/build-if-stale";
import { createPostgresDatabase } from "../support/database";

const onPostgres = process.env.TEST_DB === "postgres";
let env: Record<string, string> = {};
let cleanUp = async () => {};

beforeAll(async () => {
  buildIfStale();
  if (onPostgres) {
    const created = await createPostgresDatabase();
    env = { DATABASE_URL: created.url };
    cleanUp = created.drop;
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-vote-crash-"));
    env = { DATA_DIR: dataDir };
    cleanUp = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 600_000);

afterAll(() => cleanUp());

describe(`votes, with the server killed mid-run (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it("keeps every acknowledged vote, and the server starts cleanly after each kill", { timeout: 900_000 }, async () => {
    const kills = 2;
    const result = await runCrashTest({ env, voters: 50, kills, votesPerWindow: 40 });

    expect(result.problems).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.unexplained).toBe(0);
    expect(result.stored).toBe(result.acknowledged);
    // Each window had its votes acknowledged: the kills came mid-run, with votes in flight.
    expect(result.acknowledgedAnswers).toBeGreaterThanOrEqual(40 * (kills + 1));
    expect(result.restarts).toHaveLength(kills);
    for (const restart of result.restarts) {
      expect(restart.inFlightAtKill).toBeGreaterThan(0);
      // The dead process's lock was there, and the new one took it over (embedded only).
      expect(restart.lockAfterKill).toBe(onPostgres ? "none" : "stale");
    }
    expect(result.cleanRestarts).toBe(true);
  });

  // Embedded only: the PostgreSQL run has no such test (CI allows no skip).
  if (!onPostgres)
    it("flushes each commit of the embedded database to disk with fsync", { timeout: 300_000 }, async () => {
      const { db, close } = await openDatabase(parseEnv({ ...env, NODE_ENV: "test" }));
      try {
        const [settings] = await queryRows<{ fsync: string; method: string }>(
          db,
          sql`select current_setting('fsync') as fsync, current_setting('wal_sync_method') as method`,
        );
        expect(settings).toEqual({ fsync: "on", method: "fsync" });
        const before = fsyncCounter.calls;
        await db.execute(sql`update vote set updated_at = now() where id = (select min(id) from vote)`);
        expect(fsyncCounter.calls).toBeGreaterThan(before);
      } finally {
        await close();
      }
    });
});
