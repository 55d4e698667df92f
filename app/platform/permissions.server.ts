/**
 * Every permission of Baraza, in one place.
 *
 * `can(actor, action, resource)` is a pure function of who asks, what for and on what; loaders and
 * actions go through the guards of app/web/guard.server.ts, which load the actor and turn
 * `refusalFor`'s reason into the right HTTP answer. tests/unit/permissions.test.ts checks it as a table: every action × every role.
 */
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import {
  consultationFacilitator,
  consultationModerator,
  institutionMember,
  suspension,
  user,
  userRole,
  type consultationPhase,
} from "~db/schema";
import { getSessionUser, type SessionUser } from "~/platform/auth.server";
import { cacheFor } from "~/platform/cache.server";
import { getDb, queryRows, type Database } from "~/platform/db.server";

export type ConsultationPhase = (typeof consultationPhase.enumValues)[number];

export type Actor =
  | { kind: "visitor" }
  | {
      kind: "member";
      userId: string;
      isAdmin: boolean;
      /** The site-wide facilitator role: a facilitator of every consultation. */
      isFacilitator: boolean;
      /** Consultations this member is a facilitator of (granted by an admin or their moderators). */
      facilitates: readonly number[];
      /** Consultations this member moderates. */
      moderates: readonly number[];
      /** Institutions this member belongs to. */
      institutions: readonly number[];
      /** "everywhere", or the consultations the member is suspended in. */
      suspendedIn: "everywhere" | readonly number[];
      /**
       * Whether the account has a verified second factor (TOTP). Every sign-in of such an account
       * passes it, so its sessions have. Without it, the member's roles give no power at all.
       */
      secondFactor: boolean;
    };

export type Member = Extract<Actor, { kind: "member" }>;

/** What permissions need to know about a consultation. */
export interface ConsultationScope {
  id: number;
  phase: ConsultationPhase;
  owningInstitutionId: number | null;
  followingInstitutionIds: readonly number[];
}

export interface OwnedContent {
  consultation: ConsultationScope;
  /** Null for a comment left by a member who erased their account ("a former participant"). */
  authorId: string | null;
}

/** Every action, with the resource it is about. */
export interface ActionResources {
  // Anyone
  "consultation.read": ConsultationScope;
  "report.readPublic": ConsultationScope;
  // Members, while the consultation is open
  "priority.vote": ConsultationScope;
  "ballot.allocate": ConsultationScope;
  "comment.create": ConsultationScope;
  "comment.endorse": ConsultationScope;
  "priority.propose": ConsultationScope;
  "content.flag": OwnedContent;
  "comment.edit": OwnedContent;
  "comment.delete": OwnedContent;
  // Facilitators of the consultation (and admins): record meetings, type in and import their input
  "offline.enter": ConsultationScope;
  /** A meeting, its `authorId` being the facilitator who recorded it: only they type in its input. */
  "meeting.enter": OwnedContent;
  /** A meeting's page: its facilitator, and the consultation's moderators (and admins). */
  "meeting.read": OwnedContent;
  // Members, about themselves
  "profile.manage": null;
  "ownData.download": null;
  "ownData.erase": null;
  // Moderators of the consultation (and admins)
  "moderation.queue": ConsultationScope;
  "moderation.act": ConsultationScope;
  "member.suspend": ConsultationScope;
  "facilitator.assign": ConsultationScope;
  "summary.write": ConsultationScope;
  "summary.publish": ConsultationScope;
  // Moderators of any consultation (and admins): the phone simulator drives the SMS and USSD flows
  "phones.simulate": null;
  // Members of the owning or a following institution (and admins)
  "report.download": ConsultationScope;
  "export.download": ConsultationScope;
  // Members of the owning institution only
  "response.publish": ConsultationScope;
  "institution.apiTokens": { institutionId: number };
  // Members of any institution
  "institution.portal": null;
  // Admins
  "consultation.create": null;
  "consultation.edit": ConsultationScope;
  "institution.manage": null;
  "role.assign": null;
  "downloads.audit": null;
  /** How long sign-in history, rate-limit IP addresses and sent mail are kept (issue 14 item 8). */
  "retention.manage": null;
  /** The mail outbox page of a deployment without a mail server: it shows password-reset links. */
  "mail.outbox.read": null;
}

