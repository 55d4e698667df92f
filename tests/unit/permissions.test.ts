/**
 * Who may do what in Baraza: the permission table of app/platform/permissions.server.ts (see the roles in
 * DESIGN.md), checked cell by cell.
 *
 * The main table is written out for consultation A while it is open: one row per action (actions
 * on a comment get a row for the actor's own comment and one for someone else's), one column per
 * actor. The sections after it pin the rules that depend on the phase, on ownership, on
 * institutions and on which consultation a moderator moderates, and check that `can` is pure.
 */
import { describe, expect, it } from "vitest";
import {
  allActions,
  can,
  canTokenRead,
  holdsRole,
  needsSecondFactorFor,
  type Action,
  type ActionResources,
  type Actor,
  type ConsultationPhase,
  type ConsultationScope,
  type Member,
} from "~/platform/permissions.server";

// ---------------------------------------------------------------------------------------------
// The world: two consultations, three institutions, one actor per role
// ---------------------------------------------------------------------------------------------

const A = 1;
const B = 2;
const OWNING_INSTITUTION = 10; // owns consultation A
const FOLLOWING_INSTITUTION = 11; // follows consultation A
const UNRELATED_INSTITUTION = 12; // owns consultation B, nothing to do with A
const SOMEONE_ELSE = "user-someone-else";

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function member(userId: string, roles: Partial<Omit<Member, "kind" | "userId">> = {}): Member {
  return deepFreeze({
    kind: "member",
    userId,
    isAdmin: false,
    isFacilitator: false,
    facilitates: [],
    moderates: [],
    institutions: [],
    suspendedIn: [],
    // The table is about enrolled staff; "a role counts only with a second factor" below is about the rest.
    secondFactor: true,
    ...roles,
  });
}

const actors = {
  visitor: deepFreeze<Actor>({ kind: "visitor" }),
  member: member("user-member"),
  suspendedInA: member("user-suspended-in-a", { suspendedIn: [A] }),
  suspendedEverywhere: member("user-suspended-everywhere", { suspendedIn: "everywhere" }),
  facilitator: member("user-facilitator", { isFacilitator: true }),
  facilitatorOfA: member("user-facilitator-a", { facilitates: [A] }),
  moderatorOfA: member("user-moderator-a", { moderates: [A] }),
  moderatorOfB: member("user-moderator-b", { moderates: [B] }),
  owningInstitution: member("user-owning-institution", { institutions: [OWNING_INSTITUTION] }),
  followingInstitution: member("user-following-institution", { institutions: [FOLLOWING_INSTITUTION] }),
  unrelatedInstitution: member("user-unrelated-institution", { institutions: [UNRELATED_INSTITUTION] }),
  admin: member("user-admin", { isAdmin: true }),
} satisfies Record<string, Actor>;

type ActorName = keyof typeof actors;
const actorNames = Object.keys(actors) as ActorName[];

const phases: readonly ConsultationPhase[] = ["draft", "open", "closed", "summarising", "published"];

function consultationA(phase: ConsultationPhase): ConsultationScope {
  return deepFreeze({
    id: A,
    phase,
    owningInstitutionId: OWNING_INSTITUTION,
    followingInstitutionIds: [FOLLOWING_INSTITUTION],
  });
}

function consultationB(phase: ConsultationPhase): ConsultationScope {
  return deepFreeze({ id: B, phase, owningInstitutionId: UNRELATED_INSTITUTION, followingInstitutionIds: [] });
}

/** Whose comment (or proposal) an action on content is about. */
type Target = "own" | "others";

function authorFor(actor: Actor, target: Target): string {
  return target === "own" && actor.kind === "member" ? actor.userId : SOMEONE_ELSE;
}

/**
 * The resource each action takes, built for a consultation. Typed per action, so an action added
 * to ActionResources without an entry here fails `npm run typecheck`.
 */
