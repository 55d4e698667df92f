/**
 * The crash test shared by `npm run bench:crash` (bench/crash.ts) and its shorter twin in
 * tests/integration/vote-crash.test.ts: concurrent voters post the real vote form to the production
 * server (server/index.ts) while it is killed with SIGKILL several times and restarted; at the end
 * every vote that got a success answer must be stored with its last acknowledged value.
 *
 * - The voters are members of the demo consultation with real sessions: a `session` row and the
 *   signed cookie better-auth gives at sign-in (made directly, as signing 200 people in through the
 *   password hash would take minutes). Each voter then opens the consultation page, as a browser
 *   does, and keeps the page's form token and cookies; every vote is that page's form, posted
 *   without JavaScript, from the voter's own address (X-Forwarded-For, trusted from loopback).
 * - Each voter posts one vote at a time, so the answers of one member are ordered. A vote without an
 *   answer (the server died under it) may or may not have been committed: until the same member ×
 *   priority gets a later success answer, either value is accepted (and reported as uncertain).
 * - A kill comes once `votesPerWindow` votes were acknowledged since the last start, with all
 *   voters' requests in flight. After each kill: the lock of the embedded data directory is left
 *   behind by the dead process, and the restarted server must take it over, recover and answer
 *   /readyz (a clean start), on the same port, without a fatal message.
 */
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { and, asc, eq, inArray } from "drizzle-orm";
import { openDatabase } from "~/platform/db.server";
import { parseEnv } from "~/platform/env.server";
import { csrfFieldName } from "~/security/fields";
import { consultation, priority, session, user, vote, voteValue } from "~db/schema";
import { DEMO_CONSULTATION_SLUG, seedDemo } from "~db/seed/demo";
import { freePort, runServerProcess } from "../tests/support/server";

export interface CrashRunOptions {
  /** DATA_DIR (embedded) or DATABASE_URL (PostgreSQL), as the server gets them. */
  env: Record<string, string>;
  voters: number;
  kills: number;
  /** Acknowledged votes between a (re)start and the next kill, and after the last restart. */
  votesPerWindow: number;
  log?: (line: string) => void;
}

export interface Restart {
  /** From the kill's exit to the new process listening ("Baraza is serving"). */
  listeningMs: number;
  /** From the kill's exit to /readyz answering 200 (voters are already being served). */
  readyMs: number;
  /** The embedded data directory's lock file, as the killed process left it ("none" on PostgreSQL). */
  lockAfterKill: "stale" | "none";
  /** Requests in flight when the process was killed. */
  inFlightAtKill: number;
}

export interface CrashRunResult {
  /** Success answers (HTTP 302 back to the consultation). */
  acknowledgedAnswers: number;
  /** Member × priority pairs with at least one success answer: what must be stored. */
  acknowledged: number;
  /** Of those, stored with the last acknowledged value (or a later unanswered one). */
  stored: number;
  /** Acknowledged pairs missing, or stored with another value: must be 0. */
  lost: number;
  /** Stored rows no request of a voter explains: must be 0. */
  unexplained: number;
  /** Pairs whose last request had no answer (killed in flight). */
  uncertain: number;
  /** Answers that were not success, by status ("no answer" for a dropped or refused connection). */
  otherAnswers: Record<string, number>;
  restarts: Restart[];
  /** Whether every restart was ready and printed nothing fatal. */
  cleanRestarts: boolean;
  problems: string[];
  elapsedMs: number;
}

interface Voter {
  id: string;
  cookies: Map<string, string>;
  formToken: string;
  address: string;
}

/** The vote of each member × priority as the answers tell it. */
class Ledger {
  private readonly entries = new Map<string, { acknowledged?: string; unanswered: Set<string> }>();

