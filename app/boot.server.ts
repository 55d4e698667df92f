/**
 * Start-up, in order: configuration, database (migrated), the demo consultation where it belongs,
 * the background workers (mail outbox, webhooks, opinion groups, PDF reports). Called once by the production server
 * before it listens, and lazily by the development server.
 */
import { seedDemo } from "../db/seed/demo";
import { demoStaffPassword, staffPasswordNotice, staffSeedOptions } from "../db/seed/staff-password";
import { closeDb, getDb, isDatabaseEmpty } from "./db.server";
import { getEnv, type Env } from "./env.server";
import { startOutboxWorker } from "./mail/outbox.server";
import { startOpinionGroupsWorker } from "./opinion/opinion-groups.server";
import { startReportBuildWorker } from "./reports/report-builds.server";
import { startWebhookWorker } from "./webhooks/webhooks.server";

export interface BootResult {
  env: Env;
  seeded: boolean;
}

let booted: Promise<BootResult> | undefined;
let stopOutboxWorker = () => {};
let stopOpinionGroupsWorker = async () => {};
let stopWebhookWorker = () => {};
let stopReportBuildWorker = async () => {};

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
    stopOutboxWorker = startOutboxWorker(db);
    stopWebhookWorker = startWebhookWorker(db);
    stopOpinionGroupsWorker = startOpinionGroupsWorker(db, { intervalMs: env.OPINION_GROUPS_INTERVAL_SECONDS * 1000 });
    stopReportBuildWorker = startReportBuildWorker(db, {
      chromiumPath: env.CHROMIUM_PATH,
      smallCellThreshold: env.SMALL_CELL_THRESHOLD,
    });
    return { env, seeded };
  })();
  return booted;
}

/** Stops background work and closes the database (releasing the embedded data directory). */
export async function shutdown(): Promise<void> {
  stopOutboxWorker();
  stopWebhookWorker();
  await stopOpinionGroupsWorker();
  await stopReportBuildWorker();
  await closeDb();
}