const resourceFor: { [K in Action]: (consultation: ConsultationScope, authorId: string) => ActionResources[K] } = {
  "consultation.read": (c) => c,
  "report.readPublic": (c) => c,
  "priority.vote": (c) => c,
  "ballot.allocate": (c) => c,
  "comment.create": (c) => c,
  "comment.endorse": (c) => c,
  "priority.propose": (c) => c,
  "content.flag": (c, authorId) => deepFreeze({ consultation: c, authorId }),
  "comment.edit": (c, authorId) => deepFreeze({ consultation: c, authorId }),
  "comment.delete": (c, authorId) => deepFreeze({ consultation: c, authorId }),
  "offline.enter": (c) => c,
  // The meeting's facilitator stands where a comment's author does.
  "meeting.enter": (c, authorId) => deepFreeze({ consultation: c, authorId }),
  "meeting.read": (c, authorId) => deepFreeze({ consultation: c, authorId }),
  "facilitator.assign": (c) => c,
  "profile.manage": () => null,
  "ownData.download": () => null,
  "ownData.erase": () => null,
  "moderation.queue": (c) => c,
  "moderation.act": (c) => c,
  "member.suspend": (c) => c,
  "summary.write": (c) => c,
  "summary.publish": (c) => c,
  "phones.simulate": () => null,
  "report.download": (c) => c,
  "export.download": (c) => c,
  "response.publish": (c) => c,
  // The API tokens of the institution that owns the consultation in view.
  "institution.apiTokens": (c) => deepFreeze({ institutionId: c.owningInstitutionId ?? OWNING_INSTITUTION }),
  "consultation.create": () => null,
  "consultation.edit": (c) => c,
  "institution.manage": () => null,
  "role.assign": () => null,
  "downloads.audit": () => null,
  "retention.manage": () => null,
  "mail.outbox.read": () => null,
  "institution.portal": () => null,
};

/** The target under which an action on content can be allowed at all. */
function usualTarget(action: Action): Target {
  const ownOnly: readonly Action[] = ["comment.edit", "comment.delete", "meeting.enter", "meeting.read"];
  return ownOnly.includes(action) ? "own" : "others";
}

function ask<K extends Action>(actor: Actor, action: K, consultation: ConsultationScope, target = usualTarget(action)) {
  return can(actor, action, resourceFor[action](consultation, authorFor(actor, target)));
}

/** Every actor's answer, as { actorName: allowed }: a failing comparison names the actor. */
function verdicts(action: Action, consultation: ConsultationScope, target?: Target): Record<ActorName, boolean> {
  return Object.fromEntries(
    actorNames.map((name) => [name, ask(actors[name], action, consultation, target)]),
  ) as Record<ActorName, boolean>;
}

function only(...allowed: ActorName[]): Record<ActorName, boolean> {
  return Object.fromEntries(actorNames.map((name) => [name, allowed.includes(name)])) as Record<ActorName, boolean>;
}

const everyone = only(...actorNames);
const nobody = only();

// ---------------------------------------------------------------------------------------------
// The table: consultation A, phase "open"
// ---------------------------------------------------------------------------------------------

const Y = true;
const N = false;

/** The table's columns, in order. */
const columns = [
  "visitor",
  "member",
  "suspendedInA",
  "suspendedEverywhere",
  "facilitator",
  "facilitatorOfA",
  "moderatorOfA",
  "moderatorOfB",
  "owningInstitution",
  "followingInstitution",
  "unrelatedInstitution",
  "admin",
] as const satisfies readonly ActorName[];

/** One boolean per column, as a tuple (a mapped type over a type parameter keeps the tuple shape). */
type BooleanPer<T extends readonly unknown[]> = { -readonly [I in keyof T]: boolean };
type Cells = BooleanPer<typeof columns>;

interface TableRow {
  action: Action;
  target?: Target;
  cells: Cells;
}

