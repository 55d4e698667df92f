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
import { and, eq, type AnyColumn, type ExtractTablesWithRelations, type SQL } from "drizzle-orm";
import pg from "pg";
import * as schema from "~db/schema";
import { getEnv, isInMemory } from "~/platform/env.server";
import { acquireDataDirLock } from "~/platform/data-dir-lock.server";
import { embeddedOptions } from "~/platform/pglite-durability.server";

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

/** The channel the database notifies when rows that in-memory caches hold change (migration 0010). */
export const cacheChannel = "baraza_cache";
/** A payload meaning "you may have missed notifications: forget everything". */
export const missedNotifications = "*";

type NotificationListener = (payload: string) => void;

/**
 * Notifications on `cacheChannel` of one database. `listen` starts listening on first use (tools
 * that never cache never hold a listening connection) and resolves once notifications flow.
 */
interface NotificationSource {
  listeners: Set<NotificationListener>;
  listen: () => Promise<void>;
}

const notificationSources = new WeakMap<Database, NotificationSource>();

/**
 * Calls `listener` with every payload notified on `cacheChannel` of `db`, including those of this
 * process's own writes, which arrive before the write's statement returns (decision 0022). Resolves
 * once listening; afterwards a lost listening connection is reported as `missedNotifications`.
 */
export async function onCacheNotification(db: Database, listener: NotificationListener): Promise<() => void> {
  const source = notificationSources.get(db);
  if (!source) throw new Error("onCacheNotification needs a database opened by openDatabase");
  source.listeners.add(listener);
  await source.listen();
  return () => source.listeners.delete(listener);
}

function notificationSource(start: (emit: NotificationListener) => Promise<void>): NotificationSource {
  const listeners = new Set<NotificationListener>();
  const emit = (payload: string) => {
    for (const listener of listeners) listener(payload);
  };
  let started: Promise<void> | undefined;
  return {
    listeners,
    listen: () => {
      started ??= start(emit).catch((error: unknown) => {
        started = undefined;
        throw error;
      });
      return started;
    },
  };
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
  let emit: NotificationListener = () => {};
  pool.on("connect", (client) => {
    client.on("error", reportLostConnection);
    // PostgreSQL tells a session of its own notifications only after the statement's answer, too
    // late for this process's next request: a write through this pool to a cached table drops
    // that table's whole cache as it commits, before the write returns (decision 0022).
    forgetCachedRowsOnCommit(client, (payload) => emit(payload));
  });
  const db = drizzleNodePostgres(pool, { schema }) as unknown as Database;
  let listener: pg.Client | undefined;
  let closed = false;
  const close = async () => {
    closed = true;
    await listener?.end().catch(() => undefined);
    await pool.end();
  };
  notificationSources.set(
    db,
    notificationSource(async (emitTo) => {
      emit = emitTo;
      // The other processes' changes arrive on a connection of its own, kept open even when the
      // pool is idle; when it is lost, caches forget everything and it reconnects.
      const connect = async (): Promise<void> => {
        const client = new pg.Client({ connectionString });
        listenOn(client, emit);
        client.on("error", reportLostConnection);
        client.on("end", () => {
          if (closed) return;
          emit(missedNotifications);
          setTimeout(() => void connect().catch(() => client.emit("end")), 1000).unref();
        });
        await client.connect();
        listener = client;
        await client.query(`listen ${cacheChannel}`);
        emit(missedNotifications);
      };
      await connect();
    }),
  );
  if (!migrate) return { db, close };
  // Several app processes may start at once against one server: only one migrates at a time.
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(727274)");
    await migrateNodePostgres(drizzleNodePostgres(client, { schema }), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock(727274)").catch(() => undefined);
    client.release();
  }
  return { db, close };
}

/** Tables whose rows the caches hold, by the kind of cache entry they feed (migration 0010). */
const cachedTables: Record<string, string> = {
  consultation: "consultation",
  institution_follow: "consultation",
  user: "actor",
  user_role: "actor",
  consultation_moderator: "actor",
  consultation_facilitator: "actor",
  institution_member: "actor",
  suspension: "actor",
};
const writeStatement =
  /^\s*(?:with\b[\s\S]*?\b)?(?:insert\s+into|update|delete\s+from)\s+(?:"?public"?\.)?"?([a-z_]+)"?/i;

/**
 * Wraps a pooled connection's `query` so that a write to a cached table, once committed (at once
 * outside a transaction, at COMMIT inside one), emits `<kind>:*` before its promise settles.
 */
function forgetCachedRowsOnCommit(client: pg.PoolClient, emit: NotificationListener) {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  let inTransaction = false;
  const touched = new Set<string>();
  const afterStatement = (text: string) => {
    const word = text.trimStart().slice(0, 8).toLowerCase();
    if (word.startsWith("begin")) inTransaction = true;
    else if (word.startsWith("rollback")) {
      inTransaction = false;
      touched.clear();
    } else if (word.startsWith("commit") || word.startsWith("end")) inTransaction = false;
    const table = writeStatement.exec(text)?.[1];
    const kind = table && cachedTables[table.toLowerCase()];
    if (kind) touched.add(kind);
    if (inTransaction || touched.size === 0) return;
    for (const each of touched) emit(`${each}:*`);
    touched.clear();
  };
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const first = args[0];
    const text = typeof first === "string" ? first : ((first as { text?: string } | undefined)?.text ?? "");
    const last = args[args.length - 1];
    if (typeof last === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        if (!error) afterStatement(text);
        (last as (error: unknown, result: unknown) => void)(error, result);
      };
      return original(...args);
    }
    const result = original(...args);
    if (result instanceof Promise) {
      return result.then((value: unknown) => {
        afterStatement(text);
        return value;
      });
    }
    return result;
  };
}

function listenOn(client: pg.Client | pg.PoolClient, emit: NotificationListener) {
  client.on("notification", (message) => {
    if (message.channel === cacheChannel) emit(message.payload ?? "");
  });
  void client.query(`listen ${cacheChannel}`).catch(() => undefined);
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
    // One process, one session: its notifications arrive as each statement returns.
    notificationSources.set(
      db,
      notificationSource(async (emit) => {
        await client.listen(cacheChannel, emit);
      }),
    );
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

/**
 * The row `id` of a table of consultation content, looked for only in `consultationId`: an id that a
 * form or an address names counts in the consultation addressed, never in another one.
 */
export function rowOfConsultation(
  table: { id: AnyColumn; consultationId: AnyColumn },
  consultationId: number,
  id: number,
) {
  return and(eq(table.id, id), eq(table.consultationId, consultationId)) as SQL;
}

/** True when the database holds no consultation yet: the moment to load the demo. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ id: schema.consultation.id }).from(schema.consultation).limit(1);
  return rows.length === 0;
}
