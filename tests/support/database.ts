/**
 * A fresh, migrated database per test file: an in-memory PGlite, or a new database on the
 * PostgreSQL server of TEST_DATABASE_URL (dropped afterwards). The app's own `getDb()` returns it,
 * so domain code is tested exactly as it runs.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb, type Database } from "~/platform/db.server";

export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL");
  const name = `baraza_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Call at the top of a test file; the returned function gives the file's database. */
export function setupTestDatabase(): () => Database {
  let db: Database | undefined;
  let drop = async () => {};
  beforeAll(async () => {
    delete process.env.BASE_URL; // Vitest sets it to "/" for Vite; the app reads it as its public URL.
    if (process.env.TEST_DB === "postgres") {
      const created = await createPostgresDatabase();
      process.env.DATABASE_URL = created.url;
      drop = created.drop;
    } else {
      delete process.env.DATABASE_URL;
      process.env.DATA_DIR = "memory://";
    }
    db = await getDb();
  });
  afterAll(async () => {
    await closeDb();
    await drop();
  });
  return () => {
    if (!db) throw new Error("the test database is not open yet (call it inside a test or hook)");
    return db;
  };
}
