/** Who may open the summary editor: the consultation's moderators and admins (see permissions.server.ts). */
import type { ConsultationContext } from "../participation/context.server";
import { can, redirectToSignIn, type Member } from "../permissions.server";

export function requireSummaryStaff(
  context: ConsultationContext,
  request: Request,
  action: "summary.write" | "summary.publish",
): Member {
  const { actor, scope } = context;
  if (actor.kind === "member" && can(actor, action, scope)) return actor;
  if (actor.kind === "visitor") redirectToSignIn(request);
  throw new Response("Forbidden", { status: 403 });
}