const row = (action: Action, ...cells: Cells): TableRow => ({ action, cells });
const rowOwn = (action: Action, ...cells: Cells): TableRow => ({ action, target: "own", cells });
const rowOthers = (action: Action, ...cells: Cells): TableRow => ({ action, target: "others", cells });

// prettier-ignore
const whenOpen: readonly TableRow[] = [
  //                                  visitor
  //                                   |  member  suspended  facilitator     moderator    institution
  //                                   |   |   in A everywh.  all  of A    of A  of B   own fol oth  admin
  //                                   |   |   |   |       |    |       |     |      |   |   |    |
  // Anyone
  row("consultation.read",             Y,  Y,  Y,  Y,       Y,    Y,    Y,    Y,     Y,  Y,  Y,   Y),
  row("report.readPublic",             N,  N,  N,  N,       N,    N,    N,    N,     N,  N,  N,   N),
  // Members, while the consultation is open
  row("priority.vote",                 N,  Y,  N,  N,       Y,    Y,    Y,    Y,     Y,  Y,  Y,   Y),
  row("ballot.allocate",               N,  Y,  N,  N,       Y,    Y,    Y,    Y,     Y,  Y,  Y,   Y),
  row("comment.create",                N,  Y,  N,  N,       Y,    Y,    Y,    Y,     Y,  Y,  Y,   Y),
  row("comment.endorse",               N,  Y,  N,  N,       Y,    Y,    Y,    Y,     Y,  Y,  Y,   Y),
  row("priority.propose",              N,  Y,  N,  N,       Y,    Y,    Y,    Y,     Y,  Y,  Y,   Y),
  rowOthers("content.flag",            N,  Y,  N,  N,       Y,    Y,    Y,    Y,     Y,  Y,  Y,   Y),
  rowOwn("content.flag",               N,  N,  N,  N,       N,    N,    N,    N,     N,  N,  N,   N),
  rowOwn("comment.edit",               N,  Y,  N,  N,       Y,    Y,    Y,    Y,     Y,  Y,  Y,   Y),
  rowOthers("comment.edit",            N,  N,  N,  N,       N,    N,    N,    N,     N,  N,  N,   N),
  rowOwn("comment.delete",             N,  Y,  Y,  Y,       Y,    Y,    Y,    Y,     Y,  Y,  Y,   Y),
  rowOthers("comment.delete",          N,  N,  N,  N,       N,    N,    N,    N,     N,  N,  N,   N),
  // Facilitators
  row("offline.enter",                 N,  N,  N,  N,       Y,    Y,    N,    N,     N,  N,  N,   Y),
  rowOwn("meeting.enter",              N,  N,  N,  N,       Y,    Y,    N,    N,     N,  N,  N,   Y),
  rowOthers("meeting.enter",           N,  N,  N,  N,       N,    N,    N,    N,     N,  N,  N,   N),
  rowOwn("meeting.read",               N,  N,  N,  N,       Y,    Y,    Y,    N,     N,  N,  N,   Y),
  rowOthers("meeting.read",            N,  N,  N,  N,       N,    N,    Y,    N,     N,  N,  N,   Y),
  // Members, about themselves
  row("profile.manage",                N,  Y,  Y,  Y,       Y,    Y,    Y,    Y,     Y,  Y,  Y,   Y),
  row("ownData.download",              N,  Y,  Y,  Y,       Y,    Y,    Y,    Y,     Y,  Y,  Y,   Y),
  row("ownData.erase",                 N,  Y,  Y,  Y,       Y,    Y,    Y,    Y,     Y,  Y,  Y,   Y),
  // Moderators of the consultation (and admins)
  row("moderation.queue",              N,  N,  N,  N,       N,    N,    Y,    N,     N,  N,  N,   Y),
  row("moderation.act",                N,  N,  N,  N,       N,    N,    Y,    N,     N,  N,  N,   Y),
  row("member.suspend",                N,  N,  N,  N,       N,    N,    Y,    N,     N,  N,  N,   Y),
  row("facilitator.assign",            N,  N,  N,  N,       N,    N,    Y,    N,     N,  N,  N,   Y),
  row("summary.write",                 N,  N,  N,  N,       N,    N,    Y,    N,     N,  N,  N,   Y),
  row("summary.publish",               N,  N,  N,  N,       N,    N,    Y,    N,     N,  N,  N,   Y),
  // Moderators of any consultation (and admins)
  row("phones.simulate",               N,  N,  N,  N,       N,    N,    Y,    Y,     N,  N,  N,   Y),
  // Members of the owning or a following institution (and admins)
  row("report.download",               N,  N,  N,  N,       N,    N,    N,    N,     Y,  Y,  N,   Y),
  row("export.download",               N,  N,  N,  N,       N,    N,    N,    N,     Y,  Y,  N,   Y),
  // Members of the owning institution only
  row("response.publish",              N,  N,  N,  N,       N,    N,    N,    N,     Y,  N,  N,   N),
  row("institution.apiTokens",         N,  N,  N,  N,       N,    N,    N,    N,     Y,  N,  N,   N),
  // Members of any institution
  row("institution.portal",            N,  N,  N,  N,       N,    N,    N,    N,     Y,  Y,  Y,   N),
  // Admins
  row("consultation.create",           N,  N,  N,  N,       N,    N,    N,    N,     N,  N,  N,   Y),
  row("consultation.edit",             N,  N,  N,  N,       N,    N,    N,    N,     N,  N,  N,   Y),
  row("institution.manage",            N,  N,  N,  N,       N,    N,    N,    N,     N,  N,  N,   Y),
  row("role.assign",                   N,  N,  N,  N,       N,    N,    N,    N,     N,  N,  N,   Y),
  row("downloads.audit",               N,  N,  N,  N,       N,    N,    N,    N,     N,  N,  N,   Y),
  row("retention.manage",              N,  N,  N,  N,       N,    N,    N,    N,     N,  N,  N,   Y),
  row("mail.outbox.read",              N,  N,  N,  N,       N,    N,    N,    N,     N,  N,  N,   Y),
];

