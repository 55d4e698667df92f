/** Whether someone may take part in a consultation right now, and if not, why (sign in, closed, suspended). */
import { and, desc, eq, isNull, or } from "drizzle-orm";
import { suspension } from "~db/schema";
import { suspensionReasonText } from "~/components/suspension-reason";
import type { ConsultationReader } from "~/consultations/reader";
import type { Database } from "~/platform/db.server";
import { i18nServer } from "~/platform/i18n/i18n.server";
import { can, isActiveSuspensionOf, type Action } from "~/platform/permissions.server";

/** Why the actor may not take part right now, or null when they may. */
export type ParticipationRefusal =
  | { reason: "sign-in" }
  | { reason: "not-open" }
  | { reason: "suspended"; suspensionReason: string; until: string | null };

type ParticipationAction = Extract<
  Action,
  "priority.vote" | "ballot.allocate" | "comment.create" | "comment.endorse" | "priority.propose"
>;

export async function participationRefusal(
  context: ConsultationReader,
  action: ParticipationAction = "priority.vote",
): Promise<ParticipationRefusal | null> {
  const { actor, scope } = context;
  if (can(actor, action, scope)) return null;
  if (actor.kind === "visitor") return { reason: "sign-in" };
  if (scope.phase !== "open") return { reason: "not-open" };
  const active = await findActiveSuspension(context.db, actor.userId, scope.id);
  if (!active) return { reason: "not-open" };
  // Translated here, so every answer that shows it (pages and 403s alike) reads in the member's language.
  const t = await i18nServer.getFixedT(context.language);
  return {
    reason: "suspended",
    suspensionReason: suspensionReasonText(t, active.reason),
    until: active.endsAt?.toISOString() ?? null,
  };
}

export async function findActiveSuspension(db: Database, userId: string, consultationId: number) {
  const [row] = await db
    .select()
    .from(suspension)
    .where(
      and(
        isActiveSuspensionOf(userId),
        or(isNull(suspension.consultationId), eq(suspension.consultationId, consultationId)),
      ),
    )
    .orderBy(desc(suspension.createdAt))
    .limit(1);
  return row ?? null;
}