  private entry(voterId: string, priorityId: number) {
    const key = `${voterId}/${priorityId}`;
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { unanswered: new Set() }));
    return entry;
  }

  acknowledge(voterId: string, priorityId: number, value: string) {
    const entry = this.entry(voterId, priorityId);
    entry.acknowledged = value;
    // A success answer orders this vote after every earlier one of the same member.
    entry.unanswered.clear();
  }

  unanswered(voterId: string, priorityId: number, value: string) {
    this.entry(voterId, priorityId).unanswered.add(value);
  }

  compare(rows: ReadonlyArray<{ userId: string | null; priorityId: number; value: string }>) {
    const stored = new Map(rows.map((row) => [`${row.userId}/${row.priorityId}`, row.value]));
    const problems: string[] = [];
    let acknowledged = 0;
    let kept = 0;
    let uncertain = 0;
    for (const [key, entry] of this.entries) {
      const value = stored.get(key);
      if (entry.unanswered.size > 0) uncertain++;
      const explained = value === undefined ? entry.acknowledged === undefined : entry.unanswered.has(value);
      if (entry.acknowledged !== undefined) {
        acknowledged++;
        if (value === entry.acknowledged || explained) kept++;
        else problems.push(`${key}: acknowledged ${entry.acknowledged}, stored ${value ?? "nothing"}`);
      } else if (!explained) {
        problems.push(`${key}: stored ${value} without any vote to explain it`);
      }
    }
    let unexplained = 0;
    for (const [key, value] of stored) {
      if (!this.entries.has(key)) {
        unexplained++;
        problems.push(`${key}: stored ${value}, never voted`);
      }
    }
    return { acknowledged, stored: kept, lost: acknowledged - kept, unexplained, uncertain, problems };
  }
}

/** The demo consultation, and `count` members each with a session as better-auth signs it. */
async function prepare(env: Record<string, string>, authSecret: string, count: number) {
  const { db, close } = await openDatabase(parseEnv({ ...env, AUTH_SECRET: authSecret }));
  try {
    await seedDemo(db);
    const priorities = await db
      .select({ id: priority.id })
      .from(priority)
      .innerJoin(consultation, eq(consultation.id, priority.consultationId))
      .where(and(eq(consultation.slug, DEMO_CONSULTATION_SLUG), eq(priority.status, "approved")))
      .orderBy(asc(priority.position));
    const members = Array.from({ length: count }, (_, index) => ({
      id: randomUUID(),
      token: randomBytes(24).toString("base64url"),
      address: `10.66.${Math.floor(index / 250)}.${(index % 250) + 1}`,
    }));
    await db.insert(user).values(
      members.map((m, i) => ({
        id: m.id,
        name: `Crash voter ${i + 1}`,
        email: `crash-${m.id}@example.org`,
        emailVerified: true,
      })),
    );
    const expiresAt = new Date(Date.now() + 24 * 60 * 60 * 1000);
    await db
      .insert(session)
      .values(members.map((m) => ({ id: randomUUID(), token: m.token, userId: m.id, expiresAt })));
    return { members, priorityIds: priorities.map((p) => p.id) };
  } finally {
    await close();
  }
}

async function storedVotes(env: Record<string, string>, authSecret: string, voterIds: string[]) {
  const { db, close } = await openDatabase(parseEnv({ ...env, AUTH_SECRET: authSecret }));
  try {
    return await db
      .select({ userId: vote.userId, priorityId: vote.priorityId, value: vote.value })
      .from(vote)
      .where(inArray(vote.userId, voterIds));
  } finally {
    await close();
  }
}

function keepCookies(cookies: Map<string, string>, setCookies: string[]) {
  for (const line of setCookies) {
    const [pair = ""] = line.split(";");
    const separator = pair.indexOf("=");
    if (/max-age=0\b/i.test(line)) cookies.delete(pair.slice(0, separator));
    else cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
  }
}

const cookieHeader = (cookies: Map<string, string>) => [...cookies].map(([n, v]) => `${n}=${v}`).join("; ");

/** Opens the consultation page as the voter's browser would, and keeps its cookies and form token. */
async function openPage(url: string, voter: Voter): Promise<void> {
  const response = await fetch(new URL(`/c/${DEMO_CONSULTATION_SLUG}`, url), {
    headers: { cookie: cookieHeader(voter.cookies), "x-forwarded-for": voter.address },
    redirect: "manual",
  });
  keepCookies(voter.cookies, response.headers.getSetCookie());
  const html = await response.text();
  const token = new RegExp(`name="${csrfFieldName}" value="([^"]*)"`).exec(html)?.[1];
  if (response.status !== 200 || !token || !html.includes('name="intent" value="vote"')) {
    throw new Error(`the consultation page did not show the vote form to a voter (${response.status})`);
  }
  voter.formToken = token;
}

