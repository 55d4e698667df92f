/**
 * A logical dump of Baraza's database, the same on PGlite and PostgreSQL, for `npm run backup`,
 * `npm run restore` and `npm run db:move` (docs/decisions/0018-backups-as-logical-dumps.md).
 *
 * The dump is read in one REPEATABLE READ transaction, so it is one consistent picture while the
 * app keeps running. It is JSON lines (gzipped in files): control lines are arrays, rows are the
 * objects `row_to_json` gives, which PostgreSQL reads back exactly with `json_populate_recordset`
 * (timestamps, jsonb, arrays, bytea), so no type is converted by hand.
 *
 *   ["baraza-dump", 1, { createdAt, migration }]
 *   ["table", "comment"]
 *   {"id":1,"body":"…",…}
 *   ["sequence", "comment_id_seq", 42, true]
 *   ["end", { "comment": 1, … }]
 */
import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import readline from "node:readline";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import { queryRows, type Database, type Queryable } from "~/platform/db.server";

const FORMAT = "baraza-dump";
const VERSION = 1;
/** Rows fetched from the cursor, and inserted, per statement. */
const BATCH = 500;

export class DumpError extends Error {
  override name = "DumpError";
}

/** The tables of the app (better-auth's included), in a stable order. */
export async function listTables(db: Queryable): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  return rows.map((r) => r.name);
}

async function listSequences(db: Queryable): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = 'S' order by 1`,
  );
  return rows.map((r) => r.name);
}

/** The hash of the last migration applied: a dump loads only into a database at the same schema. */
async function lastMigration(db: Queryable): Promise<string | null> {
  const [row] = await queryRows<{ hash: string }>(
    db,
    sql`select hash from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1`,
  );
  return row?.hash ?? null;
}

/** Runs `work` in one read-only snapshot, with timestamps written in UTC whatever the server's zone. */
function inSnapshot<T>(db: Database, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set transaction isolation level repeatable read, read only`);
    await tx.execute(sql`set local timezone = 'UTC'`);
    return work(tx);
  });
}

/** Writes the whole database to `emit`, one line at a time; returns the rows per table. */
export async function dumpDatabase(
  db: Database,
  emit: (line: string) => Promise<void>,
): Promise<Record<string, number>> {
  return inSnapshot(db, async (tx) => {
    await emit(
      JSON.stringify([FORMAT, VERSION, { createdAt: new Date().toISOString(), migration: await lastMigration(tx) }]),
    );
    const counts: Record<string, number> = {};
    for (const table of await listTables(tx)) {
      await emit(JSON.stringify(["table", table]));
      counts[table] = 0;
      // A cursor keeps memory flat however large the table.
      await tx.execute(
        sql`declare baraza_dump no scroll cursor for select row_to_json(t)::text as row from ${sql.identifier(table)} t`,
      );
      for (;;) {
        const rows = await queryRows<{ row: string }>(tx, sql.raw(`fetch ${BATCH} from baraza_dump`));
        for (const { row } of rows) await emit(row);
        counts[table] += rows.length;
        if (rows.length < BATCH) break;
      }
      await tx.execute(sql`close baraza_dump`);
    }
    for (const sequence of await listSequences(tx)) {
      const [state] = await queryRows<{ last_value: string | number; is_called: boolean }>(
        tx,
        sql`select last_value, is_called from ${sql.identifier(sequence)}`,
      );
      await emit(JSON.stringify(["sequence", sequence, Number(state!.last_value), state!.is_called]));
    }
    await emit(JSON.stringify(["end", counts]));
    return counts;
  });
}

/** Writes lines into `out` gzipped, waiting when it is full; `close` ends it and waits until flushed. */
export function gzipLines(out: Writable): { emit: (line: string) => Promise<void>; close: () => Promise<void> } {
  const gzip = createGzip();
  gzip.pipe(out);
  return {
    emit: async (line) => {
      if (!gzip.write(`${line}\n`)) await once(gzip, "drain");
    },
    close: async () => {
      gzip.end();
      await finished(out);
    },
  };
}

/** Dumps the database into a gzipped file. */
export async function dumpToFile(db: Database, file: string): Promise<Record<string, number>> {
  const { emit, close } = gzipLines(createWriteStream(file, { flags: "wx" }));
  const counts = await dumpDatabase(db, emit);
  await close();
  return counts;
}

/**
 * The lines of a gzipped dump file, read from the first `next()` on: a readline interface drops
 * the lines it reads before someone iterates it, so it is opened only then.
 */
export async function* readDumpFile(file: string): AsyncGenerator<string> {
  yield* readline.createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
}

type ControlLine =
  | [typeof FORMAT, number, { createdAt: string; migration: string | null }]
  | ["table", string]
  | ["sequence", string, number, boolean]
  | ["end", Record<string, number>];

