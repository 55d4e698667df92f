/**
 * What every consultation page and action starts from: the consultation (404 when it does not
 * exist or may not be seen), who is asking, in which language; and the answers to a post from
 * someone who may not take part now.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { SessionUser } from "~/platform/auth.server";
import { findConsultationWithScopeCached } from "~/consultations/consultations.server";
import type { ConsultationReader } from "~/consultations/reader";
import { getDb } from "~/platform/db.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import type { ParticipationRefusal } from "~/participation/refusal.server";
import { can, getRequestActor, type Member } from "~/platform/permissions.server";
import { consumeRateLimit, type RateLimitRule } from "~/platform/rate-limit.server";
import { clientAddress } from "~/web/request.server";
import { formFailure, rateLimitedFailure } from "~/web/form-failures.server";

/** A consultation read for the request's actor, with the session behind it. */
export interface ConsultationContext extends ConsultationReader {
  user: SessionUser | null;
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

/**
 * The contexts loaded for each request's loaders, by slug. Remix runs the layout's loader and the
 * page's in parallel and hands each its own copy of the Request, but one load context per request
 * (server/index.ts getLoadContext), so that object is what ties them to one request.
 */
const loadedByRequest = new WeakMap<object, Map<string, Promise<ConsultationContext>>>();

/**
 * `loadConsultationContext` for a loader: the consultation layout's loader and its page's share one
 * load per request. Actions keep calling `loadConsultationContext`: after a post, the loaders that
 * follow it must see what the post changed, so what an action read is never handed on.
 */
export function loadConsultationContextOnce({
  request,
  params,
  context: loadContext,
}: LoaderFunctionArgs): Promise<ConsultationContext> {
  const slug = params.slug ?? "";
  if (typeof loadContext !== "object" || loadContext === null) return loadConsultationContext(request, slug);
  const loaded = loadedByRequest.get(loadContext) ?? new Map<string, Promise<ConsultationContext>>();
  loadedByRequest.set(loadContext, loaded);
  const context = loaded.get(slug) ?? loadConsultationContext(request, slug);
  loaded.set(slug, context);
  // A refusal (404) reaches every loader that asked: each gets its own copy, since Remix reads the
  // body of a thrown Response and a body can be read only once.
  return context.catch((error: unknown) => {
    throw error instanceof Response ? error.clone() : error;
  });
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
  context: ConsultationContext & { actor: Member },
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
