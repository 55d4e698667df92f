/**
 * Backups you can restore (db/dump.ts): the demo dumped, loaded into an empty database and compared
 * table by table (rows and checksums) and sequence by sequence; a restore goes only into an empty
 * database and is all or nothing. On PostgreSQL also `npm run db:move`: an embedded database copied
 * into an empty PostgreSQL database, verified the same way.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "~/platform/db.server";
import { parseEnv } from "~/platform/env.server";
import { backupFileName, moveToPostgres } from "~db/backup";
import { databaseChecksums, DumpError, dumpToFile, nonEmptyTables, readDumpFile, restoreDatabase } from "~db/dump";
import { consultation, reportBuild, webhook } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { createPostgresDatabase } from "../support/database";
import { setupTestDatabase } from "../support/database";
import { makeDataDir } from "../support/server";

const db = setupTestDatabase();
const onPostgres = process.env.TEST_DB === "postgres";
const scratch = makeDataDir();
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A new, migrated, empty database of the kind under test. */
async function emptyDatabase(): Promise<Database> {
  let env = parseEnv({ DATA_DIR: "memory://", NODE_ENV: "test" });
  if (onPostgres) {
    const created = await createPostgresDatabase();
    cleanups.push(created.drop);
    env = parseEnv({ DATABASE_URL: created.url, NODE_ENV: "test" });
  }
  const connection = await openDatabase(env);
  cleanups.push(connection.close);
  return connection.db;
}

let dumpFile: string;

beforeAll(async () => {
  const { consultationId } = await seedDemo(db());
  // Types the demo does not hold: bytes (a PDF) and a text array (a webhook's events).
  await db()
    .insert(reportBuild)
    .values({ consultationId, locale: "fr", status: "done", pdf: Buffer.from([0, 1, 2, 255, 37, 80]) });
  const [owner] = await db()
    .execute(sql`select owning_institution_id as id from consultation limit 1`)
    .then((r) => (r as unknown as { rows: Array<{ id: number | null }> }).rows);
  if (owner?.id) {
    await db()
      .insert(webhook)
      .values({
        institutionId: owner.id,
        url: "https://example.org/hook",
        events: ["consultation.closed", "summary.published"],
        secret: "sealed",
      });
  }
  dumpFile = path.join(scratch, backupFileName());
  await dumpToFile(db(), dumpFile);
});

describe("a backup", () => {
  it("is named with the date it was taken", () => {
    expect(backupFileName(new Date("2026-12-05T01:15:09.123Z"))).toBe("baraza-2026-12-05T011509Z.jsonl.gz");
  });

  it("restores into an empty database with every table and sequence equal to the original", async () => {
    const target = await emptyDatabase();
    const counts = await restoreDatabase(target, readDumpFile(dumpFile));
    const [original, restored] = await Promise.all([databaseChecksums(db()), databaseChecksums(target)]);
    expect(restored).toEqual(original);
    // Not an empty comparison: the demo fills many tables, and every table was compared.
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(500);
    expect(Object.keys(original).filter((name) => !name.startsWith("sequence "))).toEqual(Object.keys(counts));
    expect(Object.keys(original).some((name) => name.startsWith("sequence "))).toBe(true);
    // The sequences carry on where the original's were: a new row gets a new id.
    const [before] = await db()
      .select({ id: consultation.id })
      .from(consultation)
      .orderBy(sql`id desc`)
      .limit(1);
    const [added] = await target
      .insert(reportBuild)
      .values({ consultationId: before!.id, locale: "en" })
      .returning({ id: reportBuild.id });
    const [highest] = await db()
      .select({ id: reportBuild.id })
      .from(reportBuild)
      .orderBy(sql`id desc`)
      .limit(1);
    expect(added!.id).toBeGreaterThan(highest!.id);
  });

  it("refuses a database that holds data, and changes nothing there", async () => {
    const before = await databaseChecksums(db());
    await expect(restoreDatabase(db(), readDumpFile(dumpFile))).rejects.toThrow(/not empty/);
    expect(await databaseChecksums(db())).toEqual(before);
  });

  it("is all or nothing: a file cut short restores nothing", async () => {
    const lines: string[] = [];
    for await (const line of readDumpFile(dumpFile)) lines.push(line);
    const cut = lines.slice(0, Math.floor(lines.length / 2));
    async function* iterate() {
      yield* cut;
    }
    const target = await emptyDatabase();
    await expect(restoreDatabase(target, iterate())).rejects.toThrow(DumpError);
    expect(await nonEmptyTables(target)).toEqual([]);
  });
});

(onPostgres ? describe : () => {})("moving the embedded database to PostgreSQL", () => {
  it(
    "copies schema, data and sequences into an empty PostgreSQL database, verified by counts and checksums",
    { timeout: 300_000 },
    async () => {
      const dataDir = path.join(scratch, "embedded");
      const embedded = parseEnv({ DATA_DIR: dataDir, NODE_ENV: "test" });
      const source = await openDatabase(embedded);
      await seedDemo(source.db);
      const original = await databaseChecksums(source.db);
      await source.close();

      const target = await createPostgresDatabase();
      cleanups.push(target.drop);
      const report = await moveToPostgres(embedded, target.url);
      expect(report.rows).toBeGreaterThan(500);

      const moved = await openDatabase(parseEnv({ DATABASE_URL: target.url, NODE_ENV: "test" }), { migrate: false });
      try {
        expect(await databaseChecksums(moved.db)).toEqual(original);
      } finally {
        await moved.close();
      }
      // A second move into the now filled database is refused.
      await expect(moveToPostgres(embedded, target.url)).rejects.toThrow(/not empty/);
    },
  );
});