function label({ action, target }: TableRow): string {
  if (target === "own") return `${action} on own comment`;
  if (target === "others") return `${action} on someone else's comment`;
  return action;
}

const tableCases = whenOpen.flatMap((tableRow) =>
  columns.map((actor, column) => ({
    label: label(tableRow),
    actor,
    allowed: tableRow.cells[column],
    verdict: tableRow.cells[column] ? "allowed" : "refused",
    action: tableRow.action,
    target: tableRow.target,
  })),
);

describe("permission table, consultation A open", () => {
  it("has a row for every action, and only for actions", () => {
    const tableActions = [...new Set(whenOpen.map((r) => r.action))].sort();
    expect(tableActions).toEqual([...allActions].sort());
  });

  it("has a column for every actor", () => {
    expect([...columns].sort()).toEqual([...actorNames].sort());
    for (const tableRow of whenOpen) expect(tableRow.cells, label(tableRow)).toHaveLength(columns.length);
  });

  it.each(tableCases)("$label by $actor: $verdict", ({ actor, action, target, allowed }) => {
    expect(ask(actors[actor], action, consultationA("open"), target)).toBe(allowed);
  });
});

// ---------------------------------------------------------------------------------------------
// Phases
// ---------------------------------------------------------------------------------------------

const participationActions = [
  "priority.vote",
  "ballot.allocate",
  "comment.create",
  "comment.endorse",
  "priority.propose",
  "content.flag",
  "comment.edit",
  "offline.enter",
] as const satisfies readonly Action[];

