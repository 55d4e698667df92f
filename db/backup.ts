/**
 * Backups, restores and the move from the embedded database to PostgreSQL, on top of the logical
 * dump (./dump.ts). The commands in ops/ are thin wrappers around these functions.
 */
import fs from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { openDatabase } from "~/platform/db.server";
import { parseEnv, type Env } from "~/platform/env.server";
import { requestOpsSocket } from "~/platform/ops/ops-socket.server";
import {
  databaseChecksums,
  DumpError,
  dumpToFile,
  nonEmptyTables,
  readDumpFile,
  restoreDatabase,
  type TableChecksum,
} from "./dump";

/** `baraza-2026-12-05T011500Z.jsonl.gz`: sorts by date, and says when it was taken. */
export function backupFileName(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replaceAll(":", "");
  return `baraza-${stamp}.jsonl.gz`;
}

/**
 * Writes a consistent dump of the configured database into `directory`, while the app runs:
 * PostgreSQL is read directly; an embedded database is read by the server holding it, through its
 * ops socket, or opened here when no server runs. Returns the file written.
 */
export async function backup(env: Env, directory: string): Promise<string> {
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, backupFileName());
  try {
    const response = env.databaseMode === "embedded" ? await requestOpsSocket(env.DATA_DIR, "/backup") : null;
    if (response) {
      await saveServerBackup(response, file);
    } else {
      const connection = await openDatabase(env, { migrate: false });
      try {
        await dumpToFile(connection.db, file);
      } finally {
        await connection.close();
      }
    }
  } catch (error) {
    fs.rmSync(file, { force: true }); // never leave half a backup that looks like a whole one
    throw error;
  }
  return file;
}

async function saveServerBackup(response: http.IncomingMessage, file: string): Promise<void> {
  if (response.statusCode !== 200) {
    response.resume();
    throw new DumpError(`The running server refused the backup (HTTP ${response.statusCode}).`);
  }
  await pipeline(response, fs.createWriteStream(file, { flags: "wx" }));
}

/** Loads a backup into the configured database, which must be empty (it is migrated first). */
export async function restore(env: Env, file: string): Promise<Record<string, number>> {
  if (!fs.existsSync(file)) throw new DumpError(`No such backup file: ${file}`);
  const connection = await openDatabase(env);
  try {
    return await restoreDatabase(connection.db, readDumpFile(file));
  } finally {
    await connection.close();
  }
}

export interface MoveReport {
  tables: Record<string, TableChecksum>;
  rows: number;
}

/**
 * Copies the embedded database of `env` (DATA_DIR; its server stopped) into the empty PostgreSQL
 * database at `targetUrl`, then proves the copy: every table's row count and checksum, and every
 * sequence, equal on both sides.
 */
export async function moveToPostgres(env: Env, targetUrl: string): Promise<MoveReport> {
  if (env.databaseMode !== "embedded")
    throw new DumpError("Unset DATABASE_URL: the move reads the embedded database in DATA_DIR.");
  const target = await openDatabase(parseEnv({ ...process.env, DATABASE_URL: targetUrl }));
  const source = await openDatabase(env).catch(async (error: unknown) => {
    await target.close();
    throw error;
  });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-move-"));
  try {
    const filled = await nonEmptyTables(target.db);
    if (filled.length > 0)
      throw new DumpError(`The PostgreSQL database is not empty (${filled.slice(0, 5).join(", ")}…).`);
    const file = path.join(scratch, "move.jsonl.gz");
    await dumpToFile(source.db, file);
    await restoreDatabase(target.db, readDumpFile(file));
    const [before, after] = await Promise.all([databaseChecksums(source.db), databaseChecksums(target.db)]);
    const differing = Object.keys({ ...before, ...after }).filter(
      (name) => before[name]?.rows !== after[name]?.rows || before[name]?.checksum !== after[name]?.checksum,
    );
    if (differing.length > 0) throw new DumpError(`The copy differs from the original in: ${differing.join(", ")}.`);
    return { tables: before, rows: Object.values(before).reduce((sum, t) => sum + t.rows, 0) };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    await Promise.all([source.close(), target.close()]);
  }
}