export type Action = keyof ActionResources;

const participationPhases: readonly ConsultationPhase[] = ["open"];

function isSuspendedIn(actor: Member, consultationId: number): boolean {
  return actor.suspendedIn === "everywhere" || actor.suspendedIn.includes(consultationId);
}

function canSee(actor: Actor, consultation: ConsultationScope): boolean {
  if (consultation.phase !== "draft") return true;
  return actor.kind === "member" && (actor.isAdmin || actor.moderates.includes(consultation.id));
}

function canParticipate(actor: Actor, consultation: ConsultationScope): actor is Member {
  return (
    actor.kind === "member" &&
    participationPhases.includes(consultation.phase) &&
    !isSuspendedIn(actor, consultation.id)
  );
}

/**
 * Whether a phone may vote or comment by SMS or USSD now. A phone is no account: it holds no role
 * and cannot be suspended per consultation; a flood from it is held by the rate limits instead
 * (docs/decisions/0040).
 */
export function phoneMayParticipate(consultation: Pick<ConsultationScope, "phase">): boolean {
  return participationPhases.includes(consultation.phase);
}

function facilitates(actor: Member, consultation: ConsultationScope): boolean {
  return actor.isFacilitator || actor.isAdmin || actor.facilitates.includes(consultation.id);
}

/** The facilitator who recorded a meeting, while they may see its consultation. */
function recordedMeeting(actor: Actor, meeting: OwnedContent): boolean {
  return (
    actor.kind === "member" &&
    canSee(actor, meeting.consultation) &&
    facilitates(actor, meeting.consultation) &&
    actor.userId === meeting.authorId
  );
}

function isModerator(actor: Actor, consultation: ConsultationScope): actor is Member {
  return actor.kind === "member" && (actor.isAdmin || actor.moderates.includes(consultation.id));
}

function belongsToOwner(actor: Actor, consultation: ConsultationScope): actor is Member {
  return (
    actor.kind === "member" &&
    consultation.owningInstitutionId !== null &&
    actor.institutions.includes(consultation.owningInstitutionId)
  );
}

function belongsToOwnerOrFollower(actor: Actor, consultation: ConsultationScope): boolean {
  if (actor.kind !== "member") return false;
  const { institutions } = actor;
  return (
    belongsToOwner(actor, consultation) || consultation.followingInstitutionIds.some((id) => institutions.includes(id))
  );
}

function isAdmin(actor: Actor): actor is Member {
  return actor.kind === "member" && actor.isAdmin;
}

const rules: { [A in Action]: (actor: Actor, resource: ActionResources[A]) => boolean } = {
  "consultation.read": (actor, c) => canSee(actor, c),
  "report.readPublic": (_actor, c) => c.phase === "published",

  "priority.vote": canParticipate,
  "ballot.allocate": canParticipate,
  "comment.create": canParticipate,
  "comment.endorse": canParticipate,
  "priority.propose": canParticipate,
  "content.flag": (actor, item) => canParticipate(actor, item.consultation) && actor.userId !== item.authorId,
  "comment.edit": (actor, item) => canParticipate(actor, item.consultation) && actor.userId === item.authorId,
  "comment.delete": (actor, item) =>
    actor.kind === "member" && actor.userId === item.authorId && canSee(actor, item.consultation),

  "offline.enter": (actor, c) => canParticipate(actor, c) && facilitates(actor, c),
  "meeting.enter": (actor, item) =>
    canParticipate(actor, item.consultation) && facilitates(actor, item.consultation) && actor.userId === item.authorId,
  // Still readable by its facilitator once the consultation has closed: they account for what they entered.
  "meeting.read": (actor, item) => isModerator(actor, item.consultation) || recordedMeeting(actor, item),

  "profile.manage": (actor) => actor.kind === "member",
  "ownData.download": (actor) => actor.kind === "member",
  "ownData.erase": (actor) => actor.kind === "member",

  "moderation.queue": isModerator,
  "moderation.act": isModerator,
  "member.suspend": isModerator,
  "facilitator.assign": isModerator,
  "summary.write": isModerator,
  "summary.publish": isModerator,
  "phones.simulate": (actor) => actor.kind === "member" && (actor.isAdmin || actor.moderates.length > 0),

  "report.download": (actor, c) => isAdmin(actor) || (canSee(actor, c) && belongsToOwnerOrFollower(actor, c)),
  "export.download": (actor, c) => isAdmin(actor) || (canSee(actor, c) && belongsToOwnerOrFollower(actor, c)),
  "response.publish": (actor, c) => c.phase !== "draft" && belongsToOwner(actor, c),
  "institution.apiTokens": (actor, { institutionId }) =>
    actor.kind === "member" && actor.institutions.includes(institutionId),
  "institution.portal": (actor) => actor.kind === "member" && actor.institutions.length > 0,

  "consultation.create": isAdmin,
  "consultation.edit": isAdmin,
  "institution.manage": isAdmin,
  "role.assign": isAdmin,
  "downloads.audit": isAdmin,
  "retention.manage": isAdmin,
  "mail.outbox.read": isAdmin,
};

