/**
 * The one guard of the web edge: who may load or post what, answered the web's way. The decision is
 * `can`/`refusalFor` in app/platform/permissions.server.ts; this module only turns a refusal into an answer
 * (a visitor goes to sign in, a role holder without a second factor to enrolment, a hidden resource
 * is a 404, anyone else gets 403) and hands callers the typed member, so no call site casts.
 */
import { redirect } from "@remix-run/node";
import { getSessionUser, type SessionUser } from "~/platform/auth.server";
import {
  can,
  getRequestActor,
  refusalFor,
  type Action,
  type ActionResources,
  type Actor,
  type ConsultationScope,
  type Member,
  type Refusal,
} from "~/platform/permissions.server";
import { safeRedirectPath } from "~/web/request.server";

/** The HTTP status of each refusal when it is not a redirect (the API answers every one this way). */
export const refusalStatus: Record<Refusal, 401 | 403 | 404> = {
  "sign-in": 401,
  "second-factor": 403,
  "not-found": 404,
  forbidden: 403,
};

/** Where to come back to after signing in or enrolling: the refused page itself. */
function comeBackTo(request: Request): string {
  const url = new URL(request.url);
  return encodeURIComponent(`${url.pathname}${url.search}`);
}

/** Sends a visitor to sign in, then back to where they were. */
export function redirectToSignIn(request: Request): never {
  throw redirect(`/sign-in?redirectTo=${comeBackTo(request)}`);
}

/** Sends a role holder without a second factor to enrol one, then back to where they were. */
export function redirectToSecondFactorEnrolment(request: Request): never {
  throw redirect(`/account/two-factor?required=1&redirectTo=${comeBackTo(request)}`);
}

/** Throws the page answer to `refusal`. */
export function throwRefusal(request: Request, refusal: Refusal): never {
  if (refusal === "sign-in") redirectToSignIn(request);
  if (refusal === "second-factor") redirectToSecondFactorEnrolment(request);
  throw new Response(refusal === "not-found" ? "Not Found" : "Forbidden", { status: refusalStatus[refusal] });
}

/** The answer to an actor `can` refused. */
export function refuse<A extends Action>(
  request: Request,
  actor: Actor,
  action: A,
  resource: ActionResources[A],
): never {
  throwRefusal(request, refusalFor(actor, action, resource));
}

/** For loaders and actions that need a signed-in member. */
export async function requireMember(request: Request): Promise<{ actor: Member; user: SessionUser }> {
  const { actor, user } = await getRequestActor(request);
  if (actor.kind !== "member" || !user) redirectToSignIn(request);
  return { actor, user };
}

/**
 * For the pages of signing in: someone already signed in has nothing to do there and goes on to the
 * same-site page they were heading for (`redirectTo` in the address), else the home page.
 */
export async function sendSignedInOnward(request: Request): Promise<null> {
  if (await getSessionUser(request)) {
    throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

/**
 * For a member's own account pages (profile, consents, data, deletion): signed in, or sent to sign
 * in and back. A suspension closes none of them: anyone may still manage, take or erase their data.
 */
export async function requireAccountOwner(request: Request): Promise<Member> {
  const { actor } = await requireAbility(request, "profile.manage", null);
  return actor;
}

/** For loaders and actions: the asking member and their session when allowed, else the refusal. */
export async function requireAbility<A extends Action>(
  request: Request,
  action: A,
  resource: ActionResources[A],
): Promise<{ actor: Member; user: SessionUser }> {
  const { actor, user } = await getRequestActor(request);
  // Every ability belongs to members only, so an allowed actor is always a signed-in member.
  if (actor.kind === "member" && user && can(actor, action, resource)) return { actor, user };
  refuse(request, actor, action, resource);
}

/** An action on a consultation, as the permission table names them. */
export type ConsultationAbility = {
  [A in Action]: ActionResources[A] extends ConsultationScope ? A : never;
}[Action];

/**
 * The guard of every consultation page and form with a role to check (moderation, summaries,
 * reports, responses, exports): the member allowed `ability` on the consultation `context` holds.
 */
export function requireConsultationAbility(
  request: Request,
  context: { actor: Actor; scope: ConsultationScope },
  ability: ConsultationAbility,
): Member {
  const { actor, scope } = context;
  if (actor.kind === "member" && can(actor, ability, scope)) return actor;
  refuse(request, actor, ability, scope);
}
