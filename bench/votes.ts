/**
 * `npm run bench:votes`: how fast the real vote action records votes, next to the fastest the
 * same database could do it, and whether every acknowledged vote is the one stored.
 *
 * For each database (PGlite always; PostgreSQL with `--postgres` or BENCH_DATABASE_URL):
 * 1. a fresh database gets the demo consultation and N members with real session cookies;
 * 2. the production server (server/index.ts) starts on it, and C clients on loopback post the
 *    vote form of /c/regional-production, as a browser without JavaScript would, for a fixed
 *    number of votes (after a short warm-up);
 * 3. the same client loop drives bench/baseline-server.ts, one INSERT … ON CONFLICT per request,
 *    on the same kind of database (PGlite can only be opened by one process: a copy of the
 *    prepared directory; PostgreSQL: the same database);
 * 4. each run's stored votes are compared with the acknowledged ones.
 *
 * Each member posts from an address of their own (X-Forwarded-For, which the server trusts from
 * loopback), as members do, so the per-address vote limit does not throttle the benchmark; the
 * per-member limit (120 a minute) is far above the ~26 votes each member sends.
 *
 * With `--processes 1,2` (PostgreSQL), the app runs once per count with WEB_CONCURRENCY=N
 * (node:cluster workers on one port) and each count's throughput is printed.
 *
 * Options: --postgres, --votes 3000, --clients 32, --members 200, --processes 1,2.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { voteValue, type VoteValue } from "~db/schema";
import { DEMO_CONSULTATION_SLUG } from "~db/seed/demo";
import { csrfFieldName } from "~/security/fields";
import { buildIfStale } from "../server/build-if-stale.js";
import { driveVotes, Ledger, summarize, type Target } from "./load";
import { createPostgresDatabase, forgetVotes, prepareDatabase, verify, type Prepared } from "./prepare";
import { startProcess } from "./process";

const { values: options } = parseArgs({
  options: {
    postgres: { type: "boolean", default: false },
    votes: { type: "string", default: "3000" },
    clients: { type: "string", default: "32" },
    members: { type: "string", default: "200" },
    processes: { type: "string" },
  },
});
const voteCount = Number(options.votes);
const clientCount = Number(options.clients);
const memberCount = Number(options.members);
const warmUpCount = Math.min(500, Math.ceil(voteCount / 10));
const authSecret = randomBytes(32).toString("hex");
/** App process counts to measure on PostgreSQL (WEB_CONCURRENCY); PGlite is always one process. */
const processCounts = (options.processes ?? "1")
  .split(",")
  .map((n) => Number(n.trim()))
  .filter((n) => Number.isInteger(n) && n >= 1);

const randomValue = (): VoteValue => voteValue.enumValues[Math.floor(Math.random() * voteValue.enumValues.length)]!;

interface RunResult {
  name: string;
  votesPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  refused: string;
  check: string;
}

async function run(
  name: string,
  start: () => Promise<{ url: string; stop: () => Promise<unknown> }>,
  target: Omit<Target, "url">,
  prepared: Prepared,
  env: Record<string, string>,
): Promise<RunResult> {
  const server = await start();
  const ledger = new Ledger();
  const drive = (count: number) =>
    driveVotes(
      { ...target, url: server.url },
      { members: prepared.members, clients: clientCount, count, ledger },
      () => ({
        priorityId: prepared.priorityIds[Math.floor(Math.random() * prepared.priorityIds.length)]!,
        value: randomValue(),
      }),
    );
  try {
    await drive(warmUpCount);
    const measured = await drive(voteCount);
    await server.stop();
    const figures = summarize(measured);
    return { name, ...figures, check: await verify(env, authSecret, ledger, prepared.members) };
  } finally {
    await server.stop();
  }
}

function appTarget(): Omit<Target, "url"> {
  return {
    path: `/c/${DEMO_CONSULTATION_SLUG}?index`,
    body: (member, vote) =>
      `intent=vote&priorityId=${vote.priorityId}&value=${vote.value}&${csrfFieldName}=${member.formToken}`,
    headers: (member) => ({ cookie: member.cookie, "x-forwarded-for": member.address }),
    // The answer to a form posted without JavaScript: back to the priority, with a confirmation.
    acknowledged: (status) => status === 302,
  };
}

