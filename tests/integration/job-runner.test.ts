/**
 * The one background job runner (app/platform/jobs/runner.server.ts): a round is claimed with a lease, run,
 * recorded in the `job` table, retried with back-off when it fails, and finished (never cut) when
 * the runner stops; two runners on one database never run a job's round at the same time. On
 * PostgreSQL the two runners use two connection pools, as two processes would; and there, two real
 * server processes (server/index.ts, as `npm start` runs it) share the jobs so that each queued
 * webhook is delivered exactly once, and `WEB_CONCURRENCY=2` runs two workers behind one port.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "~/platform/db.server";
import { parseEnv } from "~/platform/env.server";
import { jobNames } from "~/platform/jobs/names";
import { claimJob, listJobs, startJobRunner, type JobDefinition } from "~/platform/jobs/runner.server";
import { createWebhook, emitWebhookEvent } from "~/webhooks/webhooks.server";
import { institution, job, webhookDelivery } from "~db/schema";
import { buildIfStale } from "../../server/build-if-stale.js";
import { createConsultation } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { startServer, type RunningServer } from "../support/server";

const onPostgres = process.env.TEST_DB === "postgres";
// The server processes below must open the webhook secrets this test seals, so all share one
// AUTH_SECRET, set before this process reads its configuration (when the test database opens).
const authSecret = "two-servers-test-secret-0123456789abcdef";
process.env.AUTH_SECRET = authSecret;
const db = setupTestDatabase();
const extraConnections: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of extraConnections) await close();
});

/** A second handle on the test database: its own pool on PostgreSQL, the same PGlite otherwise. */
async function secondHandle(): Promise<Database> {
  if (!process.env.DATABASE_URL) return db();
  const connection = await openDatabase(parseEnv({ DATABASE_URL: process.env.DATABASE_URL }), { migrate: false });
  extraConnections.push(connection.close);
  return connection.db;
}

async function jobRow(name: string) {
  const [row] = await db().select().from(job).where(eq(job.name, name));
  return row;
}

const seconds = (from: Date | null | undefined, to: Date | null | undefined) =>
  (to!.getTime() - from!.getTime()) / 1000;

