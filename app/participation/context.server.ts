/**
 * What every participation page and action starts from: the consultation (404 when it does not
 * exist or may not be seen), who is asking, and whether they may take part now.
 */
import { and, desc, eq, isNull, or } from "drizzle-orm";
import { suspension } from "../../db/schema";
import type { SessionUser } from "../auth.server";
import { suspensionReasonText } from "../components/suspension-reason";
import { findConsultationWithScopeCached, type ConsultationRow } from "../consultations/consultations.server";
import { getDb, type Database } from "../db.server";
import type { Language } from "../i18n/config";
import { getLanguage, i18nServer } from "../i18n/i18n.server";
import {
  can,
  getRequestActor,
  isActiveSuspensionOf,
  type Action,
  type Actor,
  type ConsultationScope,
} from "../permissions.server";
import { consumeRateLimit, type RateLimitRule } from "../rate-limit.server";
import { clientAddress } from "../request.server";
import { formFailure, rateLimitedFailure } from "../utils/forms.server";

export interface ConsultationContext {
  db: Database;
  consultation: ConsultationRow;
  scope: ConsultationScope;
  actor: Actor;
  user: SessionUser | null;
  language: Language;
}

export async function loadConsultationContext(
  request: Request,
  slug: string | undefined,
): Promise<ConsultationContext> {
  const db = await getDb();
  const [found, { actor, user }, language] = await Promise.all([
    findConsultationWithScopeCached(db, slug ?? ""),
    getRequestActor(request),
    getLanguage(request),
  ]);
  if (!found) throw new Response("Not Found", { status: 404 });
  const { consultation, scope } = found;
  // A draft is not "forbidden" to outsiders: it does not exist for them.
  if (!can(actor, "consultation.read", scope)) throw new Response("Not Found", { status: 404 });
  return { db, consultation, scope, actor, user, language };
}

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
  context: ConsultationContext,
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

/** The 4xx answer to a post from someone who may not take part (sign in, closed, suspended). */
export function refusalResponse(formData: FormData, refusal: ParticipationRefusal) {
  switch (refusal.reason) {
    case "sign-in":
      return formFailure(formData, { fieldErrors: {}, formError: "participation:refusal.signIn" }, 401);
    case "not-open":
      return formFailure(formData, { fieldErrors: {}, formError: "participation:refusal.notOpen" }, 403);
    case "suspended":
      return formFailure(
        formData,
        {
          fieldErrors: {},
          formError: "participation:refusal.suspended",
          formErrorValues: { reason: refusal.suspensionReason },
        },
        403,
      );
  }
}

/**
 * Counts one attempt per member and per address against `memberRule`/`addressRule`; returns the
 * 429 answer when over a limit, null otherwise.
 */
export async function rateLimitResponse(
  context: ConsultationContext & { actor: Extract<Actor, { kind: "member" }> },
  request: Request,
  loadContext: unknown,
  formData: FormData,
  rules: { member: RateLimitRule; address: RateLimitRule },
) {
  const decision = await consumeRateLimit(context.db, [
    [rules.member, context.actor.userId],
    [rules.address, clientAddress(request, loadContext)],
  ]);
  if (decision.allowed) return null;
  return rateLimitedFailure(formData, decision.retryAfterSeconds, "participation:errors.rateLimited");
}