interface Answer {
  status: number;
  location: string;
  /** The connection was refused: nothing was sent. */
  refused: boolean;
}

function postVote(agent: http.Agent, url: URL, voter: Voter, priorityId: number, value: string): Promise<Answer> {
  const body = new URLSearchParams({ intent: "vote", priorityId: String(priorityId), value });
  body.set(csrfFieldName, voter.formToken);
  const text = body.toString();
  return new Promise((resolve) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          origin: url.origin,
          cookie: cookieHeader(voter.cookies),
          "x-forwarded-for": voter.address,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(text),
        },
      },
      (response) => {
        response.resume();
        response.once("end", () =>
          resolve({ status: response.statusCode ?? 0, location: response.headers.location ?? "", refused: false }),
        );
        response.once("error", () => resolve({ status: 0, location: "", refused: false }));
      },
    );
    request.once("error", (error: NodeJS.ErrnoException) =>
      resolve({ status: 0, location: "", refused: error.code === "ECONNREFUSED" }),
    );
    request.end(text);
  });
}

export async function runCrashTest(options: CrashRunOptions): Promise<CrashRunResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const authSecret = randomBytes(32).toString("hex");
  const dataDir = options.env.DATA_DIR;
  const serverEnv = { ...options.env, AUTH_SECRET: authSecret, SEED_DEMO: "false" };

  log(`preparing ${options.voters} voters…`);
  const { members, priorityIds } = await prepare(options.env, authSecret, options.voters);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The consultation page is an index route: its action answers at `?index`.
  const voteUrl = new URL(`/c/${DEMO_CONSULTATION_SLUG}?index`, url);
  const problems: string[] = [];
  const outputs: string[] = [];

  /** Starts the server on the port and waits for /readyz; throws if it exits or never gets ready. */
  async function start(since = performance.now()) {
    const server = runServerProcess({ ...serverEnv, PORT: String(port) });
    let listeningMs = 0;
    server.child.stdout?.on("data", () => {
      if (!listeningMs && server.output().includes("Baraza is serving")) listeningMs = performance.now() - since;
    });
    let exited = false;
    void server.exited.then(() => (exited = true));
    const deadline = Date.now() + 150_000;
    for (;;) {
      if (exited) throw new Error(`the server exited before it was ready:\n${server.output()}`);
      if (Date.now() > deadline) {
        server.child.kill("SIGKILL");
        throw new Error(`the server was not ready within 150 s:\n${server.output()}`);
      }
      try {
        if ((await fetch(`${url}/readyz`)).ok) break;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    return { ...server, listeningMs: listeningMs || performance.now() - since, readyMs: performance.now() - since };
  }

  let server = await start();
  outputs.push("");
  try {
    return await exercise();
  } finally {
    // Whatever happened, no server is left running.
    server.child.kill("SIGKILL");
  }

  async function exercise(): Promise<CrashRunResult> {
    const voters: Voter[] = members.map((m) => ({
      id: m.id,
      cookies: new Map([
        // better-auth's cookie: the token, a dot and its HMAC-SHA256 in base64, URI-encoded.
        [
          "better-auth.session_token",
          encodeURIComponent(`${m.token}.${createHmac("sha256", authSecret).update(m.token).digest("base64")}`),
        ],
      ]),
      formToken: "",
      address: m.address,
    }));
    log("voters open the consultation page…");
    for (let i = 0; i < voters.length; i += 8) {
      await Promise.all(
        voters.slice(i, i + 8).map((v) =>
          // Once, under heavy load, a page answered 500 (cause not found): say so, try again once.
          openPage(url, v).catch(async (error: Error) => {
            log(`${error.message}; trying again. The server said:\n${server.output().slice(-2000)}`);
            await sleep(1000);
            await openPage(url, v);
          }),
        ),
      );
    }

    const ledger = new Ledger();
    const otherAnswers: Record<string, number> = {};
    let acknowledgedAnswers = 0;
    let acknowledgedThisWindow = 0;
    let inFlight = 0;
    let stopping = false;
    const agent = new http.Agent({ keepAlive: true, maxSockets: voters.length });

    // While a killed server restarts, voters wait for it to be ready (their page would show an error
    // and they would try again), so that /readyz is not queued behind their retries.
    let up = true;
    async function voteLoop(voter: Voter) {
      while (!stopping) {
        if (!up) {
          await sleep(50);
          continue;
        }
        const priorityId = priorityIds[Math.floor(Math.random() * priorityIds.length)]!;
        const value = voteValue.enumValues[Math.floor(Math.random() * voteValue.enumValues.length)]!;
        inFlight++;
        const answer = await postVote(agent, voteUrl, voter, priorityId, value);
        inFlight--;
        // Success: back to the consultation page, where the vote now shows.
        if (answer.status === 302 && answer.location.startsWith(`/c/${DEMO_CONSULTATION_SLUG}`)) {
          ledger.acknowledge(voter.id, priorityId, value);
          acknowledgedAnswers++;
          acknowledgedThisWindow++;
          continue;
        }
        const label = answer.status === 0 ? "no answer" : String(answer.status);
        otherAnswers[label] = (otherAnswers[label] ?? 0) + 1;
        // A refused connection sent nothing, a 4xx was refused by the app: neither stored anything.
        // Anything else (no answer, a 5xx) may have been committed before the process died.
        if (!answer.refused && !(answer.status >= 400 && answer.status < 500)) {
          ledger.unanswered(voter.id, priorityId, value);
        }
        // A browser's person tries again a moment later; not a tight loop against a closed port.
        await sleep(answer.status === 0 ? 250 : 20);
      }
    }

    async function windowOfVotes() {
      acknowledgedThisWindow = 0;
      while (acknowledgedThisWindow < options.votesPerWindow) {
        if (performance.now() - started > 30 * 60_000) throw new Error("the crash test took more than 30 minutes");
        await sleep(10);
      }
    }

    const restarts: Restart[] = [];
    const voting = Promise.all(voters.map((v) => voteLoop(v)));
    try {
      for (let kill = 1; kill <= options.kills; kill++) {
        await windowOfVotes();
        const inFlightAtKill = inFlight;
        server.child.kill("SIGKILL");
        up = false;
        await server.exited;
        outputs[outputs.length - 1] = server.output();
        const killedAt = performance.now();
        const lockFile = dataDir ? path.join(dataDir, "baraza.lock") : undefined;
        const lockAfterKill = lockFile && fs.existsSync(lockFile) ? "stale" : "none";
        if (dataDir && lockAfterKill !== "stale") problems.push(`kill ${kill}: the killed server left no lock file`);
        server = await start(killedAt);
        up = true;
        outputs.push("");
        const { listeningMs, readyMs } = server;
        const restart = { listeningMs, readyMs, lockAfterKill, inFlightAtKill } satisfies Restart;
        restarts.push(restart);
        log(
          `kill ${kill}: ${inFlightAtKill} votes in flight, ${acknowledgedAnswers} acknowledged so far; ` +
            `serving again after ${(listeningMs / 1000).toFixed(1)} s, ready after ${(readyMs / 1000).toFixed(1)} s`,
        );
      }
      await windowOfVotes();
    } finally {
      stopping = true;
      await voting;
      agent.destroy();
      server.child.kill("SIGTERM");
      await server.exited;
      outputs[outputs.length - 1] = server.output();
    }

    // A clean start: nothing fatal printed by any of the processes (PostgreSQL's recovery, a lock).
    const fatal = /PANIC|FATAL|corrupt|in use by another Baraza process|Error:/;
    outputs.forEach((output, index) => {
      const line = output.split("\n").find((text) => fatal.test(text));
      if (line) problems.push(`server run ${index + 1} printed: ${line}`);
    });
    const cleanRestarts = restarts.length === options.kills && problems.length === 0;

    const rows = await storedVotes(
      options.env,
      authSecret,
      voters.map((v) => v.id),
    );
    const comparison = ledger.compare(rows);
    problems.push(...comparison.problems);
    return {
      acknowledgedAnswers,
      acknowledged: comparison.acknowledged,
      stored: comparison.stored,
      lost: comparison.lost,
      unexplained: comparison.unexplained,
      uncertain: comparison.uncertain,
      otherAnswers,
      restarts,
      cleanRestarts,
      problems,
      elapsedMs: performance.now() - started,
    };
  }
}