/**
 * Whether an API token of `institutionId` may read `consultation`: only what its institution owns
 * or follows, never a draft. Tokens are not members, so they stay outside `can`'s actors.
 */
export function canTokenRead(institutionId: number, consultation: ConsultationScope): boolean {
  if (consultation.phase === "draft") return false;
  return (
    consultation.owningInstitutionId === institutionId || consultation.followingInstitutionIds.includes(institutionId)
  );
}

/** Whether the member holds any role: admins, facilitators, moderators and institution members. */
export function holdsRole(actor: Member): boolean {
  return (
    actor.isAdmin ||
    actor.isFacilitator ||
    actor.facilitates.length > 0 ||
    actor.moderates.length > 0 ||
    actor.institutions.length > 0
  );
}

/**
 * The one rule of item 9 (decision 0026): a role only counts once the account has a second factor.
 * Until then its holder is judged as a plain member — no staff page, moderation, institution portal,
 * API token, draft or mail outbox.
 */
function withoutUnsecuredRoles(actor: Actor): Actor {
  if (actor.kind !== "member" || actor.secondFactor || !holdsRole(actor)) return actor;
  return { ...actor, isAdmin: false, isFacilitator: false, facilitates: [], moderates: [], institutions: [] };
}

/** Whether `actor` may do `action` on `resource`. Pure: no I/O, no exceptions. */
export function can<A extends Action>(actor: Actor, action: A, resource: ActionResources[A]): boolean {
  return rules[action](withoutUnsecuredRoles(actor), resource);
}

/** Whether `actor` is refused only for lack of a second factor, so enrolling would let them in. */
export function needsSecondFactorFor<A extends Action>(actor: Actor, action: A, resource: ActionResources[A]): boolean {
  return (
    actor.kind === "member" && !actor.secondFactor && !can(actor, action, resource) && rules[action](actor, resource)
  );
}

export const allActions = Object.keys(rules) as Action[];

export const visitor: Actor = { kind: "visitor" };

/** SQL condition: a suspension of `userId` that is in force now (not lifted, not ended). */
export function isActiveSuspensionOf(userId: string) {
  return and(
    eq(suspension.userId, userId),
    isNull(suspension.liftedAt),
    or(isNull(suspension.endsAt), gt(suspension.endsAt, new Date())),
  );
}

/** What the actor is made of, as stored: read in one round trip, cached briefly (decision 0023). */
interface ActorRow {
  verified: boolean | null;
  roles: string[];
  facilitates: number[];
  moderates: number[];
  institutions: number[];
  /** Suspensions not lifted and not ended when read: the consultation (null: everywhere) and the end. */
  suspensions: Array<{ consultationId: number | null; endsAt: string | null }>;
  second_factor: boolean | null;
}