describe("phases", () => {
  describe.each(["draft", "closed", "summarising", "published"] as const)("consultation A %s", (phase) => {
    it.each(participationActions)("%s is refused to everyone, admin included", (action) => {
      expect(verdicts(action, consultationA(phase))).toEqual(nobody);
    });
  });

  it("a draft consultation is readable only by its moderators and admins", () => {
    expect(verdicts("consultation.read", consultationA("draft"))).toEqual(only("moderatorOfA", "admin"));
  });

  it.each(["open", "closed", "summarising", "published"] as const)(
    "a %s consultation is readable by everyone",
    (phase) => {
      expect(verdicts("consultation.read", consultationA(phase))).toEqual(everyone);
    },
  );

  it("the public report is readable by everyone once the consultation is published", () => {
    expect(verdicts("report.readPublic", consultationA("published"))).toEqual(everyone);
  });

  it.each(["draft", "open", "closed", "summarising"] as const)("there is no public report while %s", (phase) => {
    expect(verdicts("report.readPublic", consultationA(phase))).toEqual(nobody);
  });
});

// ---------------------------------------------------------------------------------------------
// Ownership
// ---------------------------------------------------------------------------------------------

describe("ownership", () => {
  const open = consultationA("open");
  const { member } = actors;

  it("a member may flag someone else's content, never their own", () => {
    expect(ask(member, "content.flag", open, "others")).toBe(true);
    expect(ask(member, "content.flag", open, "own")).toBe(false);
  });

  it("a member may edit only their own comment", () => {
    expect(ask(member, "comment.edit", open, "own")).toBe(true);
    expect(ask(member, "comment.edit", open, "others")).toBe(false);
  });

  it("a member may delete only their own comment", () => {
    expect(ask(member, "comment.delete", open, "own")).toBe(true);
    expect(ask(member, "comment.delete", open, "others")).toBe(false);
  });

  it("moderators and admins do not edit or delete other people's comments (they hide them)", () => {
    for (const name of ["moderatorOfA", "admin"] as const) {
      expect(ask(actors[name], "comment.edit", open, "others"), name).toBe(false);
      expect(ask(actors[name], "comment.delete", open, "others"), name).toBe(false);
    }
  });

  it.each(["closed", "summarising", "published"] as const)(
    "a member may still delete their own comment once %s",
    (phase) => {
      expect(ask(member, "comment.delete", consultationA(phase), "own")).toBe(true);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Institutions
// ---------------------------------------------------------------------------------------------

describe("institutions", () => {
  describe.each(["report.download", "export.download"] as const)("%s", (action) => {
    it.each(["open", "closed", "summarising", "published"] as const)(
      "consultation A %s: owning and following institutions' members and admins only",
      (phase) => {
        expect(verdicts(action, consultationA(phase))).toEqual(
          only("owningInstitution", "followingInstitution", "admin"),
        );
      },
    );

    it("consultation A draft: admins only", () => {
      expect(verdicts(action, consultationA("draft"))).toEqual(only("admin"));
    });

    it("consultation B: its owning institution's members and admins, not A's institutions", () => {
      expect(verdicts(action, consultationB("published"))).toEqual(only("unrelatedInstitution", "admin"));
    });
  });

  describe("response.publish", () => {
    it.each(["open", "closed", "summarising", "published"] as const)(
      "consultation A %s: owning institution's members only (not followers, not admins)",
      (phase) => {
        expect(verdicts("response.publish", consultationA(phase))).toEqual(only("owningInstitution"));
      },
    );

    it("consultation A draft: nobody", () => {
      expect(verdicts("response.publish", consultationA("draft"))).toEqual(nobody);
    });
  });

  describe("institution.apiTokens", () => {
    it.each([
      { institution: "owning", institutionId: OWNING_INSTITUTION, holder: "owningInstitution" },
      { institution: "following", institutionId: FOLLOWING_INSTITUTION, holder: "followingInstitution" },
      { institution: "unrelated", institutionId: UNRELATED_INSTITUTION, holder: "unrelatedInstitution" },
    ] as const)(
      "the $institution institution's tokens: its own members only (not admins)",
      ({ institutionId, holder }) => {
        const answers = Object.fromEntries(
          actorNames.map((name) => [name, can(actors[name], "institution.apiTokens", { institutionId })]),
        );
        expect(answers).toEqual(only(holder));
      },
    );
  });

  describe("canTokenRead (API tokens)", () => {
    it.each(["open", "closed", "summarising", "published"] as const)(
      "a %s consultation: tokens of its owning and following institutions only",
      (phase) => {
        expect(canTokenRead(OWNING_INSTITUTION, consultationA(phase))).toBe(true);
        expect(canTokenRead(FOLLOWING_INSTITUTION, consultationA(phase))).toBe(true);
        expect(canTokenRead(UNRELATED_INSTITUTION, consultationA(phase))).toBe(false);
        expect(canTokenRead(OWNING_INSTITUTION, consultationB(phase))).toBe(false);
      },
    );

    it("a draft: no token, not even the owner's", () => {
      expect(canTokenRead(OWNING_INSTITUTION, consultationA("draft"))).toBe(false);
      expect(canTokenRead(FOLLOWING_INSTITUTION, consultationA("draft"))).toBe(false);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Scope: moderation and suspension are per consultation
// ---------------------------------------------------------------------------------------------

const moderationActions = [
  "moderation.queue",
  "moderation.act",
  "member.suspend",
  "facilitator.assign",
  "summary.write",
  "summary.publish",
] as const satisfies readonly Action[];

describe("per-consultation scope", () => {
  it.each(moderationActions)("%s: each moderator only on the consultation they moderate", (action) => {
    expect(verdicts(action, consultationA("open"))).toEqual(only("moderatorOfA", "admin"));
    expect(verdicts(action, consultationB("open"))).toEqual(only("moderatorOfB", "admin"));
  });

  it("a facilitator of A enters offline input in A only; the site-wide facilitator everywhere", () => {
    expect(verdicts("offline.enter", consultationB("open"))).toEqual(only("facilitator", "admin"));
  });

  it("a meeting's own facilitator reads it after the consultation closes, but no longer enters its input", () => {
    expect(verdicts("meeting.read", consultationA("closed"), "own")).toEqual(
      only("facilitator", "facilitatorOfA", "moderatorOfA", "admin"),
    );
    expect(verdicts("meeting.enter", consultationA("closed"), "own")).toEqual(only());
    expect(verdicts("meeting.read", consultationB("open"), "others")).toEqual(only("moderatorOfB", "admin"));
  });

  it("a draft consultation is hidden from another consultation's moderator", () => {
    expect(ask(actors.moderatorOfB, "consultation.read", consultationA("draft"))).toBe(false);
    expect(ask(actors.moderatorOfB, "consultation.read", consultationB("draft"))).toBe(true);
  });

  it.each(participationActions.filter((action) => action !== "offline.enter"))(
    "%s: a member suspended in A may still take part in B; one suspended everywhere may not",
    (action) => {
      expect(ask(actors.suspendedInA, action, consultationA("open"))).toBe(false);
      expect(ask(actors.suspendedInA, action, consultationB("open"))).toBe(true);
      expect(ask(actors.suspendedEverywhere, action, consultationB("open"))).toBe(false);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Second factor (issue 13 item 9): a role counts only once the account has one
// ---------------------------------------------------------------------------------------------

describe("a role counts only with a second factor", () => {
  const roleHolders = actorNames.filter((name) => {
    const actor = actors[name];
    return actor.kind === "member" && holdsRole(actor);
  });
  const unsecured = (name: ActorName) => deepFreeze({ ...(actors[name] as Member), secondFactor: false });
  const plainMember = (name: ActorName) =>
    member((actors[name] as Member).userId, { suspendedIn: (actors[name] as Member).suspendedIn });

  it("covers every role of the table", () => {
    expect(roleHolders.sort()).toEqual(
      [
        "admin",
        "facilitator",
        "facilitatorOfA",
        "followingInstitution",
        "moderatorOfA",
        "moderatorOfB",
        "owningInstitution",
        "unrelatedInstitution",
      ].sort(),
    );
  });

  it.each(roleHolders)("%s without a second factor is judged as a plain member, for every action", (name) => {
    for (const action of allActions) {
      for (const phase of phases) {
        for (const consultation of [consultationA(phase), consultationB(phase)]) {
          for (const target of ["own", "others"] as const) {
            const resource = resourceFor[action](consultation, authorFor(actors[name], target));
            expect(can(unsecured(name), action, resource), `${action}, ${phase} #${consultation.id}, ${target}`).toBe(
              can(plainMember(name), action, resource),
            );
          }
        }
      }
    }
  });

  it("an admin without a second factor opens no staff console, moderation queue or outbox", () => {
    const admin = unsecured("admin");
    expect(can(admin, "consultation.create", null)).toBe(false);
    expect(can(admin, "mail.outbox.read", null)).toBe(false);
    expect(can(admin, "moderation.queue", consultationA("open"))).toBe(false);
    expect(can(admin, "consultation.read", consultationA("draft"))).toBe(false);
  });

  it("an institution member without one opens neither the portal nor its API tokens", () => {
    const officer = unsecured("owningInstitution");
    expect(can(officer, "institution.portal", null)).toBe(false);
    expect(can(officer, "institution.apiTokens", { institutionId: OWNING_INSTITUTION })).toBe(false);
  });

  it("names what enrolling would open, and only that", () => {
    expect(needsSecondFactorFor(unsecured("admin"), "consultation.create", null)).toBe(true);
    expect(needsSecondFactorFor(unsecured("moderatorOfA"), "moderation.queue", consultationA("open"))).toBe(true);
    expect(needsSecondFactorFor(unsecured("moderatorOfA"), "moderation.queue", consultationB("open"))).toBe(false);
    expect(needsSecondFactorFor(unsecured("facilitator"), "offline.enter", consultationA("open"))).toBe(true);
    expect(needsSecondFactorFor(actors.admin, "consultation.create", null)).toBe(false);
    expect(needsSecondFactorFor(actors.member, "consultation.create", null)).toBe(false);
    expect(needsSecondFactorFor(actors.visitor, "consultation.create", null)).toBe(false);
  });

  it("a member without a role needs no second factor to take part", () => {
    const member = deepFreeze({ ...actors.member, secondFactor: false });
    expect(can(member, "priority.vote", consultationA("open"))).toBe(true);
    expect(can(member, "profile.manage", null)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Purity
// ---------------------------------------------------------------------------------------------

describe("can is pure", () => {
  // Every combination; actors and resources are deeply frozen, so a rule that mutated one would throw.
  const combinations = allActions.flatMap((action) =>
    actorNames.flatMap((actor) =>
      phases.flatMap((phase) =>
        [consultationA(phase), consultationB(phase)].flatMap((consultation) =>
          (["own", "others"] as const).map((target) => ({ action, actor, consultation, target })),
        ),
      ),
    ),
  );
  const answerAll = (list: typeof combinations) =>
    list.map(({ action, actor, consultation, target }) => ask(actors[actor], action, consultation, target));

  it("answers every action × actor × phase × ownership with a boolean, without throwing", () => {
    for (const [i, answer] of answerAll(combinations).entries()) {
      const { action, actor, consultation, target } = combinations[i]!;
      expect(typeof answer, `${action} by ${actor}, ${consultation.phase} #${consultation.id}, ${target}`).toBe(
        "boolean",
      );
    }
  });

  it("gives the same answers when asked again, in any order", () => {
    const first = answerAll(combinations);
    const again = answerAll(combinations);
    const reversed = answerAll([...combinations].reverse()).reverse();
    expect(again).toEqual(first);
    expect(reversed).toEqual(first);
  });
});
