/**
 * The one background job runner (app/jobs/runner.server.ts): a round is claimed with a lease, run,
 * recorded in the `job` table, retried with back-off when it fails, and finished (never cut) when
 * the runner stops; two runners on one database never run a job's round at the same time. On
 * PostgreSQL the two runners use two connection pools, as two processes would.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "~/db.server";
import { parseEnv } from "~/env.server";
import { claimJob, listJobs, startJobRunner, type JobDefinition } from "~/jobs/runner.server";
import { job } from "../../db/schema";
import { setupTestDatabase } from "../support/database";

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
