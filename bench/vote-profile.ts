/**
 * `npm run bench:vote-profile`: where one vote's time goes. The production server runs on a fresh
 * PGlite database (everything, the database included, in one process) under V8's CPU profiler,
 * while one client posts votes one after another; the profile's samples are then added up by
 * where their code comes from (Express, Remix, better-auth, drizzle, PGlite, the app…), in
 * milliseconds per vote.
 *
 * Options: --votes 300, --clients 1 (more clients profile the server under concurrency, where the
 * batching of votes comes into play), --top 0 (also list the N functions with the most self time),
 * --postgres (a fresh database on postgres://postgres@127.0.0.1:5432/postgres, or BENCH_DATABASE_URL,
 * instead of PGlite: the server process then holds the app alone).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { csrfFieldName } from "~/security/fields";
import { DEMO_CONSULTATION_SLUG } from "~db/seed/demo";
import { buildIfStale } from "../server/build-if-stale.js";
import { driveVotes, Ledger, summarize } from "./load";
import { createPostgresDatabase, prepareDatabase } from "./prepare";
import { startProcess } from "./process";

const { values: options } = parseArgs({
  options: {
    votes: { type: "string", default: "300" },
    clients: { type: "string", default: "1" },
    top: { type: "string", default: "0" },
    postgres: { type: "boolean", default: false },
  },
});
const postgresUrl =
  process.env.BENCH_DATABASE_URL || (options.postgres ? "postgres://postgres@127.0.0.1:5432/postgres" : undefined);
const voteCount = Number(options.votes);
const clientCount = Number(options.clients);
const topCount = Number(options.top);
const authSecret = randomBytes(32).toString("hex");

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a function's code comes from, as the README's table names it. */
function category({ functionName, url }: ProfileNode["callFrame"]): string {
  if (functionName === "(idle)") return "idle";
  if (functionName === "(garbage collector)") return "garbage collection";
  if (functionName === "(program)" || functionName === "(root)") return "V8 and native code";
  const rules: Array<[RegExp, string]> = [
    [/@electric-sql\/pglite|^wasm:/, "PGlite (the database itself)"],
    [/better-auth|better-call|@better-fetch|jose|@noble/, "better-auth (session lookup)"],
    [/drizzle-orm|rate-limiter-flexible/, "drizzle (building queries, reading rows)"],
    [/@remix-run|react-router|turbo-stream/, "Remix (request handling)"],
    [/react-dom|\/react\//, "React"],
    [/\/express\/|body-parser|compression|helmet|send\/|serve-static|finalhandler|router/, "Express and middleware"],
    [/i18next|zod/, "i18next and zod"],
    [/build\/server|\/app\/|\/server\//, "the app (routes, permissions, CSRF, caches, vote writer)"],
    [/^node:|^internal|^$/, "Node (HTTP, streams, crypto, timers)"],
  ];
  return rules.find(([pattern]) => pattern.test(url))?.[1] ?? "other packages";
}

/** The `count` functions with the most self time, named with their file, in ms. */
function topFunctions(profile: CpuProfile, count: number): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === "(idle)") return;
    const name = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*node_modules\//, "")}`;
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count);
}

function summarizeProfile(profile: CpuProfile): Map<string, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    if (!node) return;
    const name = category(node.callFrame);
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return totals;
}

buildIfStale();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-profile-"));
const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-cpu-profile-"));
const database = postgresUrl ? await createPostgresDatabase(postgresUrl) : null;
try {
  const env: Record<string, string> = database ? { DATABASE_URL: database.url } : { DATA_DIR: dataDir };
  const prepared = await prepareDatabase(env, authSecret, 50);
  const server = await startProcess(
    "server/index.ts",
    { NODE_ENV: "production", AUTH_SECRET: authSecret, SEED_DEMO: "false", ...env },
    ["--cpu-prof", `--cpu-prof-dir=${profileDir}`],
  );
  const ledger = new Ledger();
  const drive = (count: number) =>
    driveVotes(
      {
        url: server.url,
        path: `/c/${DEMO_CONSULTATION_SLUG}?index`,
        body: (member, vote) =>
          `intent=vote&priorityId=${vote.priorityId}&value=${vote.value}&${csrfFieldName}=${member.formToken}`,
        headers: (member) => ({ cookie: member.cookie, "x-forwarded-for": member.address }),
        acknowledged: (status) => status === 302,
      },
      { members: prepared.members, clients: clientCount, count, ledger },
      () => ({
        priorityId: prepared.priorityIds[Math.floor(Math.random() * prepared.priorityIds.length)]!,
        value: ["agree", "disagree", "pass"][Math.floor(Math.random() * 3)]!,
      }),
    );
  await drive(50);
  const measured = await drive(voteCount);
  await server.stop();
  const figures = summarize(measured);
  // The profile covers the whole process life: boot and warm-up are in it too, so the busy time
  // is shared out per category in proportion, over the measured votes' wall time.
  const file = fs.readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error("the server wrote no CPU profile");
  const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file), "utf8")) as CpuProfile;
  const totals = summarizeProfile(profile);
  const busy = [...totals].filter(([name]) => name !== "idle").reduce((sum, [, ms]) => sum + ms, 0);
  const msPerVote = 1000 / figures.votesPerSecond;
  const mode = clientCount === 1 ? "One vote at a time" : `${clientCount} clients at once`;
  console.log(
    `\n${mode}, ${database ? "PostgreSQL" : "PGlite"}: ${voteCount} votes, ${figures.votesPerSecond.toFixed(0)} votes/s,`,
  );
  console.log(`p50 ${figures.p50.toFixed(1)} ms; ${msPerVote.toFixed(1)} ms of wall time per vote.`);
  console.log(`CPU time of the server process by where the code comes from (whole run, boot included):`);
  for (const [name, ms] of [...totals].filter(([n]) => n !== "idle").sort((a, b) => b[1] - a[1])) {
    console.log(`  ${((ms / busy) * 100).toFixed(1).padStart(5)} %  ${name}`);
  }
  if (topCount > 0) console.log(`\nThe ${topCount} functions with the most self time (whole run):`);
  for (const [name, ms] of topFunctions(profile, topCount)) {
    console.log(`  ${((ms / busy) * 100).toFixed(1).padStart(5)} %  ${name}`);
  }
} finally {
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(profileDir, { recursive: true, force: true });
}
