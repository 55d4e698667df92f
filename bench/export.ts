/**
 * `npm run bench:export`: how fast the real export route streams a large consultation, next to the
 * fastest bulk read the same database offers, and how much memory the export takes.
 *
 * 1. A fresh database (PGlite in a temporary directory; PostgreSQL when BENCH_DATABASE_URL or
 *    DATABASE_URL is set: a new database on that server) gets a closed consultation with 10
 *    priorities, 1,000,000 votes from 100,000 members and 100,000 comments (1 % hidden), written
 *    with INSERT … SELECT generate_series, and an admin with a session as better-auth signs it.
 * 2. The loader of /c/:slug/export/:file (app/routes/c+/$slug+/_institution+/export_.$file.ts) is called in this
 *    process, as Remix calls it, for votes.csv, votes.xlsx, comments.csv and comments.xlsx; its
 *    body is read to the end. Resident memory is sampled at every chunk.
 * 3. The baseline reads the same rows in bulk: PostgreSQL's `COPY (…) TO STDOUT` through psql, or
 *    on PGlite its `COPY (…) TO '/dev/blob'`.
 *
 * Each figure is the best of `--runs` (3): the first run also warms V8's compiler and the database's
 * caches, as a server that has been up for a while has them; resident growth is the largest seen.
 *
 * Options: --scale 0.1 (a tenth of the rows, for a quick run); --postgres (the server of
 * BENCH_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres); --runs 3.
 */
import { spawn } from "node:child_process";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import pg from "pg";
import { closeDb, getDb, queryRows, type Database } from "~/platform/db.server";
import { loader } from "~/routes/c+/$slug+/_institution+/export_.$file";
import { session, user, userRole } from "~db/schema";

const { values: options } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    postgres: { type: "boolean", default: false },
    runs: { type: "string", default: "3" },
  },
});
const runs = Number(options.runs);
if (!(Number.isInteger(runs) && runs >= 1)) throw new Error("--runs must be a whole number, 1 or more");
const scale = Number(options.scale);
if (!(scale > 0 && scale <= 10)) throw new Error("--scale must be a number above 0 and at most 10");
const PRIORITIES = 10;
const memberCount = Math.round(100_000 * scale);
const commentCount = Math.round(100_000 * scale);
const SLUG = "bench-exports";
const authSecret = randomBytes(32).toString("hex");

/** The rows each export holds, as the baseline reads them (the export adds the participant hash). */
const baselineQueries = {
  votes: (consultationId: number) =>
    `select v.id, v.priority_id, v.user_id, v.value, v.entered_by_id is not null, v.created_at, v.updated_at
     from vote v where v.consultation_id = ${consultationId} order by v.id`,
  comments: (consultationId: number) =>
    `select c.id, c.priority_id, c.parent_id, c.author_id, c.body, c.language, c.stance, c.endorsement_count,
            c.entered_by_id is not null, c.created_at, c.edited_at
     from comment c where c.consultation_id = ${consultationId} and c.status = 'published' order by c.id`,
};

