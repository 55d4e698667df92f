/**
 * Start-up, in order: configuration, database (migrated), the demo consultation where it belongs,
 * the background jobs (mail outbox, webhooks, opinion groups, PDF reports) on the one job runner,
 * and, for an embedded database, the ops socket (backups while running). Called once by the
 * production server before it listens, and lazily by the development server.
 */
import { seedDemo } from "~db/seed/demo";
import { demoStaffPassword, staffPasswordNotice, staffSeedOptions } from "~db/seed/staff-password";
import { closeDb, getDb, isDatabaseEmpty } from "~/platform/db.server";
import { getEnv, type Env } from "~/platform/env.server";
import { backgroundJobs } from "~/platform/jobs/jobs.server";
import { startJobRunner } from "~/platform/jobs/runner.server";
import { startOpsSocket } from "~/platform/ops/ops-socket.server";

export interface BootResult {
  env: Env;
  seeded: boolean;
}

let booted: Promise<BootResult> | undefined;
let stopJobs = async () => {};
let stopOpsSocket = async () => {};

export function boot(): Promise<BootResult> {
  booted ??= (async () => {
    const env = getEnv();
    const db = await getDb();
    // The demo goes only into an empty embedded database, or where it is asked for explicitly:
    // a real deployment's data is never mixed with it.
    const wantsDemo = env.SEED_DEMO === "true" || (env.SEED_DEMO === undefined && env.databaseMode === "embedded");
    const seeded = wantsDemo && (await isDatabaseEmpty(db));
    if (seeded) {
      const staffPassword = demoStaffPassword(env);
      await seedDemo(db, staffSeedOptions(staffPassword, env));
      console.log(staffPasswordNotice(staffPassword));
    }
    stopJobs = startJobRunner(db, backgroundJobs(db, env)).stop;
    stopOpsSocket = await startOpsSocket(db, env);
    return { env, seeded };
  })();
  return booted;
}

/**
 * Stops background work (each job finishes its current step) and closes the database, releasing
 * the embedded data directory. The server stops taking requests before it calls this.
 */
export async function shutdown(): Promise<void> {
  await stopOpsSocket();
  await stopJobs();
  await closeDb();
}