describe("the job runner", () => {
  it("runs a due round, records what it did and schedules the next after the interval", async () => {
    const runner = startJobRunner(db(), [{ name: "counts", intervalMs: 60_000, run: async () => 3 }], {
      firstDelayMs: 0,
    });
    try {
      await expect.poll(async () => (await jobRow("counts"))?.lastResult, { timeout: 10_000 }).toBe(3);
    } finally {
      await runner.stop();
    }
    const row = (await jobRow("counts"))!;
    expect(row).toMatchObject({ status: "idle", runs: 1, attempts: 0, leaseOwner: null, lastError: null });
    expect(seconds(row.lastFinishedAt, row.nextRunAt)).toBeCloseTo(60, 0);
    expect((await listJobs(db())).map((j) => j.name)).toContain("counts");
  });

  it("retries a failing round with back-off, and succeeds later with the count reset", async () => {
    let fail = true;
    const definition: JobDefinition = {
      name: "flaky",
      intervalMs: 60_000,
      run: async () => {
        if (fail) throw new Error("the receiver is down");
        return 1;
      },
    };
    const runner = startJobRunner(db(), [definition], { firstDelayMs: 0, pollMs: 50 });
    try {
      await expect.poll(async () => (await jobRow("flaky"))?.status, { timeout: 10_000 }).toBe("failed");
      const failed = (await jobRow("flaky"))!;
      expect(failed).toMatchObject({ attempts: 1, lastError: "the receiver is down", leaseOwner: null });
      expect(seconds(failed.lastFinishedAt, failed.nextRunAt)).toBeCloseTo(30, 0);
      // Nobody runs it before its back-off is over…
      expect(await claimJob(db(), "flaky", "someone-else", { leaseSeconds: 60 })).toBeNull();
      // …and when it is due again, it runs and the failures are forgotten.
      fail = false;
      await db()
        .update(job)
        .set({ nextRunAt: sql`now()` })
        .where(eq(job.name, "flaky"));
      await expect.poll(async () => (await jobRow("flaky"))?.status, { timeout: 10_000 }).toBe("idle");
      expect(await jobRow("flaky")).toMatchObject({ attempts: 0, lastError: null, lastResult: 1 });
    } finally {
      await runner.stop();
    }
  });

  it("lets the round in progress finish its step when stopped, and claims nothing after", async () => {
    const steps: string[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const definition: JobDefinition = {
      name: "steps",
      intervalMs: 50,
      run: async (signal) => {
        let done = 0;
        while (!signal.aborted) {
          started();
          await sleep(300);
          steps.push(`step ${++done}`);
        }
        return done;
      },
    };
    const runner = startJobRunner(db(), [definition], { firstDelayMs: 0 });
    await running;
    await runner.stop();
    // The step under way when stop() was called was finished, and no further step began.
    expect(steps).toEqual(["step 1"]);
    const row = (await jobRow("steps"))!;
    expect(row).toMatchObject({ status: "idle", runs: 1, lastResult: 1, leaseOwner: null });
    await sleep(200);
    expect((await jobRow("steps"))?.runs).toBe(1);
  });

  it("takes over a round whose owner died, once its lease has run out", async () => {
    await db().insert(job).values({ name: "orphan" });
    expect(await claimJob(db(), "orphan", "dies", { leaseSeconds: 60 })).not.toBeNull();
    // "dies" never finishes: while its lease lasts, nobody else may run the job, even when woken.
    expect(await claimJob(db(), "orphan", "survivor", { leaseSeconds: 60, force: true })).toBeNull();
    await db()
      .update(job)
      .set({ leaseUntil: sql`now() - interval '1 second'` })
      .where(eq(job.name, "orphan"));
    const taken = await claimJob(db(), "orphan", "survivor", { leaseSeconds: 60, force: true });
    expect(taken).toMatchObject({ leaseOwner: "survivor", status: "running", runs: 2 });
  });

  it("runs each job's round in one runner at a time when two share the database", async () => {
    let active = 0;
    let mostAtOnce = 0;
    let rounds = 0;
    const definition: JobDefinition = {
      name: "shared",
      intervalMs: 10,
      run: async () => {
        active += 1;
        rounds += 1;
        mostAtOnce = Math.max(mostAtOnce, active);
        await sleep(40);
        active -= 1;
      },
    };
    const options = { firstDelayMs: 0, pollMs: 5 };
    const first = startJobRunner(db(), [definition], { ...options, owner: "first" });
    const second = startJobRunner(await secondHandle(), [definition], { ...options, owner: "second" });
    try {
      await expect.poll(() => rounds, { timeout: 20_000 }).toBeGreaterThanOrEqual(15);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    expect(mostAtOnce).toBe(1);
    expect((await jobRow("shared"))?.runs).toBe(rounds);
  });
});

/** A receiver that counts every delivery id it is sent; each answer is a little slow, as in life. */
function startReceiver() {
  const received = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const id = String(request.headers["x-baraza-delivery"]);
      received.set(id, (received.get(id) ?? 0) + 1);
      setTimeout(() => response.writeHead(204).end(), 20);
    });
  });
  const url = new Promise<string>((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`));
  });
  return { received, url, close: () => new Promise((resolve) => server.close(resolve)) };
}

function serverEnv(extra: Record<string, string> = {}) {
  return {
    DATABASE_URL: process.env.DATABASE_URL!,
    AUTH_SECRET: authSecret,
    SEED_DEMO: "false",
    // The webhook poster allows a receiver on 127.0.0.1 under NODE_ENV=test only.
    NODE_ENV: "test",
    ...extra,
  };
}

(onPostgres ? describe : () => {})("two app processes on one PostgreSQL database", () => {
  const receiver = startReceiver();
  const servers: RunningServer[] = [];

  beforeAll(() => buildIfStale(), 600_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await receiver.close();
  });

  it("deliver each queued webhook exactly once between them", { timeout: 400_000 }, async () => {
    const [owner] = await db()
      .insert(institution)
      .values({ slug: "two-servers", name: { en: "Two servers" } })
      .returning({ id: institution.id });
    const page = await createConsultation(db(), { owningInstitutionId: owner!.id });
    await createWebhook(db(), { institutionId: owner!.id, url: await receiver.url, events: ["summary.published"] });
    const events = 60;
    for (let i = 0; i < events; i++) {
      await emitWebhookEvent(db(), {
        event: "summary.published",
        consultationId: page.id,
        eventKey: `two-servers:${i}`,
        payload: { n: i },
      });
    }

    servers.push(...(await Promise.all([startServer({ env: serverEnv() }), startServer({ env: serverEnv() })])));
    await expect
      .poll(
        async () => (await db().select().from(webhookDelivery).where(eq(webhookDelivery.status, "delivered"))).length,
        { timeout: 90_000, interval: 500 },
      )
      .toBe(events);

    expect(receiver.received.size).toBe(events);
    expect([...receiver.received.values()].every((count) => count === 1)).toBe(true);
    // Both processes run the same jobs, recorded in one place.
    const jobs = await listJobs(db());
    expect(jobs.map((job) => job.name)).toEqual(
      expect.arrayContaining([jobNames.webhooks, jobNames.reportBuilds, jobNames.opinionGroups]),
    );
    expect(jobs.find((job) => job.name === jobNames.webhooks)?.runs).toBeGreaterThanOrEqual(3);
  });

  it("runs WEB_CONCURRENCY=2 workers on one port, and stops them all on SIGTERM", { timeout: 400_000 }, async () => {
    const server = await startServer({ env: serverEnv({ WEB_CONCURRENCY: "2" }) });
    try {
      // The supervisor says so once every worker listens.
      await expect.poll(() => server.output(), { timeout: 120_000 }).toMatch(/Baraza runs 2 workers/);
      expect(server.output().match(/Baraza is serving/g)).toHaveLength(2);
      for (let i = 0; i < 10; i++) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.output().match(/Stopped cleanly\./g)).toHaveLength(2);
  });
});