function baselineTarget(): Omit<Target, "url"> {
  return {
    path: "/vote",
    body: (member, vote) => `priorityId=${vote.priorityId}&value=${vote.value}&userId=${member.id}`,
    headers: () => ({}),
    acknowledged: (status) => status === 204,
  };
}

const appServer = (env: Record<string, string>) => () =>
  startProcess("server/index.ts", { NODE_ENV: "production", AUTH_SECRET: authSecret, SEED_DEMO: "false", ...env });
const baselineServer = (env: Record<string, string>) => () =>
  startProcess("bench/baseline-server.ts", { NODE_ENV: "production", AUTH_SECRET: authSecret, ...env });

async function benchPglite(): Promise<RunResult[]> {
  const appDir = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-bench-app-"));
  const baselineDir = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-bench-baseline-"));
  try {
    const appEnv = { DATA_DIR: appDir };
    const baselineEnv = { DATA_DIR: baselineDir };
    const prepared = await prepareDatabase(appEnv, authSecret, memberCount);
    // The same prepared database for both: initialising a PGlite directory takes seconds.
    fs.cpSync(appDir, baselineDir, { recursive: true });
    return [
      await run("app (Remix vote action)", appServer(appEnv), appTarget(), prepared, appEnv),
      await run("baseline (one INSERT)", baselineServer(baselineEnv), baselineTarget(), prepared, baselineEnv),
    ];
  } finally {
    fs.rmSync(appDir, { recursive: true, force: true });
    fs.rmSync(baselineDir, { recursive: true, force: true });
  }
}

async function benchPostgres(adminUrl: string): Promise<RunResult[]> {
  const database = await createPostgresDatabase(adminUrl);
  const env = { DATABASE_URL: database.url };
  try {
    const prepared = await prepareDatabase(env, authSecret, memberCount);
    const apps: RunResult[] = [];
    for (const processes of processCounts) {
      const name =
        processCounts.length > 1 || processes > 1
          ? `app, ${processes} process${processes > 1 ? "es" : ""}`
          : "app (Remix vote action)";
      apps.push(await run(name, appServer({ ...env, WEB_CONCURRENCY: String(processes) }), appTarget(), prepared, env));
      await forgetVotes(env, authSecret, prepared.members);
    }
    const baseline = await run("baseline (one INSERT)", baselineServer(env), baselineTarget(), prepared, env);
    return [...apps, baseline];
  } finally {
    await database.drop();
  }
}

function report(title: string, results: RunResult[]) {
  const baseline = results[results.length - 1]!;
  const apps = results.slice(0, -1);
  const pad = (text: string, width: number) => text.padStart(width);
  console.log(`\n${title}: ${voteCount} votes, ${clientCount} clients, ${memberCount} members`);
  console.log(`${"".padEnd(26)}${pad("votes/s", 9)}${pad("p50 ms", 9)}${pad("p95 ms", 9)}${pad("p99 ms", 9)}  refused`);
  for (const r of results) {
    console.log(
      `${r.name.padEnd(26)}${pad(r.votesPerSecond.toFixed(0), 9)}${pad(r.p50.toFixed(1), 9)}${pad(r.p95.toFixed(1), 9)}${pad(r.p99.toFixed(1), 9)}  ${r.refused}`,
    );
  }
  for (const app of apps) {
    const label = apps.length > 1 ? ` (${app.name})` : "";
    console.log(
      `app ÷ baseline throughput${label}: ${((app.votesPerSecond / baseline.votesPerSecond) * 100).toFixed(0)} %`,
    );
  }
  for (const r of results) console.log(`stored = acknowledged, ${r.name}: ${r.check}`);
}

buildIfStale();
console.log(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"})`);
report("PGlite (embedded)", await benchPglite());
const postgresUrl =
  process.env.BENCH_DATABASE_URL || (options.postgres ? "postgres://postgres@127.0.0.1:5432/postgres" : undefined);
if (postgresUrl) report(`PostgreSQL (${new URL(postgresUrl).host})`, await benchPostgres(postgresUrl));