async function generate(db: Database): Promise<{ consultationId: number; cookie: string }> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into consultation (slug, title, summary, context, phase)
        values (${SLUG}, '{"en": "Export benchmark"}', '{"en": "-"}', '{"en": "-"}', 'closed') returning id`,
  );
  const consultationId = row!.id;
  await db.execute(sql`insert into priority (consultation_id, position, title, body, category)
    select ${consultationId}, g, jsonb_build_object('en', 'Priority ' || g, 'fr', 'Priorité ' || g),
           jsonb_build_object('en', 'Body'), 'financing'
    from generate_series(1, ${PRIORITIES}) g`);
  await db.execute(sql`insert into "user" (id, name, email)
    select 'bench-user-' || g, 'Bench member ' || g, 'bench-' || g || '@example.org'
    from generate_series(1, ${memberCount}) g`);
  // Each member votes down the page, as people do: ids follow members, then priorities.
  await db.execute(sql`insert into vote (consultation_id, priority_id, user_id, value, created_at, updated_at)
    select ${consultationId}, p.id, 'bench-user-' || g,
           (array['agree', 'disagree', 'pass']::vote_value[])[1 + (g + p.position) % 3],
           now() - make_interval(secs => g), now()
    from generate_series(1, ${memberCount}) g
    cross join (select id, position from priority where consultation_id = ${consultationId} order by position) p`);
  await db.execute(sql`insert into comment (consultation_id, priority_id, author_id, body, language, stance, status, created_at)
    select ${consultationId}, p.id, 'bench-user-' || (1 + g % ${memberCount}),
           'Comment ' || g || ': "local production", not only imports,' || chr(10) || 'and fair prices for the region.',
           (array['en', 'fr', 'ar', 'sw'])[1 + g % 4],
           (array['supports', 'concerns', 'question', null]::comment_stance[])[1 + g % 4],
           (case when g % 100 = 0 then 'hidden' else 'published' end)::content_status,
           now() - make_interval(secs => g)
    from generate_series(1, ${commentCount}) g
    join priority p on p.consultation_id = ${consultationId} and p.position = 1 + g % ${PRIORITIES}`);
  await db.execute(sql`analyze`);

  const adminId = randomUUID();
  const token = randomBytes(24).toString("base64url");
  // Staff powers need a verified second factor (decision 0026): the bench admin has one.
  await db.insert(user).values({
    id: adminId,
    name: "Bench admin",
    email: `bench-admin-${adminId}@example.org`,
    emailVerified: true,
    twoFactorEnabled: true,
  });
  await db.insert(userRole).values({ userId: adminId, role: "admin" });
  await db.insert(session).values({
    id: randomUUID(),
    token,
    userId: adminId,
    expiresAt: new Date(Date.now() + 24 * 60 * 60 * 1000),
  });
  // better-auth's cookie: the token, a dot and its HMAC-SHA256 in base64, URI-encoded.
  const signature = createHmac("sha256", authSecret).update(token).digest("base64");
  return { consultationId, cookie: `better-auth.session_token=${encodeURIComponent(`${token}.${signature}`)}` };
}

interface Measure {
  name: string;
  rows: number;
  seconds: number;
  bytes: number;
  rssGrowth: number | null;
  /** Growth of the JavaScript heap alone (PGlite's own memory, inside RSS, is not in it). */
  heapGrowth: number | null;
}

function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * The route, called as Remix calls it; its body read to the end, memory sampled at every chunk.
 * With `liveHeap`, a full garbage collection before each sample (every 200 ms): slower, but what the heap then
 * holds is what the export keeps alive, not garbage V8 has not collected yet.
 */
async function throughRoute(file: string, rows: number, cookie: string, liveHeap = false): Promise<Measure> {
  settle();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const started = performance.now();
  const request = new Request(`http://localhost/c/${SLUG}/export/${file}`, { headers: { cookie } });
  const response = (await loader({ request, params: { slug: SLUG, file }, context: {} })) as Response;
  if (response.status !== 200 || !response.body) throw new Error(`${file}: ${response.status}`);
  const reader = response.body.getReader();
  let bytes = 0;
  let lastCollection = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (liveHeap) {
      if (performance.now() - lastCollection < 200) continue;
      settle();
      lastCollection = performance.now();
    }
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }
  return {
    name: `route ${file}`,
    rows,
    seconds: (performance.now() - started) / 1000,
    bytes,
    rssGrowth: peakRss - before.rss,
    heapGrowth: peakHeap - before.heapUsed,
  };
}

/** PGlite's fastest bulk read: COPY into its in-memory blob device. */
async function pgliteCopy(db: Database, name: string, query: string, rows: number): Promise<Measure> {
  const client = (db as unknown as { $client: PGlite }).$client;
  const started = performance.now();
  const result = await client.query(`copy (${query}) to '/dev/blob' with (format csv, header)`);
  const seconds = (performance.now() - started) / 1000;
  return { name, rows, seconds, bytes: result.blob?.size ?? 0, rssGrowth: null, heapGrowth: null };
}

/** PostgreSQL's COPY … TO STDOUT, through psql, bytes counted as they arrive. */
async function postgresCopy(url: string, name: string, query: string, rows: number): Promise<Measure> {
  const started = performance.now();
  const child = spawn("psql", [url, "-X", "-q", "-c", `copy (${query}) to stdout with (format csv, header)`], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let bytes = 0;
  child.stdout.on("data", (chunk: Buffer) => (bytes += chunk.length));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`psql exited with ${code}`);
  return { name, rows, seconds: (performance.now() - started) / 1000, bytes, rssGrowth: null, heapGrowth: null };
}

/** The fastest of `runs` measures, with the largest memory growth any of them showed. */
async function bestOf(measure: () => Promise<Measure>): Promise<Measure> {
  const all: Measure[] = [];
  for (let i = 0; i < runs; i++) all.push(await measure());
  const largest = (pick: (m: Measure) => number | null) => {
    const values = all.map(pick).filter((v): v is number => v !== null);
    return values.length > 0 ? Math.max(...values) : null;
  };
  const fastest = all.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  return { ...fastest, rssGrowth: largest((m) => m.rssGrowth), heapGrowth: largest((m) => m.heapGrowth) };
}

