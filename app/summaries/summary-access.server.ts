/** Who may open the summary editor: the consultation's moderators and admins (see permissions.server.ts). */
import type { ConsultationContext } from "../participation/context.server";
import { can, refuse, type Member } from "../permissions.server";

export function requireSummaryStaff(
  context: ConsultationContext,
  request: Request,
  action: "summary.write" | "summary.publish",
): Member {
  const { actor, scope } = context;
  if (actor.kind === "member" && can(actor, action, scope)) return actor;
  refuse(request, actor, action, scope);
}
