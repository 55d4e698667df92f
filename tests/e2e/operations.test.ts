/**
 * Operating the server process, on one embedded server from start to stop: /healthz and /readyz,
 * WEB_CONCURRENCY refused on the embedded database, `npm run backup` while the server runs and
 * `npm run restore` into an empty data directory, and last a graceful stop on SIGTERM (the request
 * in flight finished, no new connection taken, the database closed, exit 0 within 10 s).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~/platform/db.server";
import { parseEnv } from "~/platform/env.server";
import { csrfFieldName } from "~/security/fields";
import { user } from "~db/schema";
import { dataDirsForThisFile } from "../support/data-dirs";
import { FormClient } from "../support/form-client";
import { freePort, runServerProcess, startServer, type RunningServer } from "../support/server";

const newDataDir = dataDirsForThisFile();

/** Runs an `npm run` script's command (`tsx ops/<name>.ts`) with DATA_DIR; resolves with its exit and output. */
function runOps(name: string, args: string[], dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", `ops/${name}.ts`, ...args], {
    env: { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir, DATABASE_URL: "", BASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

describe("one embedded server, from start to stop", () => {
  const dataDir = newDataDir();
  let server: RunningServer;
  beforeAll(async () => {
    // No demo: this file is about the process, and a smaller database starts faster.
    server = await startServer({ dataDir, env: { SEED_DEMO: "false", WEB_CONCURRENCY: "3" } });
  });
  afterAll(async () => {
    await server.stop();
  });

  it("answers /healthz, and /readyz with the database reachable and every migration applied", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { ready: boolean; migrations: { applied: number; expected: number } };
    expect(body.ready).toBe(true);
    expect(body.migrations.expected).toBeGreaterThan(0);
    expect(body.migrations.applied).toBe(body.migrations.expected);
  });

  it("refuses WEB_CONCURRENCY above 1 on the embedded database with a clear message, and serves with one", () => {
    expect(server.output()).toMatch(
      /WEB_CONCURRENCY=3 ignored: the embedded database is one process per data directory/,
    );
    expect(server.output().match(/Baraza is serving/g)).toHaveLength(1);
  });

  it("backs up while the server runs, and restores into an empty data directory", async () => {
    const signUp = await new FormClient(server.url).post("/sign-up", {
      name: "Backed Up",
      email: "kept@example.org",
      password: "a good long password",
    });
    expect(signUp.status).toBe(302);
    const backups = newDataDir();
    const backup = await runOps("backup", [backups], dataDir);
    expect(backup.code, backup.output).toBe(0);
    // The server kept its data directory and still serves.
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const files = fs.readdirSync(backups);
    expect(files).toEqual([expect.stringMatching(/^baraza-\d{4}-\d{2}-\d{2}T\d{6}Z\.jsonl\.gz$/)]);
    const file = path.join(backups, files[0]!);

    const restoredDir = newDataDir();
    const restored = await runOps("restore", [file], restoredDir);
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toMatch(/^Restored \d+ rows in \d+ tables/m);
    // A second restore into the now filled database is refused with one clear line.
    const again = await runOps("restore", [file], restoredDir);
    expect(again.code).toBe(1);
    expect(again.output.trim()).toMatch(/^The database is not empty/);

    const connection = await openDatabase(parseEnv({ DATA_DIR: restoredDir, NODE_ENV: "test" }));
    try {
      const rows = await connection.db.select().from(user).where(eq(user.email, "kept@example.org"));
      expect(rows).toHaveLength(1);
    } finally {
      await connection.close();
    }
  });

  it("on SIGTERM finishes the request in flight, takes no new connection, closes the database and exits 0 within 10 s", async () => {
    const { port } = new URL(server.url);
    // A sign-in whose body is still arriving when the signal comes: a request in flight. Its email
    // is invalid, so the answer comes without hashing a password, however busy the machine.
    // From the site's own sign-in page, so that the edge lets it through (server/csrf.ts).
    const page = new FormClient(server.url);
    await page.open("/sign-in");
    const body = new URLSearchParams({
      [csrfFieldName]: page.formToken,
      email: "not an address",
      password: "x",
    }).toString();
    const socket = net.connect(Number(port), "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    const answered = new Promise((resolve) => socket.once("close", resolve));
    socket.write(
      `POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
        `Origin: ${new URL(server.url).origin}\r\nCookie: ${page.cookieHeader}\r\n` +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 5)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const signalledAt = Date.now();
    const exit = server.stop("SIGTERM");
    await expect.poll(() => server.output(), { timeout: 5000 }).toContain("SIGTERM received");
    // No new connection is accepted any more…
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    // …but the request in flight is answered in full.
    socket.end(body.slice(5));
    await answered;
    expect(answer).toMatch(/^HTTP\/1\.1 [234]\d\d /);

    expect(await exit).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(server.output()).toContain("Stopped cleanly.");
    // The database was closed: the data directory's lock and the ops socket are gone.
    expect(fs.existsSync(path.join(dataDir, "baraza.lock"))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "ops.sock"))).toBe(false);
  });
});

it("stops with one line on a WEB_CONCURRENCY that is not a number", async () => {
  const { exited, output } = runServerProcess({ WEB_CONCURRENCY: "many", PORT: String(await freePort()) });
  expect(await exited).toBe(1);
  expect(output().trim()).toMatch(/^Invalid configuration: WEB_CONCURRENCY/);
});
