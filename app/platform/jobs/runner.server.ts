/**
 * The one runner of background jobs (docs/decisions/0019-one-job-runner.md).
 *
 * Each job is a named round of work (deliver due mail, recompute stale opinion groups, …) with a
 * row in the `job` table. Every process runs the same runner; before a round it claims the job's
 * row with a lease in one UPDATE, so across processes and machines one round of a job runs at a
 * time, and a process that dies mid-round leaves its lease to run out and the job to be claimed
 * again. A round that throws is retried with back-off; a round that succeeds schedules the next
 * after the job's interval. Stopping lets each round in progress finish its current step (the
 * round sees `signal` abort and claims nothing new) and waits for it.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { and, asc, eq, sql } from "drizzle-orm";
import { job } from "~db/schema";
import type { Database, Queryable } from "~/platform/db.server";
import { backoffSeconds } from "~/platform/backoff";

export interface JobDefinition {
  name: string;
  /** Pause after a successful round before the next is due. */
  intervalMs: number;
  /** One round. Stop taking new items once `signal` aborts; returns how many items it handled. */
  run: (signal: AbortSignal) => Promise<number | void>;
}

export interface JobRunnerOptions {
  /** Names this process in `job.lease_owner`. */
  owner?: string;
  /** A claimed round's lease, renewed every third of it while the round runs. */
  leaseSeconds?: number;
  /** How often each process looks whether a job is due (at most the job's interval). */
  pollMs?: number;
  /** Delay before the first look, so start-up is not slowed by background work. */
  firstDelayMs?: number;
}

export interface JobRunner {
  /** Runs the job now (if no process is running it), without waiting for its next round. */
  wake: (name: string) => void;
  /** Stops claiming, lets rounds in progress finish their current step, and waits for them. */
  stop: () => Promise<void>;
}

const runners = new Set<JobRunner>();

/** Wakes `name` in every runner of this process: for work queued by a request, such as a PDF. */
export function wakeJob(name: string): void {
  for (const runner of runners) runner.wake(name);
}

export function defaultOwner(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

type JobRow = typeof job.$inferSelect;

/** Takes the job's lease if it is due (or `force`d) and no live lease holds it; null otherwise. */
export async function claimJob(
  db: Queryable,
  name: string,
  owner: string,
  options: { leaseSeconds: number; force?: boolean },
): Promise<JobRow | null> {
  const [row] = await db
    .update(job)
    .set({
      status: "running",
      leaseOwner: owner,
      leaseUntil: sql`now() + make_interval(secs => ${options.leaseSeconds})`,
      lastStartedAt: sql`now()`,
      runs: sql`${job.runs} + 1`,
    })
    .where(
      and(
        eq(job.name, name),
        options.force ? undefined : sql`${job.nextRunAt} <= now()`,
        sql`(${job.status} <> 'running' or ${job.leaseUntil} < now())`,
      ),
    )
    .returning();
  return row ?? null;
}

async function renewLease(db: Database, name: string, owner: string, leaseSeconds: number): Promise<void> {
  await db
    .update(job)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(and(eq(job.name, name), eq(job.leaseOwner, owner)));
}

async function finishRound(db: Database, definition: JobDefinition, owner: string, handled: number | void) {
  const rows = await db
    .update(job)
    .set({
      status: "idle",
      leaseOwner: null,
      leaseUntil: null,
      attempts: 0,
      lastFinishedAt: sql`now()`,
      lastResult: handled ?? null,
      lastError: null,
      nextRunAt: sql`now() + make_interval(secs => ${definition.intervalMs / 1000})`,
    })
    .where(and(eq(job.name, definition.name), eq(job.leaseOwner, owner)))
    .returning({ name: job.name });
  if (rows.length === 0) console.warn(`[jobs] ${definition.name}: the lease ran out before the round finished`);
}

async function failRound(db: Database, claimed: JobRow, owner: string, error: unknown) {
  const attempts = claimed.attempts + 1;
  console.warn(`[jobs] ${claimed.name} failed (attempt ${attempts}):`, error);
  await db
    .update(job)
    .set({
      status: "failed",
      leaseOwner: null,
      leaseUntil: null,
      attempts,
      lastFinishedAt: sql`now()`,
      lastError: error instanceof Error ? error.message : String(error),
      nextRunAt: sql`now() + make_interval(secs => ${backoffSeconds(attempts)})`,
    })
    .where(and(eq(job.name, claimed.name), eq(job.leaseOwner, owner)));
}

/** Starts running `jobs` in this process; see the module comment. */
export function startJobRunner(
  db: Database,
  jobs: readonly JobDefinition[],
  options: JobRunnerOptions = {},
): JobRunner {
  const owner = options.owner ?? defaultOwner();
  const leaseSeconds = options.leaseSeconds ?? 60;
  const aborter = new AbortController();
  const wakers = new Map<string, () => void>();
  // A wake that arrives while the job's round runs is kept for the pause after it.
  const pendingWakes = new Set<string>();

  /** Sleeps `ms`, or less if the job is woken or the runner stopped; true when woken. */
  const pause = (name: string, ms: number) =>
    new Promise<boolean>((resolve) => {
      if (aborter.signal.aborted) return resolve(false);
      if (pendingWakes.delete(name)) return resolve(true);
      const timer = setTimeout(() => done(false), ms);
      timer.unref();
      const done = (woken: boolean) => {
        clearTimeout(timer);
        aborter.signal.removeEventListener("abort", onAbort);
        wakers.delete(name);
        resolve(woken);
      };
      const onAbort = () => done(false);
      aborter.signal.addEventListener("abort", onAbort);
      wakers.set(name, () => done(true));
    });

  const round = async (definition: JobDefinition, force: boolean) => {
    const claimed = await claimJob(db, definition.name, owner, { leaseSeconds, force });
    if (!claimed) return;
    const heartbeat = setInterval(
      () => {
        renewLease(db, definition.name, owner, leaseSeconds).catch((error: unknown) =>
          console.warn(`[jobs] ${definition.name}: could not renew the lease:`, error),
        );
      },
      (leaseSeconds * 1000) / 3,
    );
    heartbeat.unref();
    try {
      const handled = await definition.run(aborter.signal);
      await finishRound(db, definition, owner, handled);
    } catch (error) {
      await failRound(db, claimed, owner, error);
    } finally {
      clearInterval(heartbeat);
    }
  };

  const loop = async (definition: JobDefinition) => {
    await db.insert(job).values({ name: definition.name }).onConflictDoNothing();
    const pollMs = Math.min(definition.intervalMs, options.pollMs ?? 5000);
    let woken = await pause(definition.name, options.firstDelayMs ?? 1000);
    while (!aborter.signal.aborted) {
      try {
        await round(definition, woken);
      } catch (error) {
        // The database was unreachable for a moment: try again at the next look.
        console.warn(`[jobs] ${definition.name}: could not claim or record a round:`, error);
      }
      woken = await pause(definition.name, pollMs);
    }
  };

  const loops = jobs.map((definition) =>
    loop(definition).catch((error: unknown) => console.warn(`[jobs] ${definition.name} stopped:`, error)),
  );

  const runner: JobRunner = {
    wake: (name) => {
      const resolve = wakers.get(name);
      if (resolve) resolve();
      else pendingWakes.add(name);
    },
    stop: async () => {
      runners.delete(runner);
      aborter.abort();
      await Promise.all(loops);
    },
  };
  runners.add(runner);
  return runner;
}

/** Every job's state, for `npm run jobs` and the ops socket. */
export async function listJobs(db: Queryable): Promise<JobRow[]> {
  return db.select().from(job).orderBy(asc(job.name));
}