async function readActorRow(db: Database, userId: string): Promise<ActorRow | null> {
  // One round trip: this runs on every request of a signed-in member, votes included.
  const [row] = await queryRows<ActorRow>(
    db,
    sql`select
      (select ${user.emailVerified} from ${user} where ${user.id} = ${userId}) as verified,
      array(select ${userRole.role} from ${userRole} where ${userRole.userId} = ${userId}) as roles,
      array(select ${consultationFacilitator.consultationId} from ${consultationFacilitator}
            where ${consultationFacilitator.userId} = ${userId}) as facilitates,
      array(select ${consultationModerator.consultationId} from ${consultationModerator}
            where ${consultationModerator.userId} = ${userId}) as moderates,
      array(select ${institutionMember.institutionId} from ${institutionMember}
            where ${institutionMember.userId} = ${userId}) as institutions,
      coalesce((select json_agg(json_build_object('consultationId', ${suspension.consultationId},
                                                  'endsAt', ${suspension.endsAt}))
                from ${suspension} where ${isActiveSuspensionOf(userId)}), '[]'::json) as suspensions,
      (select ${user.twoFactorEnabled} from ${user} where ${user.id} = ${userId}) as second_factor`,
  );
  return row ?? null;
}

/** The actor as of `now`: a suspension whose end has passed no longer counts, cached or not. */
function actorFromRow(userId: string, row: ActorRow | null, now = Date.now()): Member {
  const { roles = [], facilitates = [], moderates = [], institutions = [] } = row?.verified ? row : {};
  const inForce = (row?.suspensions ?? []).filter((s) => s.endsAt === null || new Date(s.endsAt).getTime() > now);
  const secondFactor = row?.second_factor ?? false;
  return {
    kind: "member",
    userId,
    isAdmin: roles.includes("admin"),
    isFacilitator: roles.includes("facilitator"),
    facilitates,
    moderates,
    institutions,
    suspendedIn: inForce.some((s) => s.consultationId === null)
      ? "everywhere"
      : inForce.map((s) => s.consultationId).filter((id): id is number => id !== null),
    secondFactor: secondFactor === true,
  };
}

/**
 * Loads a signed-in user's roles and suspensions. Roles are given to an e-mail address, so they
 * count only once its owner has confirmed it: until then the grant is pending (issue 13, item 8).
 */
export async function loadActor(db: Database, userId: string): Promise<Member> {
  return actorFromRow(userId, await readActorRow(db, userId));
}

/**
 * `loadActor` through the process's actor cache (decision 0023): a member's row is kept for a few
 * seconds at most, and dropped the moment a change to their roles, suspensions, second factor or
 * account is notified, which in this process happens before the change's statement returns.
 */
export async function loadActorCached(db: Database, userId: string): Promise<Member> {
  const cache = cacheFor<ActorRow>(db, "actor", "actor", { ttlMs: 5_000, maxEntries: 20_000 });
  const row = await cache.get(userId, async () => {
    const read = await readActorRow(db, userId);
    return read && { value: read, tag: userId };
  });
  return actorFromRow(userId, row);
}

export interface RequestActor {
  actor: Actor;
  user: SessionUser | null;
}

/**
 * Remix hands the same Request to the root loader and the page's loader: remembering the answer per
 * request keeps "who is asking" at one lookup, however many loaders ask.
 */
const actorsByRequest = new WeakMap<Request, Promise<RequestActor>>();

/** The actor behind a request: a visitor, or a member with their roles. */
export function getRequestActor(request: Request): Promise<RequestActor> {
  let actor = actorsByRequest.get(request);
  if (!actor) {
    actor = lookUpRequestActor(request);
    actorsByRequest.set(request, actor);
  }
  return actor;
}

async function lookUpRequestActor(request: Request): Promise<RequestActor> {
  const user = await getSessionUser(request);
  if (!user) return { actor: visitor, user: null };
  return { actor: await loadActorCached(await getDb(), user.id), user };
}

/** Why `can` refused an actor, in the terms a web answer needs (the edge turns it into one). */
export type Refusal = "second-factor" | "not-found" | "sign-in" | "forbidden";

/**
 * The refusal of an actor `can` refused: enrolment for a role holder who lacks only a second factor,
 * "not found" where even knowing the resource exists would leak (a draft), sign-in for a visitor,
 * else forbidden.
 */
export function refusalFor<A extends Action>(actor: Actor, action: A, resource: ActionResources[A]): Refusal {
  if (needsSecondFactorFor(actor, action, resource)) return "second-factor";
  if (
    resource &&
    typeof resource === "object" &&
    "phase" in resource &&
    !canSee(withoutUnsecuredRoles(actor), resource)
  ) {
    return "not-found";
  }
  return actor.kind === "visitor" ? "sign-in" : "forbidden";
}
