/**
 * The staff console through its real loaders and actions: admins create and run consultations,
 * priorities, phases, moderators and institutions; moderators, institution members, members and
 * visitors are refused with nothing changed; bad input is answered with translated field errors,
 * the typed values and nothing stored; a phase change needs its confirmation.
 */
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { signUp, verifyEmail } from "~/accounts/accounts.server";
import { queryRows } from "~/platform/db.server";
import { loadActor } from "~/platform/permissions.server";
import * as consolePage from "~/routes/_staff+/staff._index";
import * as editPage from "~/routes/_staff+/staff.consultations.$slug";
import * as phasePage from "~/routes/_staff+/staff.consultations.$slug_.phase";
import * as prioritiesPage from "~/routes/_staff+/staff.consultations.$slug_.priorities";
import * as priorityPage from "~/routes/_staff+/staff.consultations.$slug_.priorities_.$priorityId";
import * as newPage from "~/routes/_staff+/staff.consultations.new";
import * as institutionPage from "~/routes/_staff+/staff.institutions.$slug";
import * as newInstitutionPage from "~/routes/_staff+/staff.institutions.new";
import {
  consultation,
  consultationModerator,
  institution,
  institutionFollow,
  institutionMember,
  moderationAction,
  priority,
  user,
  userRole,
} from "~db/schema";
import { call, lastMailedLink, signUpMember, type Answer } from "../support/actions";
import { createConsultation } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { text } from "../support/locales";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();

interface Person {
  cookie: string;
  email: string;
  userId: string;
}

async function person(name: string): Promise<Person> {
  const { cookie, email, userId } = await signUpMember(name);
  return { cookie, email, userId: userId };
}

let admin: Person;
let moderator: Person;
let institutionPerson: Person;
let member: Person;
let ownerId: number;
let followerId: number;
let existing: { id: number; slug: string; priorityIds: number[] };

/** Everyone but an admin, as the console must refuse them. */
function outsiders(): Array<[string, Person | undefined]> {
  return [
    ["a moderator", moderator],
    ["an institution member", institutionPerson],
    ["a member", member],
    ["a visitor", undefined],
  ];
}

/** Every table the console writes to, to check that a refused post changed nothing. */
async function snapshot(): Promise<string> {
  const tables = [
    "consultation",
    "priority",
    "consultation_moderator",
    "institution",
    "institution_member",
    "institution_follow",
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await queryRows<{ row: string }>(
      db(),
      sql.raw(`select row_to_json(t)::text as row from ${table} t order by row_to_json(t)::text`),
    );
    parts.push(`${table}:${rows.map((r) => r.row).join("\n")}`);
  }
  return parts.join("\n\n");
}

function expectRefused(answer: Answer, who: Person | undefined, label: string) {
  if (who) {
    expect(answer.status, label).toBe(403);
  } else {
    expect(answer.status, label).toBe(302);
    expect(answer.headers.get("Location"), label).toMatch(/^\/sign-in\?redirectTo=%2Fstaff/);
  }
}

/** Field errors of a refused post, each checked to be an existing English string. */
function fieldErrors(answer: Answer): Record<string, string> {
  const body = answer.body as { fieldErrors: Record<string, string> };
  for (const key of Object.values(body.fieldErrors)) {
    const [namespace, path] = key.split(":") as [string, string];
    expect(text("en", namespace, path), key).toBeTruthy();
  }
  return body.fieldErrors;
}

const newConsultation = {
  slug: "vaccine-plants",
  title_en: "Where should vaccine plants be built?",
  summary_en: "Help the region choose.",
  context_en: "",
  title_fr: "Où construire des usines de vaccins ?",
  summary_fr: "Aidez la région à choisir.",
  defaultLocale: "en",
  regionCountries: "KE",
  regionCommunities: "EAC",
  opensAt: "2026-01-01T08:00",
  closesAt: "2099-01-01T08:00",
  moderationMode: "pre",
  resultsVisibility: "after_vote",
  ballotBudget: "10",
  flagThreshold: "",
  owningInstitutionId: "",
};

