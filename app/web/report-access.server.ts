/**
 * Who may read a consultation's report, in any form (page, PDF): the owning and following institutions
 * and admins at any time, everyone once the consultation is published. Institution reads are audited
 * (app/reports/report-reads.server.ts).
 */
import type { ConsultationContext } from "~/web/consultation-context.server";
import { can } from "~/platform/permissions.server";
import { refuse } from "~/web/guard.server";

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