/** Tables that hold any row: a restore goes only into an empty database. */
export async function nonEmptyTables(db: Queryable): Promise<string[]> {
  const found: string[] = [];
  for (const table of await listTables(db)) {
    const [row] = await queryRows<{ any: boolean }>(
      db,
      sql`select exists (select 1 from ${sql.identifier(table)}) as any`,
    );
    if (row?.any) found.push(table);
  }
  return found;
}

/**
 * Loads a dump into `db`, which must be migrated to the dump's schema and hold no rows. All or
 * nothing: one transaction. Foreign keys and triggers are not checked row by row
 * (`session_replication_role = replica`): the rows come from a consistent database, and their
 * order in the dump is not the order of their references. Returns the rows per table.
 */
export async function restoreDatabase(db: Database, lines: AsyncIterable<string>): Promise<Record<string, number>> {
  const filled = await nonEmptyTables(db);
  if (filled.length > 0) {
    throw new DumpError(
      `The database is not empty (${filled.slice(0, 5).join(", ")}…): restore only into an empty one.`,
    );
  }
  const migration = await lastMigration(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    const counts: Record<string, number> = {};
    let table: string | null = null;
    let columns = sql``;
    let batch: string[] = [];
    let ended: Record<string, number> | null = null;
    let headerSeen = false;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      await tx.execute(
        sql`insert into ${sql.identifier(table)} (${columns}) overriding system value
            select ${columns} from json_populate_recordset(null::${sql.identifier(table)}, ${`[${batch.join(",")}]`}::json)`,
      );
      counts[table] = (counts[table] ?? 0) + batch.length;
      batch = [];
    };
    for await (const line of lines) {
      if (line === "") continue;
      if (line.startsWith("{")) {
        if (!table) throw new DumpError("The dump has a row before any table.");
        batch.push(line);
        if (batch.length >= BATCH) await flush();
        continue;
      }
      const control = JSON.parse(line) as ControlLine;
      if (!headerSeen) {
        if (control[0] !== FORMAT || control[1] !== VERSION) throw new DumpError("This file is not a Baraza dump.");
        if (control[2].migration !== migration) {
          throw new DumpError(
            "The dump was taken at another schema version than this database's: restore it with the Baraza version that wrote it.",
          );
        }
        headerSeen = true;
        continue;
      }
      await flush();
      if (control[0] === "table") {
        table = control[1];
        columns = sql.join(
          (await writableColumns(tx, table)).map((c) => sql.identifier(c)),
          sql`, `,
        );
        counts[table] = 0;
      } else if (control[0] === "sequence") {
        // setval takes the sequence's name as text, quoted as an identifier.
        const name = `public."${control[1].replaceAll('"', '""')}"`;
        await tx.execute(sql`select setval(${name}::regclass, ${control[2]}, ${control[3]})`);
      } else if (control[0] === "end") {
        ended = control[1];
      }
    }
    await flush();
    if (!ended) throw new DumpError("The dump is cut short (no end marker): nothing was restored.");
    for (const [name, rows] of Object.entries(ended)) {
      if (counts[name] !== rows)
        throw new DumpError(`The dump's table ${name} should hold ${rows} rows, not ${counts[name]}.`);
    }
    return counts;
  });
}

/** The columns a row can be written to: not generated by the database. */
async function writableColumns(db: Queryable, table: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select column_name as name from information_schema.columns
         where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
         order by ordinal_position`,
  );
  if (rows.length === 0) throw new DumpError(`The dump names a table this database does not have: ${table}.`);
  return rows.map((r) => r.name);
}

export interface TableChecksum {
  rows: number;
  checksum: string;
}

/**
 * Rows and an order-independent checksum of every table, plus each sequence's position, read in
 * one snapshot: two databases with equal checksums hold the same data.
 */
export async function databaseChecksums(db: Database): Promise<Record<string, TableChecksum>> {
  return inSnapshot(db, async (tx) => {
    const result: Record<string, TableChecksum> = {};
    for (const table of await listTables(tx)) {
      const [row] = await queryRows<TableChecksum>(
        tx,
        sql`select count(*)::int as rows,
                   coalesce(md5(string_agg(h, '' order by h)), '') as checksum
              from (select md5(row_to_json(t)::text) as h from ${sql.identifier(table)} t) hashed`,
      );
      result[table] = row!;
    }
    for (const sequence of await listSequences(tx)) {
      const [row] = await queryRows<{ last_value: string | number; is_called: boolean }>(
        tx,
        sql`select last_value, is_called from ${sql.identifier(sequence)}`,
      );
      result[`sequence ${sequence}`] = { rows: 0, checksum: `${row!.last_value}:${row!.is_called}` };
    }
    return result;
  });
}
