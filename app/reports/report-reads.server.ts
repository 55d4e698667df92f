/** The audit of report reads: institutions' and admins' reads are logged like export downloads. */
import { downloadLog } from "~db/schema";
import type { ConsultationReader } from "~/consultations/reader";
import { downloadingInstitution } from "~/exports/exports.server";
import { can } from "~/platform/permissions.server";

/** One audit line per report read by an institution reader or admin, like an export download. */
export async function recordReportRead(context: ConsultationReader, format: "html" | "pdf"): Promise<void> {
  const { db, actor, scope, consultation } = context;
  if (actor.kind !== "member" || !can(actor, "report.download", scope)) return;
  await db.insert(downloadLog).values({
    userId: actor.userId,
    institutionId: downloadingInstitution(actor, scope),
    consultationId: consultation.id,
    kind: "report",
    format,
  });
}
