/**
 * PDF reports are built in the background, one at a time per server process, and kept in
 * `report_build` so that any process can show a build's progress and hand out the file.
 *
 * A request joins the build already waiting or running for the same report, or takes the last
 * finished one while it is fresh: a public report page cannot be made to start a Chromium per
 * visitor. Institution readers and admins may ask for a new build at any time.
 */
import { and, desc, eq, getTableColumns, inArray, ne, sql } from "drizzle-orm";
import { consultation, reportBuild } from "~db/schema";
import { ChromiumMissingError } from "~/platform/chromium.server";
import { rowOfConsultation, type Database, type Queryable } from "~/platform/db.server";
import { isSupportedLanguage, type Language } from "~/platform/i18n/config";
import { jobNames } from "~/platform/jobs/names";
import { claimOldestBuild, stillClaimed, type ClaimedBuild } from "~/platform/jobs/claimed-builds.server";
import { wakeJob } from "~/platform/jobs/runner.server";
import { buildReportPdf, stageProgress, type ReportBuildStage } from "~/reports/report-pdf.server";

/** A finished PDF younger than this is handed out instead of building a new one. */
export const REPORT_FRESH_FOR_MS = 10 * 60_000;

/** Why a build failed, as a key of reports:pdf.errors. */
export type ReportBuildError = "chromiumMissing" | "failed";

const { pdf: _pdf, ...buildColumns } = getTableColumns(reportBuild);

export type ReportBuildView = Omit<typeof reportBuild.$inferSelect, "pdf" | "stage" | "error"> & {
  stage: ReportBuildStage;
  error: ReportBuildError | null;
};

const asView = (row: Omit<typeof reportBuild.$inferSelect, "pdf">): ReportBuildView => ({
  ...row,
  stage: (row.stage ?? "queued") as ReportBuildStage,
  error: row.error as ReportBuildError | null,
});

/** The build a report page should show: the one in progress, else the last one that finished. */
export async function currentReportBuild(
  db: Queryable,
  consultationId: number,
  locale: Language,
): Promise<ReportBuildView | null> {
  const [row] = await db
    .select(buildColumns)
    .from(reportBuild)
    .where(and(eq(reportBuild.consultationId, consultationId), eq(reportBuild.locale, locale)))
    .orderBy(
      sql`${reportBuild.status} in ('queued', 'running') desc`,
      desc(reportBuild.createdAt),
      desc(reportBuild.id),
    )
    .limit(1);
  return row ? asView(row) : null;
}

export function isFresh(build: ReportBuildView, now = new Date()): boolean {
  return (
    build.status === "done" &&
    build.finishedAt !== null &&
    now.getTime() - build.finishedAt.getTime() < REPORT_FRESH_FOR_MS
  );
}

/**
 * Queues a build unless one is waiting or running (which is returned) or, without `force`, a fresh
 * one is ready. Safe under concurrent requests: a partial unique index allows one pending build.
 */
export async function requestReportBuild(
  db: Queryable,
  request: { consultationId: number; locale: Language; requestedById: string | null; force: boolean },
): Promise<ReportBuildView> {
  const current = await currentReportBuild(db, request.consultationId, request.locale);
  if (current && (current.status === "queued" || current.status === "running")) return current;
  if (current && !request.force && isFresh(current)) return current;
  await db
    .insert(reportBuild)
    .values({
      consultationId: request.consultationId,
      locale: request.locale,
      requestedById: request.requestedById,
      stage: "queued",
    })
    .onConflictDoNothing();
  const queued = await currentReportBuild(db, request.consultationId, request.locale);
  if (!queued) throw new Error("a queued report build vanished");
  // Start now rather than at the next round, when this process runs the job.
  wakeJob(jobNames.reportBuilds);
  return queued;
}

