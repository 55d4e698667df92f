/**
 * The ops socket of an embedded database: PGlite is one process per data directory, so while the
 * server holds it, `npm run backup` and `npm run jobs` ask the server itself, through a Unix socket
 * inside DATA_DIR. Only the data directory's owner can reach it (mode 0600, never a TCP port), and
 * it answers two reads: GET /backup (a gzipped dump) and GET /jobs (every job's state).
 * docs/decisions/0018-backups-as-logical-dumps.md
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { dumpDatabase, gzipLines } from "~db/dump";
import type { Database } from "~/platform/db.server";
import { isInMemory, type Env } from "~/platform/env.server";
import { listJobs } from "~/platform/jobs/runner.server";

/** Unix socket paths are limited to about 104 bytes. */
const MAX_SOCKET_PATH = 100;

export function opsSocketPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), "ops.sock");
}

/** Starts the socket when the database is embedded on disk; returns a function that closes it. */
export async function startOpsSocket(
  db: Database,
  env: Pick<Env, "databaseMode" | "DATA_DIR">,
): Promise<() => Promise<void>> {
  if (env.databaseMode !== "embedded" || isInMemory(env.DATA_DIR)) return async () => {};
  const socketPath = opsSocketPath(env.DATA_DIR);
  if (socketPath.length > MAX_SOCKET_PATH) {
    console.warn(`[ops] ${socketPath} is too long for a socket: back up with the server stopped.`);
    return async () => {};
  }
  // This process holds the data directory's lock, so a socket file left here is a dead server's.
  fs.rmSync(socketPath, { force: true });
  const server = http.createServer((request, response) => {
    answer(db, request, response).catch((error: unknown) => {
      console.warn("[ops] request failed:", error);
      response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, resolve);
  });
  fs.chmodSync(socketPath, 0o600);
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

async function answer(db: Database, request: http.IncomingMessage, response: http.ServerResponse) {
  if (request.method === "GET" && request.url === "/backup") {
    response.writeHead(200, { "Content-Type": "application/gzip" });
    const { emit, close } = gzipLines(response);
    await dumpDatabase(db, emit);
    await close();
  } else if (request.method === "GET" && request.url === "/jobs") {
    response.writeHead(200, { "Content-Type": "application/json" });
    response.end(JSON.stringify(await listJobs(db)));
  } else {
    response.writeHead(404).end();
  }
}

/**
 * Asks the server holding `dataDir` for `route`; null when no server is running there (no socket,
 * or one a killed server left behind), so the caller may open the data directory itself.
 */
export async function requestOpsSocket(dataDir: string, route: string): Promise<http.IncomingMessage | null> {
  const socketPath = opsSocketPath(dataDir);
  if (!fs.existsSync(socketPath)) return null;
  try {
    return await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get({ socketPath, path: route }, resolve).once("error", reject);
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ECONNREFUSED") return null;
    throw error;
  }
}
