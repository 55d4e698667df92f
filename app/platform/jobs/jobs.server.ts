/**
 * The background jobs of a Baraza process, run by the one runner (./runner.server.ts). Each round
 * keeps its own per-item guarantees (mail and webhook rows have their own leases and retries, a PDF
 * build its status, opinion groups an advisory lock); the runner adds one round at a time per job
 * across processes, the job's retry with back-off, and the state in the `job` table.
 */
import { runDueErasures } from "~/accounts/erasure.server";
import { processDataExports } from "~/accounts/data-export.server";
import type { Database } from "~/platform/db.server";
import type { Env } from "~/platform/env.server";
import { createSmtpSender, deliverDueMail } from "~/platform/mail/outbox.server";
import { recomputeStaleOpinionGroups } from "~/opinion/opinion-groups.server";
import { DEFAULT_RECOMPUTE_POLICY } from "~/opinion/stored";
import { enforceRetention } from "~/privacy/retention.server";
import { processReportBuilds } from "~/reports/report-builds.server";
import { deliverDueSms, smsSenders } from "~/phones/sms-outbox.server";
import { runWebhookRound } from "~/webhooks/webhooks.server";
import { jobNames } from "~/platform/jobs/names";
import type { JobDefinition } from "~/platform/jobs/runner.server";

type JobEnv = Pick<
  Env,
  "SMTP_URL" | "MAIL_FROM" | "OPINION_GROUPS_INTERVAL_SECONDS" | "CHROMIUM_PATH" | "SMALL_CELL_THRESHOLD"
> &
  Parameters<typeof smsSenders>[0];

export function backgroundJobs(db: Database, env: JobEnv): JobDefinition[] {
  const jobs: JobDefinition[] = [
    { name: jobNames.webhooks, intervalMs: 5000, run: () => runWebhookRound(db) },
    {
      name: jobNames.reportBuilds,
      intervalMs: 5000,
      run: (signal) =>
        processReportBuilds(
          db,
          { chromiumPath: env.CHROMIUM_PATH, smallCellThreshold: env.SMALL_CELL_THRESHOLD },
          signal,
        ),
    },
    { name: jobNames.dataExports, intervalMs: 5000, run: (signal) => processDataExports(db, signal) },
    {
      name: jobNames.opinionGroups,
      intervalMs: env.OPINION_GROUPS_INTERVAL_SECONDS * 1000,
      run: async (signal) =>
        (
          await recomputeStaleOpinionGroups(
            db,
            new Date(),
            DEFAULT_RECOMPUTE_POLICY,
            { smallCellThreshold: env.SMALL_CELL_THRESHOLD },
            signal,
          )
        ).length,
    },
    {
      // Accounts whose 14 days of grace are over (app/accounts/erasure.server.ts): within the hour is soon enough.
      name: jobNames.accountErasures,
      intervalMs: 10 * 60_000,
      run: (signal) => runDueErasures(db, { smallCellThreshold: env.SMALL_CELL_THRESHOLD }, signal),
    },
    // Deletes sign-in history, rate-limit counters and sent mail older than the admin's periods.
    { name: jobNames.retention, intervalMs: 60 * 60 * 1000, run: () => enforceRetention(db) },
  ];
  // Without SMTP nothing is sent: the mails stay readable at /dev/outbox.
  if (env.SMTP_URL) {
    const send = createSmtpSender(env.SMTP_URL, env.MAIL_FROM);
    jobs.push({ name: jobNames.mail, intervalMs: 5000, run: () => deliverDueMail(db, send) });
  }
  // Without a gateway configured to send, SMS stay queued for the staff simulator to show.
  const senders = smsSenders(env);
  if (Object.keys(senders).length > 0) {
    jobs.push({ name: jobNames.sms, intervalMs: 5000, run: () => deliverDueSms(db, senders) });
  }
  return jobs;
}