/** The finished PDF of a build of this consultation, or null; only the newest of its report is served. */
export async function readReportPdf(
  db: Queryable,
  consultationId: number,
  buildId: number,
): Promise<{ pdf: Buffer; locale: Language; finishedAt: Date } | null> {
  const [row] = await db
    .select({ pdf: reportBuild.pdf, locale: reportBuild.locale, finishedAt: reportBuild.finishedAt })
    .from(reportBuild)
    .where(
      and(
        rowOfConsultation(reportBuild, consultationId, buildId),
        eq(reportBuild.status, "done"),
        sql`not exists (select 1 from report_build newer
              where newer.consultation_id = ${reportBuild.consultationId} and newer.locale = ${reportBuild.locale}
                and newer.status = 'done' and newer.id > ${reportBuild.id})`,
      ),
    );
  if (!row?.pdf || !row.finishedAt || !isSupportedLanguage(row.locale)) return null;
  return { pdf: row.pdf, locale: row.locale, finishedAt: row.finishedAt };
}

interface ClaimedReportBuild extends ClaimedBuild {
  consultation_id: number;
  locale: string;
}

/** Takes the oldest waiting build (or an abandoned one) for this process; null when there is none. */
function claimReportBuild(db: Queryable): Promise<ClaimedReportBuild | null> {
  return claimOldestBuild<ClaimedReportBuild>(
    db,
    reportBuild,
    ["consultation_id", "locale"],
    sql`, stage = 'collecting', progress = ${stageProgress.collecting}`,
  );
}

export interface ReportBuildOptions {
  chromiumPath: string;
  smallCellThreshold: number;
}

/**
 * Builds every waiting report, one after another, until none waits or `signal` aborts (the process
 * is stopping: the build in progress finishes, the next waits for another round); returns how many
 * it finished or failed.
 */
export async function processReportBuilds(
  db: Database,
  options: ReportBuildOptions,
  signal?: AbortSignal,
): Promise<number> {
  let handled = 0;
  while (!signal?.aborted) {
    const claimed = await claimReportBuild(db);
    if (!claimed) break;
    await runReportBuild(db, claimed, options);
    handled += 1;
  }
  return handled;
}

async function runReportBuild(db: Database, claimed: ClaimedReportBuild, options: ReportBuildOptions): Promise<void> {
  const setStage = async (stage: ReportBuildStage) => {
    await db.update(reportBuild).set({ stage, progress: stageProgress[stage] }).where(eq(reportBuild.id, claimed.id));
  };
  try {
    const [row] = await db.select().from(consultation).where(eq(consultation.id, claimed.consultation_id));
    if (!row || !isSupportedLanguage(claimed.locale))
      throw new Error(`report build ${claimed.id} names nothing to build`);
    const pdf = await buildReportPdf(db, row, claimed.locale, { ...options, onStage: setStage });
    await db.transaction(async (tx) => {
      const finished = await tx
        .update(reportBuild)
        .set({ status: "done", stage: "done", progress: 100, pdf, byteSize: pdf.byteLength, finishedAt: new Date() })
        .where(stillClaimed(reportBuild, claimed))
        .returning({ id: reportBuild.id });
      // Invalidated while it was being built: this PDF may show what was since hidden.
      if (finished.length === 0) return;
      // Only the newest PDF of a report is worth keeping.
      await tx
        .delete(reportBuild)
        .where(
          and(
            eq(reportBuild.consultationId, claimed.consultation_id),
            eq(reportBuild.locale, claimed.locale),
            ne(reportBuild.id, claimed.id),
            inArray(reportBuild.status, ["done", "failed"]),
          ),
        );
    });
  } catch (error) {
    const reason: ReportBuildError = error instanceof ChromiumMissingError ? "chromiumMissing" : "failed";
    console.warn(`[report builds] build ${claimed.id} failed:`, error);
    await db
      .update(reportBuild)
      .set({ status: "failed", error: reason, finishedAt: new Date() })
      .where(stillClaimed(reportBuild, claimed));
  }
}
