/**
 * Who may read a consultation's report, in any form (page, PDF): the owning and following institutions
 * and admins at any time, everyone once the consultation is published. Institution reads are audited.
 */
import { downloadLog } from "../../db/schema";
import { downloadingInstitution } from "~/exports/exports.server";
import type { ConsultationContext } from "~/participation/context.server";
import { can, refuse } from "~/permissions.server";

/** Throws the refusal when the actor may not read the report; says whether they read it as an institution. */
export async function requireReportReader(
  request: Request,
  context: ConsultationContext,
): Promise<{ institutional: boolean }> {
  const institutional = can(context.actor, "report.download", context.scope);
  if (!institutional && !can(context.actor, "report.readPublic", context.scope)) {
    refuse(request, context.actor, "report.download", context.scope);
  }
  return { institutional };
}

/** One audit line per report read by an institution reader or admin, like an export download. */
export async function recordReportRead(context: ConsultationContext, format: "html" | "pdf"): Promise<void> {
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
