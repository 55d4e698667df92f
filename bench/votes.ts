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
 * Options: --postgres, --votes 3000, --clients 32, --members 200.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, asc, eq, inArray } from "drizzle-orm";
import pg from "pg";
import { openDatabase } from "../app/db.server";
import { parseEnv } from "../app/env.server";
import { consultation, priority, session, user, vote, voteValue, type VoteValue } from "../db/schema";
import { DEMO_CONSULTATION_SLUG, seedDemo } from "../db/seed/demo";
import { csrfFieldName } from "../app/security/fields";
import { buildIfStale } from "../server/build-if-stale.js";
import { csrfCookieName, formToken } from "../server/csrf";
import { driveVotes, Ledger, summarize, type BenchMember, type Target } from "./load";
import { startProcess } from "./process";

const { values: options } = parseArgs({
  options: {
    postgres: { type: "boolean", default: false },
    votes: { type: "string", default: "3000" },
    clients: { type: "string", default: "32" },
    members: { type: "string", default: "200" },
  },
});
const voteCount = Number(options.votes);
const clientCount = Number(options.clients);
const memberCount = Number(options.members);
const warmUpCount = Math.min(500, Math.ceil(voteCount / 10));
const authSecret = randomBytes(32).toString("hex");

interface Prepared {
  members: BenchMember[];
  priorityIds: number[];
}

/** The demo consultation and `memberCount` members, each with a session as better-auth would sign it. */
async function prepareDatabase(env: Record<string, string>): Promise<Prepared> {
  const { db, close } = await openDatabase(parseEnv({ ...env, AUTH_SECRET: authSecret }));
  try {
    await seedDemo(db);
    const priorities = await db
      .select({ id: priority.id })
      .from(priority)
      .innerJoin(consultation, eq(consultation.id, priority.consultationId))
      .where(and(eq(consultation.slug, DEMO_CONSULTATION_SLUG), eq(priority.status, "approved")))
      .orderBy(asc(priority.position));
    const members = Array.from({ length: memberCount }, (_, index): BenchMember & { token: string } => {
      const token = randomBytes(24).toString("base64url");
      // better-auth's cookie: the token, a dot and its HMAC-SHA256 in base64, URI-encoded.
      const signature = createHmac("sha256", authSecret).update(token).digest("base64");
      const session = `${token}.${signature}`;
      // The form token a page would have given this member (server/csrf.ts), with its cookie.
      const seed = randomBytes(24).toString("base64url");
      return {
        id: randomUUID(),
        token,
        cookie: `better-auth.session_token=${encodeURIComponent(session)}; ${csrfCookieName(false)}=${seed}`,
        formToken: formToken(authSecret, seed, session),
        address: `10.77.${Math.floor(index / 250)}.${(index % 250) + 1}`,
      };
    });
    await db
      .insert(user)
      .values(members.map((m, i) => ({ id: m.id, name: `Bench member ${i + 1}`, email: `bench-${m.id}@example.org` })));
    const expiresAt = new Date(Date.now() + 24 * 60 * 60 * 1000);
    await db
      .insert(session)
      .values(members.map((m) => ({ id: randomUUID(), token: m.token, userId: m.id, expiresAt })));
    return { members, priorityIds: priorities.map((p) => p.id) };
  } finally {
    await close();
  }
}

/** Stored votes of the bench members equal the last acknowledged ones, and no other row exists. */
async function verify(env: Record<string, string>, ledger: Ledger, members: readonly BenchMember[]): Promise<string> {
  const { db, close } = await openDatabase(parseEnv({ ...env, AUTH_SECRET: authSecret }));
  try {
    const rows = await db
      .select({ userId: vote.userId, priorityId: vote.priorityId, value: vote.value })
      .from(vote)
      .where(
        inArray(
          vote.userId,
          members.map((m) => m.id),
        ),
      );
    const problems = ledger.compare(rows);
    return problems.length === 0
      ? `yes: ${rows.length} stored rows = ${ledger.size} acknowledged member × priority pairs`
      : `NO: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""}`;
  } finally {
    await close();
  }
}

async function forgetVotes(env: Record<string, string>, members: readonly BenchMember[]): Promise<void> {
  const { db, close } = await openDatabase(parseEnv({ ...env, AUTH_SECRET: authSecret }));
  try {
    await db.delete(vote).where(
      inArray(
        vote.userId,
        members.map((m) => m.id),
      ),
    );
  } finally {
    await close();
  }
}

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
    return { name, ...figures, check: await verify(env, ledger, prepared.members) };
  } finally {
    await server.stop();
  }
}

function appTarget(): Omit<Target, "url"> {
  return {
    path: `/c/${DEMO_CONSULTATION_SLUG}`,
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
    const prepared = await prepareDatabase(appEnv);
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
  const name = `baraza_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString() };
  try {
    const prepared = await prepareDatabase(env);
    const app = await run("app (Remix vote action)", appServer(env), appTarget(), prepared, env);
    await forgetVotes(env, prepared.members);
    const baseline = await run("baseline (one INSERT)", baselineServer(env), baselineTarget(), prepared, env);
    return [app, baseline];
  } finally {
    await dropWhenIdle(admin, name);
    await admin.end();
  }
}

/**
 * A pool's end() resolves before its sockets have closed: dropping "with (force)" at once would
 * kill those connections under our feet, so wait (briefly) for them to go first.
 */
async function dropWhenIdle(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { rows } = await admin.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = $1",
      [name],
    );
    if (rows[0]?.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await admin.query(`drop database if exists ${name} with (force)`);
}

function report(title: string, [app, baseline]: RunResult[]) {
  const pad = (text: string, width: number) => text.padStart(width);
  console.log(`\n${title}: ${voteCount} votes, ${clientCount} clients, ${memberCount} members`);
  console.log(`${"".padEnd(26)}${pad("votes/s", 9)}${pad("p50 ms", 9)}${pad("p95 ms", 9)}${pad("p99 ms", 9)}  refused`);
  for (const r of [app!, baseline!]) {
    console.log(
      `${r.name.padEnd(26)}${pad(r.votesPerSecond.toFixed(0), 9)}${pad(r.p50.toFixed(1), 9)}${pad(r.p95.toFixed(1), 9)}${pad(r.p99.toFixed(1), 9)}  ${r.refused}`,
    );
  }
  console.log(`app ÷ baseline throughput: ${((app!.votesPerSecond / baseline!.votesPerSecond) * 100).toFixed(0)} %`);
  console.log(`stored = acknowledged, app: ${app!.check}`);
  console.log(`stored = acknowledged, baseline: ${baseline!.check}`);
}

buildIfStale();
console.log(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"})`);
report("PGlite (embedded)", await benchPglite());
const postgresUrl =
  process.env.BENCH_DATABASE_URL || (options.postgres ? "postgres://postgres@127.0.0.1:5432/postgres" : undefined);
if (postgresUrl) report(`PostgreSQL (${new URL(postgresUrl).host})`, await benchPostgres(postgresUrl));