beforeAll(async () => {
  [admin, moderator, institutionPerson, member] = await Promise.all([
    person("Admin"),
    person("Moderator"),
    person("Institution"),
    person("Member"),
  ]);
  await db().insert(userRole).values({ userId: admin.userId, role: "admin" });
  const [owner, follower] = await db()
    .insert(institution)
    .values([
      { slug: "owner", name: { en: "Owner" } },
      { slug: "follower", name: { en: "Follower" } },
    ])
    .returning({ id: institution.id });
  ownerId = owner!.id;
  followerId = follower!.id;
  existing = await createConsultation(db(), { slug: "existing", owningInstitutionId: ownerId }, 2);
  await db().insert(consultationModerator).values({ consultationId: existing.id, userId: moderator.userId });
  await db().insert(institutionMember).values({ institutionId: ownerId, userId: institutionPerson.userId });
  await markSecondFactorEnrolled(db(), admin.userId, moderator.userId, institutionPerson.userId);
});

describe("the console", () => {
  it("lists every consultation with its stored and effective phase, and the institutions, for admins", async () => {
    await createConsultation(db(), { slug: "ran-out", phase: "open", closesAt: new Date("2020-01-01T00:00:00Z") }, 0);
    await createConsultation(db(), { slug: "a-draft", phase: "draft" }, 0);
    const answer = await call(consolePage.loader, { path: "/staff", params: {}, cookie: admin.cookie });
    expect(answer.status).toBe(200);
    const body = answer.body as {
      consultations: Array<{ slug: string; phase: string; effectivePhase: string }>;
      institutions: Array<{ slug: string }>;
    };
    const bySlug = Object.fromEntries(body.consultations.map((c) => [c.slug, c]));
    expect(bySlug["ran-out"]).toMatchObject({ phase: "open", effectivePhase: "closed" });
    expect(bySlug["a-draft"]).toMatchObject({ phase: "draft", effectivePhase: "draft" });
    expect(bySlug.existing).toMatchObject({ phase: "open", effectivePhase: "open" });
    expect(body.institutions.map((i) => i.slug)).toEqual(["follower", "owner"]);
  });

  it.each(outsiders())("refuses %s", async (label, who) => {
    for (const path of ["/staff", "/staff/consultations/new", "/staff/institutions/new"]) {
      const route = {
        "/staff": consolePage,
        "/staff/consultations/new": newPage,
        "/staff/institutions/new": newInstitutionPage,
      }[path]!;
      expectRefused(await call(route.loader, { path, params: {}, cookie: who?.cookie }), who, `${label} ${path}`);
    }
    const slug = existing.slug;
    for (const [route, path] of [
      [editPage, `/staff/consultations/${slug}`],
      [prioritiesPage, `/staff/consultations/${slug}/priorities`],
      [phasePage, `/staff/consultations/${slug}/phase?to=closed`],
    ] as const) {
      expectRefused(await call(route.loader, { path, params: { slug }, cookie: who?.cookie }), who, `${label} ${path}`);
    }
  });
});

