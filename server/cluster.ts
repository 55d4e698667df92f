/**
 * `WEB_CONCURRENCY=N npm start` with DATABASE_URL: this process becomes a small supervisor that
 * forks N identical server processes sharing the port (node:cluster). They hold no state of their
 * own (sessions, caches of record, job leases all live in PostgreSQL), so any of them may answer
 * any request. The first is started alone, so that migrations and the demo load run once; a worker
 * that dies is replaced; SIGTERM is passed on and the supervisor exits when every worker has.
 *
 * The embedded database is one process per data directory, so N > 1 without DATABASE_URL is
 * ignored with a message saying why.
 */
import cluster, { type Worker } from "node:cluster";
import { once } from "node:events";
import type { Env } from "~/platform/env.server";

/** True in the supervisor (which then does nothing else); false where this process should serve. */
export async function superviseWorkers(env: Pick<Env, "WEB_CONCURRENCY" | "databaseMode">): Promise<boolean> {
  if (!cluster.isPrimary || env.WEB_CONCURRENCY <= 1) return false;
  if (env.databaseMode === "embedded") {
    console.warn(
      `WEB_CONCURRENCY=${env.WEB_CONCURRENCY} ignored: the embedded database is one process per data directory. ` +
        "Set DATABASE_URL (PostgreSQL) to run several workers; starting one.",
    );
    return false;
  }
  let stopping = false;
  const fork = async (): Promise<Worker> => {
    const worker = cluster.fork();
    let listening = false;
    worker.once("exit", (code, signal) => {
      if (stopping) return;
      // A worker that could not start (bad database, port taken) would fail again: stop here.
      if (!listening) process.exit(code ?? 1);
      console.warn(`Worker ${worker.process.pid} exited (${signal ?? code}); starting another.`);
      void fork();
    });
    await once(worker, "listening");
    listening = true;
    return worker;
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  cluster.on("exit", () => {
    if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  await fork();
  for (let i = 1; i < env.WEB_CONCURRENCY && !stopping; i++) await fork();
  console.log(`Baraza runs ${env.WEB_CONCURRENCY} workers (supervisor PID ${process.pid}).`);
  return true;
}
