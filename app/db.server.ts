/**
 * The one database client of the app.
 *
 * No DATABASE_URL: an embedded PostgreSQL (PGlite) under DATA_DIR, guarded by a lock file so that a
 * second process refuses to open it. With DATABASE_URL: a node-postgres pool on a server. Both run
 * the same migrations from db/migrations (see docs/decisions/0002-pglite-by-default.md).
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzleNodePostgres } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePostgres } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import pg from "pg";
import * as schema from "../db/schema";
import { getEnv, isInMemory } from "./env.server";
import { acquireDataDirLock } from "./data-dir-lock.server";
import { embeddedOptions } from "./pglite-durability.server";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Domain functions accept either, so callers can compose them inside one transaction. */
export type Queryable = Database | Transaction;

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

interface Connection {
  db: Database;
  close: () => Promise<void>;
}

/**
 * Opens (and migrates) the database described by the environment. `migrate: false` is for tools
 * that must read a database as it is (a backup).
 */
export async function openDatabase(env = getEnv(), options: { migrate?: boolean } = {}): Promise<Connection> {
  const migrate = options.migrate ?? true;
  if (env.DATABASE_URL) return openServerDatabase(env.DATABASE_URL, migrate);
  return openEmbeddedDatabase(env.DATA_DIR, migrate, env.PGLITE_FSYNC);
}

async function openServerDatabase(connectionString: string, migrate: boolean): Promise<Connection> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // A connection the server drops (a restart, a failover, an administrator) must not bring the app
  // down: node-postgres emits it as an "error" event, which kills the process when nobody listens.
  // The pool replaces the connection; the request that was using it fails and says so.
  const reportLostConnection = (error: Error) => console.warn("[database] connection lost:", error.message);
  pool.on("error", reportLostConnection);
  pool.on("connect", (client) => client.on("error", reportLostConnection));
  const db = drizzleNodePostgres(pool, { schema }) as unknown as Database;
  if (!migrate) return { db, close: () => pool.end() };
  // Several app processes may start at once against one server: only one migrates at a time.
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(727274)");
    await migrateNodePostgres(drizzleNodePostgres(client, { schema }), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock(727274)").catch(() => undefined);
    client.release();
  }
  return { db, close: () => pool.end() };
}

async function openEmbeddedDatabase(dataDir: string, migrate: boolean, fsync: "on" | "off"): Promise<Connection> {
  let releaseLock = () => {};
  let pgliteDir: string = dataDir;
  if (!isInMemory(dataDir)) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = acquireDataDirLock(dataDir);
    pgliteDir = path.join(dataDir, "pglite");
  }
  try {
    // On disk: durable commits (fsync) unless PGLITE_FSYNC=off; in memory there is nothing to sync.
    const client = await PGlite.create(
      isInMemory(dataDir) ? { dataDir: pgliteDir } : embeddedOptions(pgliteDir, fsync),
    );
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    if (migrate) await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    return {
      db,
      close: async () => {
        await client.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

let connection: Promise<Connection> | undefined;

/** The process-wide database, opened and migrated on first use. */
export function getDb(): Promise<Database> {
  connection ??= openDatabase();
  return connection.then((c) => c.db);
}

export async function closeDb(): Promise<void> {
  if (!connection) return;
  const current = connection;
  connection = undefined;
  await (await current).close();
}

/** Runs raw SQL and returns its rows, the same way on both drivers. */
export async function queryRows<Row>(db: Queryable, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/** True when the database holds no consultation yet: the moment to load the demo. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ id: schema.consultation.id }).from(schema.consultation).limit(1);
  return rows.length === 0;
}
