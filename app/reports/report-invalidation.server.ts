/**
 * Stored report PDFs are copies of the consultation's content at the time they were built. When
 * the content changes in a way a PDF may still show (a comment hidden, redacted or restored, a
 * summary republished), every finished or failed build is deleted with its file at once, and one
 * being built goes back to the queue (its worker then discards what it printed; see
 * report-builds.server.ts), so no PDF of the old content is ever served. Kept apart from the
 * builder so that moderation and summaries can call it without importing the report's renderer.
 */
import { and, eq, inArray } from "drizzle-orm";
import { reportBuild } from "~db/schema";
import type { Queryable } from "~/platform/db.server";

export async function invalidateReportBuilds(db: Queryable, consultationId: number): Promise<void> {
  const ofConsultation = eq(reportBuild.consultationId, consultationId);
  await db.delete(reportBuild).where(and(ofConsultation, inArray(reportBuild.status, ["done", "failed"])));
  await db
    .update(reportBuild)
    .set({ status: "queued", stage: "queued", progress: 0, startedAt: null })
    .where(and(ofConsultation, eq(reportBuild.status, "running")));
}
