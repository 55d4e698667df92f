/**
 * `npm run bench:crash`: 200 concurrent voters post the real vote form to the production server,
 * which is killed with SIGKILL several times mid-run and restarted; every vote that got a success
 * answer must be stored with its last acknowledged value (bench/crash-run.ts says how).
 *
 * Prints acknowledged / stored / lost per database: PGlite always, PostgreSQL with `--postgres`
 * (or BENCH_DATABASE_URL), each on a fresh database.
 *
 * Options: --postgres, --skip-pglite, --voters 200, --kills 5, --window 400 (acknowledged votes between kills).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { buildIfStale } from "../server/build-if-stale";
import { runCrashTest, type CrashRunResult } from "./crash-run";

const { values: options } = parseArgs({
  options: {
    postgres: { type: "boolean", default: false },
    "skip-pglite": { type: "boolean", default: false },
    voters: { type: "string", default: "200" },
    kills: { type: "string", default: "5" },
    window: { type: "string", default: "400" },
  },
});
const settings = {
  voters: Number(options.voters),
  kills: Number(options.kills),
  votesPerWindow: Number(options.window),
};
const log = (line: string) => console.log(`  ${line}`);

async function onPglite(): Promise<CrashRunResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-crash-"));
  try {
    return await runCrashTest({ ...settings, env: { DATA_DIR: dataDir }, log });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function onPostgres(adminUrl: string): Promise<CrashRunResult> {
  const name = `baraza_crash_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await runCrashTest({ ...settings, env: { DATABASE_URL: url.toString() }, log });
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

function report(title: string, r: CrashRunResult) {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const others = Object.entries(r.otherAnswers).map(([status, n]) => `${n}× ${status}`);
  console.log(`\n${title}: ${settings.voters} voters, ${r.restarts.length} kills (SIGKILL), ${seconds(r.elapsedMs)}`);
  console.log(`  success answers        ${r.acknowledgedAnswers}`);
  console.log(`  acknowledged (pairs)   ${r.acknowledged}   member × priority, last acknowledged value`);
  console.log(`  stored                 ${r.stored}`);
  console.log(`  lost                   ${r.lost}`);
  console.log(`  unexplained rows       ${r.unexplained}`);
  console.log(`  uncertain (no answer)  ${r.uncertain}   killed in flight; either value accepted`);
  console.log(`  other answers          ${others.join(", ") || "none"}`);
  console.log(
    `  restarts               ${r.cleanRestarts ? "all clean" : "NOT CLEAN"}; serving again after ` +
      r.restarts.map((restart) => seconds(restart.readyMs)).join(", ") +
      `; in flight at each kill: ${r.restarts.map((restart) => restart.inFlightAtKill).join(", ")}`,
  );
  for (const problem of r.problems.slice(0, 10)) console.log(`  PROBLEM: ${problem}`);
}

buildIfStale();
console.log(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "unknown"})`);
let failed = false;
if (!options["skip-pglite"]) {
  const pgliteResult = await onPglite();
  report("PGlite (embedded, PGLITE_FSYNC=on)", pgliteResult);
  failed ||= pgliteResult.lost > 0 || !pgliteResult.cleanRestarts || pgliteResult.problems.length > 0;
}
const postgresUrl =
  process.env.BENCH_DATABASE_URL || (options.postgres ? "postgres://postgres@127.0.0.1:5432/postgres" : undefined);
if (postgresUrl) {
  const result = await onPostgres(postgresUrl);
  report(`PostgreSQL (${new URL(postgresUrl).host})`, result);
  failed ||= result.lost > 0 || !result.cleanRestarts || result.problems.length > 0;
}
process.exitCode = failed ? 1 : 0;