describe("creating and editing a consultation", () => {
  it("refuses everyone but admins, storing nothing", async () => {
    const before = await snapshot();
    for (const [label, who] of outsiders()) {
      const answer = await call(newPage.action, {
        path: "/staff/consultations/new",
        params: {},
        fields: { ...newConsultation, slug: "refused" },
        cookie: who?.cookie,
      });
      expectRefused(answer, who, label);
      const edit = await call(editPage.action, {
        path: `/staff/consultations/${existing.slug}`,
        params: { slug: existing.slug },
        fields: { ...newConsultation, intent: "save", slug: existing.slug },
        cookie: who?.cookie,
      });
      expectRefused(edit, who, label);
    }
    expect(await snapshot()).toBe(before);
  });

  it("answers bad input with translated field errors, the typed values and nothing stored", async () => {
    const before = await snapshot();
    const answer = await call(newPage.action, {
      path: "/staff/consultations/new",
      params: {},
      fields: {
        ...newConsultation,
        slug: "Not a slug!",
        title_en: "",
        closesAt: "2025-01-01T08:00",
        ballotBudget: "0",
        regionCountries: "ZZ",
        owningInstitutionId: "abc",
      },
      cookie: admin.cookie,
    });
    expect(answer.status).toBe(400);
    expect(fieldErrors(answer)).toEqual({
      slug: "staff:errors.slug",
      title_en: "staff:errors.requiredInDefaultLocale",
      closesAt: "staff:errors.closesBeforeOpens",
      ballotBudget: "staff:errors.ballotBudget",
      regionCountries: "staff:errors.country",
      owningInstitutionId: "staff:errors.institution",
    });
    expect((answer.body as { values: Record<string, string> }).values).toMatchObject({
      slug: "Not a slug!",
      title_fr: newConsultation.title_fr,
      ballotBudget: "0",
    });
    expect(await snapshot()).toBe(before);
  });

  it("refuses a slug already used and an institution that does not exist", async () => {
    const before = await snapshot();
    const taken = await call(newPage.action, {
      path: "/staff/consultations/new",
      params: {},
      fields: { ...newConsultation, slug: existing.slug },
      cookie: admin.cookie,
    });
    expect(taken.status).toBe(409);
    expect(fieldErrors(taken)).toEqual({ slug: "staff:errors.slugTaken" });
    const missing = await call(newPage.action, {
      path: "/staff/consultations/new",
      params: {},
      fields: { ...newConsultation, owningInstitutionId: "999999" },
      cookie: admin.cookie,
    });
    expect(missing.status).toBe(409);
    expect(fieldErrors(missing)).toEqual({ owningInstitutionId: "staff:errors.institution" });
    expect(await snapshot()).toBe(before);
  });

  it("creates a draft with everything the form says, then edits it", async () => {
    const form = new URLSearchParams({ ...newConsultation, owningInstitutionId: String(ownerId) });
    form.append("followingInstitutionIds", String(followerId));
    form.append("followingInstitutionIds", String(ownerId));
    form.set("regionCountries", "KE");
    form.append("regionCountries", "UG");
    // Repeated names (a multiple select, checkboxes) posted the way a browser does.
    const request = new Request("http://localhost/staff/consultations/new", {
      method: "POST",
      headers: { cookie: admin.cookie },
      body: form,
    });
    const created = (await newPage.action({ request, params: {}, context: {} })) as Response;
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe("/staff/consultations/vaccine-plants");

    const [row] = await db().select().from(consultation).where(eq(consultation.slug, "vaccine-plants"));
    expect(row).toMatchObject({
      phase: "draft",
      title: { en: newConsultation.title_en, fr: newConsultation.title_fr },
      summary: { en: newConsultation.summary_en, fr: newConsultation.summary_fr },
      context: {},
      regionCountries: ["KE", "UG"],
      regionCommunities: ["EAC"],
      opensAt: new Date("2026-01-01T08:00:00Z"),
      closesAt: new Date("2099-01-01T08:00:00Z"),
      moderationMode: "pre",
      resultsVisibility: "after_vote",
      ballotBudget: 10,
      flagThreshold: 3,
      owningInstitutionId: ownerId,
    });
    const follows = await db()
      .select({ id: institutionFollow.institutionId })
      .from(institutionFollow)
      .where(eq(institutionFollow.consultationId, row!.id));
    expect(follows).toEqual([{ id: followerId }]);

    const page = await call(editPage.loader, {
      path: "/staff/consultations/vaccine-plants",
      params: { slug: "vaccine-plants" },
      cookie: admin.cookie,
    });
    expect(page.status).toBe(200);
    expect((page.body as { values: Record<string, string> }).values).toMatchObject({
      title_fr: newConsultation.title_fr,
      opensAt: "2026-01-01T08:00",
      followingInstitutionIds: String(followerId),
    });

    const edited = await call(editPage.action, {
      path: "/staff/consultations/vaccine-plants",
      params: { slug: "vaccine-plants" },
      fields: { ...newConsultation, intent: "save", slug: "vaccine-plants-2", ballotBudget: "", flagThreshold: "5" },
      cookie: admin.cookie,
    });
    expect(edited.status).toBe(302);
    expect(edited.headers.get("Location")).toBe("/staff/consultations/vaccine-plants-2");
    const [after] = await db().select().from(consultation).where(eq(consultation.id, row!.id));
    expect(after).toMatchObject({ slug: "vaccine-plants-2", ballotBudget: null, flagThreshold: 5, phase: "draft" });
    expect(await db().select().from(institutionFollow).where(eq(institutionFollow.consultationId, row!.id))).toEqual(
      [],
    );
  });
});