async function run(label: string, databaseUrl: string | null): Promise<void> {
  const db = await getDb();
  const generating = performance.now();
  const { consultationId, cookie } = await generate(db);
  const [counts] = await queryRows<{ votes: number; comments: number }>(
    db,
    sql`select (select count(*)::int from vote where consultation_id = ${consultationId}) as votes,
               (select count(*)::int from comment where consultation_id = ${consultationId} and status = 'published') as comments`,
  );
  console.log(
    `\n${label}: ${counts!.votes.toLocaleString("en")} votes, ${counts!.comments.toLocaleString("en")} published comments ` +
      `(generated in ${((performance.now() - generating) / 1000).toFixed(1)} s)`,
  );
  const tables = [
    { table: "votes", rows: counts!.votes },
    { table: "comments", rows: counts!.comments },
  ] as const;
  // The first request opens better-auth and warms the route's modules: not what is measured.
  for (let i = 0; i < 3; i++) await throughRoute("moderation_summary.csv", 0, cookie);
  const overhead = await throughRoute("moderation_summary.csv", 0, cookie);
  console.log(
    `one request for an empty table (sign-in check, audit row, headers): ${(overhead.seconds * 1000).toFixed(0)} ms`,
  );
  const results: { baseline: Measure; exports: Measure[] }[] = [];
  for (const { table, rows } of tables) {
    const query = baselineQueries[table](consultationId);
    const baseline = await bestOf(() =>
      databaseUrl
        ? postgresCopy(databaseUrl, `COPY ${table} (baseline)`, query, rows)
        : pgliteCopy(db, `COPY ${table} (baseline)`, query, rows),
    );
    const exports = [
      await bestOf(() => throughRoute(`${table}.csv`, rows, cookie)),
      await bestOf(() => throughRoute(`${table}.xlsx`, rows, cookie)),
    ];
    results.push({ baseline, exports });
  }
  report(results);
  console.log("live heap (a full collection every 200 ms; not timed):");
  for (const { table, rows } of tables) {
    for (const format of ["csv", "xlsx"]) {
      const m = await throughRoute(`${table}.${format}`, rows, cookie, true);
      console.log(
        `  ${`${table}.${format}`.padEnd(16)} peak live heap growth ${(m.heapGrowth! / 1024 / 1024).toFixed(1)} MB`,
      );
    }
  }
}

function report(results: { baseline: Measure; exports: Measure[] }[]): void {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `${"".padEnd(24)}${"rows".padStart(10)}${"seconds".padStart(9)}${"rows/s".padStart(10)}${"MB".padStart(8)}` +
      `${"÷ COPY".padStart(8)}${"RSS +MB".padStart(9)}${"heap +MB".padStart(10)}`,
  );
  for (const { baseline, exports } of results) {
    const baseRate = baseline.rows / baseline.seconds;
    for (const m of [baseline, ...exports]) {
      const rate = m.rows / m.seconds;
      console.log(
        `${m.name.padEnd(24)}${m.rows.toString().padStart(10)}${m.seconds.toFixed(2).padStart(9)}` +
          `${rate.toFixed(0).padStart(10)}${mb(m.bytes).padStart(8)}` +
          `${(m === baseline ? "" : `${((rate / baseRate) * 100).toFixed(0)} %`).padStart(8)}` +
          `${(m.rssGrowth === null ? "" : mb(m.rssGrowth)).padStart(9)}` +
          `${(m.heapGrowth === null ? "" : mb(m.heapGrowth)).padStart(10)}`,
      );
    }
  }
  const csv = results.flatMap((r) => r.exports.filter((m) => m.name.endsWith(".csv")));
  const worstCsv = Math.min(
    ...results.map((r) => {
      const m = r.exports.find((e) => e.name.endsWith(".csv"))!;
      return m.rows / m.seconds / (r.baseline.rows / r.baseline.seconds);
    }),
  );
  const peak = Math.max(...results.flatMap((r) => r.exports.map((m) => m.rssGrowth ?? 0)));
  console.log(
    `CSV ÷ COPY (lowest): ${(worstCsv * 100).toFixed(0)} % (target ≥ 50 %) over ${csv.length} tables; ` +
      `peak RSS growth ${mb(peak)} MB (target < 64 MB)`,
  );
}

async function benchPglite(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-bench-export-"));
  Object.assign(process.env, { DATA_DIR: dataDir, DATABASE_URL: "" });
  try {
    await run("PGlite (embedded)", null);
  } finally {
    await closeDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(adminUrl: string): Promise<void> {
  const name = `baraza_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  try {
    await run(`PostgreSQL (${url.host})`, url.toString());
  } finally {
    await closeDb();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

// The configuration is read once, on first use: one process benches one database.
Object.assign(process.env, { NODE_ENV: "production", AUTH_SECRET: authSecret, BASE_URL: "", SEED_DEMO: "false" });
console.log(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"}), scale ${scale}`);
const postgresUrl =
  process.env.BENCH_DATABASE_URL ||
  process.env.DATABASE_URL ||
  (options.postgres ? "postgres://postgres@127.0.0.1:5432/postgres" : "");
if (postgresUrl) await benchPostgres(postgresUrl);
else await benchPglite();
