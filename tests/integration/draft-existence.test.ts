/**
 * A draft consultation does not exist for anyone who may not see it (issue 13, item 18): every route
 * that takes a consultation's slug — public pages, the staff console, the API — answers a draft's
 * slug exactly as it answers a slug that names nothing, for every loader and every action and
 * every caller short of an admin (and, outside the staff console, the draft's own moderators).
 * The routes are read from the route manifest, so a route added later is checked without a new line here.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { consultationModerator, institution, institutionMember, userRole } from "~db/schema";
import { createApiToken } from "~/api/tokens.server";
import { call, signUpMember, type Answer } from "../support/actions";
import { createConsultation } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { routeManifest, routePath } from "../support/route-manifest";

const db = setupTestDatabase();

/** The routes whose `:slug` is a consultation's, by URL pattern (layouts included). */
const consultationRoutes = new Map(
  routeManifest
    .filter((route) => /^\/(c|staff\/consultations|api\/v1\/consultations)\/:slug/.test(route.id))
    .map((route) => [route.id, route] as const),
);

const draftSlug = "quiet-draft-plans";
const unknownSlug = "never-was-anything";

interface Caller {
  name: string;
  cookie?: string;
  token?: string;
}

let draftPriorityId: number;
const callers: Caller[] = [{ name: "visitor" }];
/** Callers of the staff console only: there, only admins may see a draft. */
const staffOnlyCallers: Caller[] = [];

beforeAll(async () => {
  const [owner, other] = await db()
    .insert(institution)
    .values([
      { slug: "draft-owner", name: { en: "Draft owner" } },
      { slug: "draft-other", name: { en: "Other" } },
    ])
    .returning({ id: institution.id });
  const draft = await createConsultation(db(), { slug: draftSlug, phase: "draft", owningInstitutionId: owner!.id }, 1);
  draftPriorityId = draft.priorityIds[0]!;
  const open = await createConsultation(db(), {}, 1);

  const member = await signUpMember("Plain member");
  const facilitator = await signUpMember("Facilitator");
  const otherModerator = await signUpMember("Other consultation's moderator");
  const ownerMember = await signUpMember("Owning institution's member");
  const otherInstitutionMember = await signUpMember("Other institution's member");
  const draftModerator = await signUpMember("The draft's moderator");
  await db().insert(userRole).values({ userId: facilitator.userId, role: "facilitator" });
  await db()
    .insert(consultationModerator)
    .values([
      { consultationId: open.id, userId: otherModerator.userId },
      { consultationId: draft.id, userId: draftModerator.userId },
    ]);
  await db()
    .insert(institutionMember)
    .values([
      { institutionId: owner!.id, userId: ownerMember.userId },
      { institutionId: other!.id, userId: otherInstitutionMember.userId },
    ]);
  const ownerToken = await createApiToken(db(), {
    institutionId: owner!.id,
    name: "t",
    createdById: ownerMember.userId,
  });
  const otherToken = await createApiToken(db(), {
    institutionId: other!.id,
    name: "t",
    createdById: ownerMember.userId,
  });
  callers.push(
    { name: "member", cookie: member.cookie },
    { name: "facilitator", cookie: facilitator.cookie },
    { name: "another consultation's moderator", cookie: otherModerator.cookie },
    { name: "member of the owning institution", cookie: ownerMember.cookie },
    { name: "member of another institution", cookie: otherInstitutionMember.cookie },
    { name: "owning institution's API token", token: ownerToken.token },
    { name: "another institution's API token", token: otherToken.token },
  );
  staffOnlyCallers.push({ name: "the draft's own moderator", cookie: draftModerator.cookie });
});

/** What a caller can tell from an answer, with the slug asked for taken out. */
function observable(answer: Answer, slug: string) {
  const hide = (value: string) => value.replaceAll(slug, "<slug>").replaceAll(encodeURIComponent(slug), "<slug>");
  return {
    status: answer.status,
    location: hide(answer.headers.get("Location") ?? ""),
    body: hide(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? null)),
  };
}

async function ask(name: string, kind: "loader" | "action", slug: string, caller: Caller) {
  const route = consultationRoutes.get(name)!;
  const params = {
    slug,
    priorityId: String(draftPriorityId),
    meetingId: "1",
    scope: "consultation",
    locale: "en",
    file: "votes.csv",
    buildId: "1",
  };
  const path = routePath(name, params);
  const request = (fn: Parameters<typeof call>[0]) =>
    call(
      (args) => {
        if (caller.token) args.request.headers.set("authorization", `Bearer ${caller.token}`);
        return fn(args);
      },
      {
        path,
        params,
        cookie: caller.cookie,
        ...(kind === "action" ? { fields: { intent: "save", body: "x" } } : {}),
      },
    );
  const fn = route[kind];
  return fn ? observable(await request(fn), slug) : null;
}

describe("a draft's slug answers as an unknown slug does", () => {
  it("finds the consultation routes", () => {
    for (const name of ["/staff/consultations/:slug", "/c/:slug", "/api/v1/consultations/:slug"]) {
      expect(consultationRoutes.has(name), name).toBe(true);
    }
  });

  it.each([...consultationRoutes.keys()].sort())("%s", async (name) => {
    const who = name.startsWith("/staff/") ? [...callers, ...staffOnlyCallers] : callers;
    for (const caller of who) {
      for (const kind of ["loader", "action"] as const) {
        const draft = await ask(name, kind, draftSlug, caller);
        const unknown = await ask(name, kind, unknownSlug, caller);
        expect(draft, `${kind} for ${caller.name}`).toEqual(unknown);
      }
    }
  });
});