describe("phases", () => {
  const phaseOf = async (id: number) =>
    (await db().select({ phase: consultation.phase }).from(consultation).where(eq(consultation.id, id)))[0]!.phase;

  it("asks for confirmation, saying what the change does, before changing anything", async () => {
    const draft = await createConsultation(db(), { phase: "draft" }, 0);
    const path = `/staff/consultations/${draft.slug}/phase`;
    const page = await call(phasePage.loader, {
      path: `${path}?to=open`,
      params: { slug: draft.slug },
      cookie: admin.cookie,
    });
    expect(page.body).toMatchObject({ from: "draft", to: "open", clockPhase: null });

    const unconfirmed = await call(phasePage.action, {
      path,
      params: { slug: draft.slug },
      fields: { from: "draft", to: "open" },
      cookie: admin.cookie,
    });
    expect(unconfirmed.status).toBe(302);
    expect(unconfirmed.headers.get("Location")).toBe(`${path}?to=open`);
    expect(await phaseOf(draft.id)).toBe("draft");

    const confirmed = await call(phasePage.action, {
      path,
      params: { slug: draft.slug },
      fields: { from: "draft", to: "open", confirm: "yes" },
      cookie: admin.cookie,
    });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe(`/staff/consultations/${draft.slug}`);
    expect(await phaseOf(draft.id)).toBe("open");

    // Posted again from the old page: someone (this very admin) already moved it.
    const stale = await call(phasePage.action, {
      path,
      params: { slug: draft.slug },
      fields: { from: "draft", to: "open", confirm: "yes" },
      cookie: admin.cookie,
    });
    expect(stale.status).toBe(409);
    expect((stale.body as { formError: string }).formError).toBe("staff:phase.errors.changed");
  });

  it("refuses moves that skip phases, and tells when the clock overrules the new phase", async () => {
    const closed = await createConsultation(db(), { phase: "closed", closesAt: new Date("2020-01-01T00:00:00Z") }, 0);
    const path = `/staff/consultations/${closed.slug}/phase`;
    const skip = await call(phasePage.action, {
      path,
      params: { slug: closed.slug },
      fields: { from: "closed", to: "published", confirm: "yes" },
      cookie: admin.cookie,
    });
    expect(skip.status).toBe(400);
    expect(await phaseOf(closed.id)).toBe("closed");
    const notOffered = await call(phasePage.loader, {
      path: `${path}?to=published`,
      params: { slug: closed.slug },
      cookie: admin.cookie,
    });
    expect(notOffered.body).toMatchObject({ to: null });
    const reopen = await call(phasePage.loader, {
      path: `${path}?to=open`,
      params: { slug: closed.slug },
      cookie: admin.cookie,
    });
    expect(reopen.body).toMatchObject({ to: "open", clockPhase: "closed" });
  });

  it("refuses everyone but admins, even the consultation's moderator", async () => {
    const before = await snapshot();
    for (const [label, who] of outsiders()) {
      const answer = await call(phasePage.action, {
        path: `/staff/consultations/${existing.slug}/phase`,
        params: { slug: existing.slug },
        fields: { from: "open", to: "closed", confirm: "yes" },
        cookie: who?.cookie,
      });
      expectRefused(answer, who, label);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("priorities", () => {
  const path = () => `/staff/consultations/${existing.slug}/priorities`;
  const validPriority = {
    intent: "add",
    title_en: "Regional vaccine hubs",
    body_en: "Build two hubs.",
    title_fr: "Pôles régionaux de vaccins",
    category: "technology-transfer",
    productType: "vaccines",
    position: "7",
  };

  it("adds, edits, hides and shows again a priority", async () => {
    const added = await call(prioritiesPage.action, {
      path: path(),
      params: { slug: existing.slug },
      fields: validPriority,
      cookie: admin.cookie,
    });
    expect(added.status).toBe(302);
    const [row] = await db().select().from(priority).where(eq(priority.position, 7));
    expect(row).toMatchObject({
      consultationId: existing.id,
      status: "approved",
      title: { en: validPriority.title_en, fr: validPriority.title_fr },
      body: { en: validPriority.body_en },
      category: "technology-transfer",
      productType: "vaccines",
      proposedById: null,
    });

    const priorityId = String(row!.id);
    const edited = await call(priorityPage.action, {
      path: `${path()}/${priorityId}`,
      params: { slug: existing.slug, priorityId },
      fields: { ...validPriority, intent: "save", productType: "", position: "1", body_fr: "Construire deux pôles." },
      cookie: admin.cookie,
    });
    expect(edited.status).toBe(302);
    const [after] = await db().select().from(priority).where(eq(priority.id, row!.id));
    expect(after).toMatchObject({
      productType: null,
      position: 1,
      body: { en: validPriority.body_en, fr: "Construire deux pôles." },
    });

    for (const [intent, status] of [
      ["hide", "hidden"],
      ["restore", "approved"],
    ] as const) {
      const answer = await call(prioritiesPage.action, {
        path: path(),
        params: { slug: existing.slug },
        fields: { intent, priorityId },
        cookie: admin.cookie,
      });
      expect(answer.status).toBe(302);
      const [changed] = await db().select({ status: priority.status }).from(priority).where(eq(priority.id, row!.id));
      expect(changed!.status).toBe(status);
    }
    const logged = await db()
      .select({ action: moderationAction.action, actorId: moderationAction.actorId })
      .from(moderationAction)
      .where(eq(moderationAction.targetId, priorityId))
      .orderBy(asc(moderationAction.id));
    expect(logged).toEqual([
      { action: "hide", actorId: admin.userId },
      { action: "restore", actorId: admin.userId },
    ]);
  });

  it("answers bad input with translated field errors and nothing stored", async () => {
    const before = await snapshot();
    const answer = await call(prioritiesPage.action, {
      path: path(),
      params: { slug: existing.slug },
      fields: { ...validPriority, title_en: "", category: "nonsense", position: "-1" },
      cookie: admin.cookie,
    });
    expect(answer.status).toBe(400);
    expect(fieldErrors(answer)).toEqual({
      title_en: "staff:errors.requiredInDefaultLocale",
      category: "staff:errors.category",
      position: "staff:errors.position",
    });
    const otherConsultation = await createConsultation(db(), {}, 1);
    const afterCreate = await snapshot();
    const tampered = await call(prioritiesPage.action, {
      path: path(),
      params: { slug: existing.slug },
      fields: { intent: "hide", priorityId: String(otherConsultation.priorityIds[0]) },
      cookie: admin.cookie,
    });
    expect(tampered.status).toBe(404);
    expect(await snapshot()).toBe(afterCreate);
    expect(before).not.toBe(afterCreate);
  });

  it("refuses everyone but admins", async () => {
    const before = await snapshot();
    for (const [label, who] of outsiders()) {
      const answer = await call(prioritiesPage.action, {
        path: path(),
        params: { slug: existing.slug },
        fields: validPriority,
        cookie: who?.cookie,
      });
      expectRefused(answer, who, label);
      const hide = await call(prioritiesPage.action, {
        path: path(),
        params: { slug: existing.slug },
        fields: { intent: "hide", priorityId: String(existing.priorityIds[0]) },
        cookie: who?.cookie,
      });
      expectRefused(hide, who, label);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("moderators", () => {
  const path = () => `/staff/consultations/${existing.slug}`;
  const moderate = (fields: Record<string, string>, who: Person | undefined) =>
    call(editPage.action, { path: path(), params: { slug: existing.slug }, fields, cookie: who?.cookie });
  const moderatorsOf = async () =>
    (
      await db()
        .select({ userId: consultationModerator.userId })
        .from(consultationModerator)
        .where(eq(consultationModerator.consultationId, existing.id))
    ).map((r) => r.userId);

  it("assigns and removes a moderator by the e-mail of an existing account", async () => {
    const assigned = await moderate({ intent: "assign-moderator", email: member.email.toUpperCase() }, admin);
    expect(assigned.status).toBe(302);
    expect(await moderatorsOf()).toContain(member.userId);
    const removed = await moderate({ intent: "remove-moderator", userId: member.userId }, admin);
    expect(removed.status).toBe(302);
    expect(await moderatorsOf()).toEqual([moderator.userId]);
  });

  it("says clearly when there is no account with that e-mail, and stores nothing", async () => {
    const before = await snapshot();
    const answer = await moderate({ intent: "assign-moderator", email: "nobody@example.org" }, admin);
    expect(answer.status).toBe(404);
    expect(fieldErrors(answer)).toEqual({ email: "staff:errors.noAccount" });
    const malformed = await moderate({ intent: "assign-moderator", email: "not an e-mail" }, admin);
    expect(malformed.status).toBe(400);
    expect(fieldErrors(malformed)).toEqual({ email: "staff:errors.email" });
    expect(await snapshot()).toBe(before);
  });

  it("keeps a role given to an unconfirmed address pending, shown as such, until the owner confirms it", async () => {
    // Issue 13 item 8: whoever registers jane@ministry.example first must not get what an admin gives Jane.
    const email = `jane-${Date.now()}@ministry.example`;
    const signedUp = await signUp(new Request("http://localhost/sign-up", { method: "POST" }), {
      name: "Jane?",
      email,
      password: "squatting the address",
      language: "en",
      address: "10.13.8.1",
    });
    expect(signedUp.ok).toBe(true);
    const assigned = await moderate({ intent: "assign-moderator", email }, admin);
    expect(assigned.status).toBe(302);
    const [squatter] = await db().select({ id: user.id }).from(user).where(eq(user.email, email));
    const listed = async () => {
      const page = await call(editPage.loader, { path: path(), params: { slug: existing.slug }, cookie: admin.cookie });
      return (page.body as { moderators: Array<{ userId: string; pending: boolean }> }).moderators.find(
        (m) => m.userId === squatter!.id,
      );
    };
    expect(await listed()).toMatchObject({ pending: true });
    expect((await loadActor(db(), squatter!.id)).moderates).not.toContain(existing.id);

    // Only the mailbox's owner can follow the link; then the role takes effect.
    const token = (await lastMailedLink(email)).searchParams.get("token")!;
    expect((await verifyEmail(new Request("http://localhost/verify-email", { method: "POST" }), token)).ok).toBe(true);
    expect(await listed()).toMatchObject({ pending: false });
    expect((await loadActor(db(), squatter!.id)).moderates).toContain(existing.id);
    await moderate({ intent: "remove-moderator", userId: squatter!.id }, admin);
  });

  it("refuses everyone but admins", async () => {
    const before = await snapshot();
    for (const [label, who] of outsiders()) {
      expectRefused(await moderate({ intent: "assign-moderator", email: member.email }, who), who, label);
      expectRefused(await moderate({ intent: "remove-moderator", userId: moderator.userId }, who), who, label);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe("institutions", () => {
  it("creates and edits an institution, adds and removes members by e-mail", async () => {
    const created = await call(newInstitutionPage.action, {
      path: "/staff/institutions/new",
      params: {},
      fields: { intent: "save", slug: "africa-cdc", name_en: "Africa CDC", name_fr: "CDC Afrique", website: "" },
      cookie: admin.cookie,
    });
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe("/staff/institutions/africa-cdc");
    const path = "/staff/institutions/africa-cdc";
    const params = { slug: "africa-cdc" };
    const edited = await call(institutionPage.action, {
      path,
      params,
      fields: { intent: "save", slug: "africa-cdc", name_en: "Africa CDC", website: "https://africacdc.org" },
      cookie: admin.cookie,
    });
    expect(edited.status).toBe(302);
    const [row] = await db().select().from(institution).where(eq(institution.slug, "africa-cdc"));
    expect(row).toMatchObject({ name: { en: "Africa CDC" }, website: "https://africacdc.org" });

    const added = await call(institutionPage.action, {
      path,
      params,
      fields: { intent: "add-member", email: member.email },
      cookie: admin.cookie,
    });
    expect(added.status).toBe(302);
    const page = await call(institutionPage.loader, { path, params, cookie: admin.cookie });
    expect((page.body as { members: Array<{ userId: string }> }).members.map((m) => m.userId)).toEqual([member.userId]);

    const before = await snapshot();
    const nobody = await call(institutionPage.action, {
      path,
      params,
      fields: { intent: "add-member", email: "nobody@example.org" },
      cookie: admin.cookie,
    });
    expect(nobody.status).toBe(404);
    expect(fieldErrors(nobody)).toEqual({ email: "staff:errors.noAccount" });
    const bad = await call(institutionPage.action, {
      path,
      params,
      fields: { intent: "save", slug: "owner", name_en: "", website: "ftp://x" },
      cookie: admin.cookie,
    });
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad)).toEqual({
      name_en: "staff:errors.requiredInDefaultLocale",
      website: "staff:errors.website",
    });
    const taken = await call(institutionPage.action, {
      path,
      params,
      fields: { intent: "save", slug: "owner", name_en: "Africa CDC" },
      cookie: admin.cookie,
    });
    expect(taken.status).toBe(409);
    expect(await snapshot()).toBe(before);

    const removed = await call(institutionPage.action, {
      path,
      params,
      fields: { intent: "remove-member", userId: member.userId },
      cookie: admin.cookie,
    });
    expect(removed.status).toBe(302);
    expect(await db().select().from(institutionMember).where(eq(institutionMember.institutionId, row!.id))).toEqual([]);
  });

  it("refuses everyone but admins, the institution's own members included", async () => {
    const before = await snapshot();
    for (const [label, who] of outsiders()) {
      const answer = await call(newInstitutionPage.action, {
        path: "/staff/institutions/new",
        params: {},
        fields: { intent: "save", slug: "refused", name_en: "Refused" },
        cookie: who?.cookie,
      });
      expectRefused(answer, who, label);
      const add = await call(institutionPage.action, {
        path: "/staff/institutions/owner",
        params: { slug: "owner" },
        fields: { intent: "add-member", email: member.email },
        cookie: who?.cookie,
      });
      expectRefused(add, who, label);
      const page = await call(institutionPage.loader, {
        path: "/staff/institutions/owner",
        params: { slug: "owner" },
        cookie: who?.cookie,
      });
      expectRefused(page, who, label);
    }
    expect(await snapshot()).toBe(before);
  });
});
