/**
 * The institution API: tokens made on the portal (shown once, stored hashed, revoked at once), the
 * portal's refusals, and the read-only /api/v1 routes called with a bearer token like any client.
 */
import { createHash } from "node:crypto";
import { and, eq, ne, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  apiToken,
  ballotAllocation,
  comment,
  consultation,
  downloadLog,
  institution,
  institutionFollow,
  institutionMember,
  priority,
  user,
  vote,
} from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { webhookEvents } from "~db/vocabulary";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { queryRows } from "~/platform/db.server";
import { recomputeOpinionGroups } from "~/opinion/opinion-groups.server";
import { getEnv } from "~/platform/env.server";
import { wilsonInterval } from "~/participation/results";
import { breakdownKeys, reportChannels } from "~/reports/report-model";
import { buildConsultationReport } from "~/reports/report.server";
import { WITHHELD, type Shown } from "~/reports/small-cells";
import { loader as listLoader } from "~/routes/api+/v1+/consultations";
import { loader as detailLoader } from "~/routes/api+/v1+/consultations_.$slug";
import { loader as breakdownsLoader } from "~/routes/api+/v1+/consultations_.$slug_.breakdowns";
import { loader as exportLoader } from "~/routes/api+/v1+/consultations_.$slug_.exports.$file";
import { loader as opinionGroupsLoader } from "~/routes/api+/v1+/consultations_.$slug_.opinion-groups";
import { loader as responsesLoader } from "~/routes/api+/v1+/consultations_.$slug_.responses";
import { loader as resultsLoader } from "~/routes/api+/v1+/consultations_.$slug_.results";
import { loader as summariesLoader } from "~/routes/api+/v1+/consultations_.$slug_.summaries";
import { loader as openApiLoader } from "~/routes/api+/v1+/openapi[.]json";
import { action as portalAction, loader as portalLoader } from "~/routes/_institution+/institution/route";
import { call, cookieFrom, signUpMember } from "../support/actions";
import { createConsultation } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { routeManifest } from "../support/route-manifest";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();

type Loader = (args: LoaderFunctionArgs) => unknown;

interface ApiAnswer {
  status: number;
  text: string;
  json: unknown;
}

/** A GET as an API client sends it; a thrown Response is the answer, as Remix would serve it. */
async function apiGet(loader: Loader, path: string, params: Record<string, string>, token?: string) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const request = new Request(`http://localhost${path}`, { headers });
  let response: Response;
  try {
    response = (await loader({ request, params, context: {} })) as Response;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // a file that is not JSON
  }
  return { status: response.status, text, json } satisfies ApiAnswer;
}

/** Every route of a consultation, as [loader, path, params]. */
function consultationRoutes(slug: string): Array<[Loader, string, Record<string, string>]> {
  const base = `/api/v1/consultations/${slug}`;
  return [
    [detailLoader, base, { slug }],
    [resultsLoader, `${base}/results`, { slug }],
    [breakdownsLoader, `${base}/breakdowns`, { slug }],
    [summariesLoader, `${base}/summaries`, { slug }],
    [responsesLoader, `${base}/responses`, { slug }],
    [opinionGroupsLoader, `${base}/opinion-groups`, { slug }],
    [exportLoader, `${base}/exports/all.json`, { slug, file: "all.json" }],
    [exportLoader, `${base}/exports/comments.csv`, { slug, file: "comments.csv" }],
  ];
}

interface Person {
  cookie: string;
  userId: string;
}

async function person(name: string, institutionId?: number): Promise<Person> {
  const { cookie, userId } = await signUpMember(name);
  if (institutionId !== undefined) {
    await db().insert(institutionMember).values({ institutionId, userId: userId });
    await markSecondFactorEnrolled(db(), userId);
  }
  return { cookie, userId: userId };
}

function portal(fields: Record<string, string>, who?: Person) {
  return call(portalAction, { path: "/institution", params: {}, fields, cookie: who?.cookie });
}

/** Creates a token as a browser does: the post is redirected, the page it lands on shows the secret once. */
async function createToken(who: Person, institutionId: number, name = "Data warehouse"): Promise<string> {
  const answer = await portal({ intent: "create-token", institutionId: String(institutionId), name }, who);
  expect(answer.status, JSON.stringify(answer.body)).toBe(302);
  expect(answer.headers.get("location")).toBe(`/institution#tokens-${institutionId}`);
  const cookie = `${who.cookie}; ${cookieFrom(answer.headers)}`;
  const page = await call(portalLoader, { path: "/institution", params: {}, cookie });
  expect(page.headers.get("cache-control")).toBe("no-store");
  const created = (page.body as { created: { kind: string; name: string; token: string } | null }).created;
  expect(created).toMatchObject({ kind: "token", name });
  return created!.token;
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

let demo: { consultationId: number; slug: string };
let owningId: number;
let otherId: number;
let owner: Person;
let outsider: Person;
let plainMember: Person;
let ownerToken: string;
let outsiderToken: string;
let unpublishedSlugs: string[];

beforeAll(async () => {
  demo = await seedDemo(db());
  expect(await recomputeOpinionGroups(db(), demo.consultationId, { force: true })).toBe("computed");
  const [owning] = await queryRows<{ id: number }>(
    db(),
    sql`select owning_institution_id as id from consultation where id = ${demo.consultationId}`,
  );
  owningId = owning!.id;
  const [other] = await db()
    .insert(institution)
    .values({ slug: "api-other", name: { en: "Other agency" } })
    .returning({ id: institution.id });
  otherId = other!.id;

  // Around the demo: more owned and followed consultations, a draft, and one of the other institution.
  for (let i = 0; i < 4; i++) await createConsultation(db(), { owningInstitutionId: owningId, phase: "closed" }, 1);
  for (let i = 0; i < 2; i++) {
    const followed = await createConsultation(db(), { owningInstitutionId: otherId }, 1);
    await db().insert(institutionFollow).values({ institutionId: owningId, consultationId: followed.id });
  }
  unpublishedSlugs = [
    (await createConsultation(db(), { owningInstitutionId: owningId, phase: "draft" }, 1)).slug,
    (await createConsultation(db(), { owningInstitutionId: owningId, opensAt: new Date(Date.now() + 86_400_000) }, 1))
      .slug,
  ];
  await createConsultation(db(), { owningInstitutionId: otherId }, 1);

  owner = await person("API owner", owningId);
  outsider = await person("API outsider", otherId);
  plainMember = await person("API plain member");
  ownerToken = await createToken(owner, owningId);
  outsiderToken = await createToken(outsider, otherId, "Other warehouse");
});

describe("tokens on the portal", () => {
  it("shows a new token once and stores only its SHA-256 hash", async () => {
    const token = await createToken(owner, owningId, "Shown once");
    expect(token).toMatch(/^bz_[A-Za-z0-9_-]{43}$/);
    const [row] = await db().select().from(apiToken).where(eq(apiToken.name, "Shown once"));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(token.startsWith(row!.tokenPrefix)).toBe(true);
    expect(row!.tokenPrefix.length).toBeLessThan(token.length / 2);
    expect(Object.values(row!).map(String)).not.toContain(token);

    const page = await call(portalLoader, { path: "/institution", params: {}, cookie: owner.cookie });
    expect(page.status).toBe(200);
    const listed = JSON.stringify(page.body);
    expect(listed).toContain("Shown once");
    expect((page.body as { created: unknown }).created).toBeNull();
    expect(listed).not.toContain(token);
    expect(listed).not.toContain(row!.tokenHash);
  });

  it("keeps what was typed and stores nothing when the name is missing", async () => {
    const before = await db().select({ id: apiToken.id }).from(apiToken);
    const answer = await portal({ intent: "create-token", institutionId: String(owningId), name: "  " }, owner);
    expect(answer.status).toBe(400);
    expect((answer.body as { fieldErrors: Record<string, string> }).fieldErrors.name).toBe("api:errors.nameRequired");
    expect(await db().select({ id: apiToken.id }).from(apiToken)).toHaveLength(before.length);
  });

  it("redirects after creating a token, so a refresh makes no second one; the secret is shown on one page only", async () => {
    const name = "Refreshed warehouse";
    const created = await portal({ intent: "create-token", institutionId: String(owningId), name }, owner);
    expect(created.status).toBe(302);
    // The answer to the post carries no secret: a browser that repeats a GET after it posts nothing.
    expect(JSON.stringify(created.body)).not.toMatch(/bz_/);
    const secretCookie = cookieFrom(created.headers);
    const setCookie = created.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/Path=\/;/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Max-Age=120/);

    const first = await call(portalLoader, {
      path: "/institution",
      params: {},
      cookie: `${owner.cookie}; ${secretCookie}`,
    });
    const token = (first.body as { created: { token: string } }).created.token;
    expect(token).toMatch(/^bz_/);
    // The page that showed it clears the cookie; the browser's refresh sends what is left.
    const cleared = first.headers.getSetCookie().join("\n");
    expect(cleared).toMatch(/created-secret=;/);
    const refreshed = await call(portalLoader, {
      path: "/institution",
      params: {},
      cookie: `${owner.cookie}; ${cookieFrom(first.headers)}`,
    });
    expect(JSON.stringify(refreshed.body)).not.toContain(token);
    expect(await db().select().from(apiToken).where(eq(apiToken.name, name))).toHaveLength(1);

    // Another member of another institution who signs in on the same browser is not shown it.
    const again = await portal({ intent: "create-token", institutionId: String(owningId), name: "Second" }, owner);
    const seenByOutsider = await call(portalLoader, {
      path: "/institution",
      params: {},
      cookie: `${outsider.cookie}; ${cookieFrom(again.headers)}`,
    });
    expect((seenByOutsider.body as { created: unknown }).created).toBeNull();
  });

  it("refuses the portal and token actions to a visitor, a member outside institutions and another institution's member", async () => {
    const visitorPage = await call(portalLoader, { path: "/institution", params: {} });
    expect(visitorPage.status).toBe(302);
    expect(visitorPage.headers.get("location")).toMatch(/^\/sign-in/);
    expect((await call(portalLoader, { path: "/institution", params: {}, cookie: plainMember.cookie })).status).toBe(
      403,
    );

    const create = { intent: "create-token", institutionId: String(owningId), name: "Intruder" };
    expect((await portal(create)).status).toBe(302);
    expect((await portal(create, plainMember)).status).toBe(403);
    expect((await portal(create, outsider)).status).toBe(403);
    expect(await db().select().from(apiToken).where(eq(apiToken.name, "Intruder"))).toHaveLength(0);

    const [target] = await db()
      .select()
      .from(apiToken)
      .where(eq(apiToken.tokenHash, sha256(ownerToken)));
    const revoke = { intent: "revoke-token", institutionId: String(owningId), tokenId: String(target!.id) };
    expect((await portal(revoke)).status).toBe(302);
    expect((await portal(revoke, plainMember)).status).toBe(403);
    expect((await portal(revoke, outsider)).status).toBe(403);
    // Naming one's own institution does not reach another institution's token either.
    const sideways = await portal({ ...revoke, institutionId: String(otherId) }, outsider);
    expect(sideways.status).toBe(404);
    const [after] = await db().select().from(apiToken).where(eq(apiToken.id, target!.id));
    expect(after!.revokedAt).toBeNull();
  });

  it("refuses a revoked token at once", async () => {
    const token = await createToken(owner, owningId, "Soon revoked");
    expect((await apiGet(listLoader, "/api/v1/consultations", {}, token)).status).toBe(200);
    const [row] = await db().select().from(apiToken).where(eq(apiToken.name, "Soon revoked"));
    const revoked = await portal(
      { intent: "revoke-token", institutionId: String(owningId), tokenId: String(row!.id) },
      owner,
    );
    expect(revoked.status).toBe(302);
    const refused = await apiGet(listLoader, "/api/v1/consultations", {}, token);
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({ error: { status: 401 } });
    expect((await apiGet(detailLoader, `/api/v1/consultations/${demo.slug}`, { slug: demo.slug }, token)).status).toBe(
      401,
    );
  });

  it("gives a token a year, shows when it expires, and refuses it once expired (issue 13 item 9)", async () => {
    const token = await createToken(owner, owningId, "Soon expired");
    const [row] = await db().select().from(apiToken).where(eq(apiToken.name, "Soon expired"));
    const lifetime = row!.expiresAt.getTime() - row!.createdAt.getTime();
    expect(Math.abs(lifetime - 365 * 86_400_000)).toBeLessThan(60_000);
    expect((await apiGet(listLoader, "/api/v1/consultations", {}, token)).status).toBe(200);
    await db()
      .update(apiToken)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiToken.id, row!.id));
    expect((await apiGet(listLoader, "/api/v1/consultations", {}, token)).status).toBe(401);
  });

  it("notes the last use at most once a minute", async () => {
    const token = await createToken(owner, owningId, "Used twice");
    const lastUsed = async () =>
      (
        await db()
          .select()
          .from(apiToken)
          .where(eq(apiToken.tokenHash, sha256(token)))
      )[0]!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await apiGet(listLoader, "/api/v1/consultations", {}, token);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await apiGet(listLoader, "/api/v1/consultations", {}, token);
    expect(await lastUsed()).toEqual(first);
  });
});

describe("the portal's consultations", () => {
  it("lists what the institution owns or follows, with figures counted from the database", async () => {
    const page = await call(portalLoader, { path: "/institution", params: {}, cookie: owner.cookie });
    const { consultations } = page.body as {
      consultations: Array<{
        slug: string;
        owned: boolean;
        participants: number;
        votes: number;
        publishedComments: number;
      }>;
    };
    const listed = await apiGet(listLoader, "/api/v1/consultations?limit=100", {}, ownerToken);
    const apiSlugs = (listed.json as { data: Array<{ slug: string }> }).data.map((c) => c.slug);
    expect(consultations.map((c) => c.slug)).toEqual(apiSlugs);

    const shown = consultations.find((c) => c.slug === demo.slug)!;
    const [figures] = await queryRows<{ participants: number; votes: number; comments: number }>(
      db(),
      sql`select
        (select count(*)::int from (
          select v.user_id from vote v join priority p on p.id = v.priority_id and p.status = 'approved'
            where v.consultation_id = ${demo.consultationId}
          union select b.user_id from ballot_allocation b join priority p on p.id = b.priority_id and p.status = 'approved'
            where b.consultation_id = ${demo.consultationId} and b.points > 0
          union select c.author_id from comment c left join priority p on p.id = c.priority_id
            where c.consultation_id = ${demo.consultationId} and c.status = 'published'
              and (c.priority_id is null or p.status = 'approved')) people) as participants,
        (select count(*)::int from vote v join priority p on p.id = v.priority_id and p.status = 'approved'
          where v.consultation_id = ${demo.consultationId}) as votes,
        (select count(*)::int from comment c left join priority p on p.id = c.priority_id
          where c.consultation_id = ${demo.consultationId} and c.status = 'published'
          and (c.priority_id is null or p.status = 'approved')) as comments`,
    );
    expect(figures!.votes).toBeGreaterThan(0);
    expect(shown).toMatchObject({
      owned: true,
      participants: figures!.participants,
      votes: figures!.votes,
      publishedComments: figures!.comments,
    });
    const followed = consultations.filter((c) => !c.owned);
    expect(followed).toHaveLength(2);
  });
});

describe("the API", () => {
  it("answers 401 in JSON without a token or with an unknown one", async () => {
    for (const token of [undefined, "bz_not-a-real-token", ownerToken.slice(0, -1)]) {
      const answer = await apiGet(listLoader, "/api/v1/consultations", {}, token);
      expect(answer.status).toBe(401);
      expect(answer.json).toMatchObject({ error: { status: 401, message: expect.any(String) } });
    }
  });

  it("answers 404 to another institution's token on every path of this consultation", async () => {
    for (const [loader, path, params] of consultationRoutes(demo.slug)) {
      const answer = await apiGet(loader, path, params, outsiderToken);
      expect(answer.status, path).toBe(404);
      expect(answer.json, path).toMatchObject({ error: { status: 404 } });
      expect((await apiGet(loader, path, params, ownerToken)).status, path).toBe(200);
    }
  });

  it("answers 404 even to the owner's token on a draft or a consultation not open yet", async () => {
    for (const slug of unpublishedSlugs) {
      for (const [loader, path, params] of consultationRoutes(slug)) {
        expect((await apiGet(loader, path, params, ownerToken)).status, path).toBe(404);
      }
    }
  });

  it("lets no hidden comment, e-mail address or user id through any answer", async () => {
    const hidden = await db()
      .select({ body: comment.body })
      .from(comment)
      .where(and(eq(comment.consultationId, demo.consultationId), ne(comment.status, "published")));
    expect(hidden.length).toBeGreaterThan(0);
    const people = await db().select({ id: user.id, email: user.email }).from(user);
    const secrets = [...hidden.map((c) => c.body), ...people.flatMap((p) => [p.id, p.email])];

    const answers = [await apiGet(listLoader, "/api/v1/consultations?limit=100", {}, ownerToken)];
    for (const [loader, path, params] of consultationRoutes(demo.slug)) {
      answers.push(await apiGet(loader, path, params, ownerToken));
    }
    const summaries = answers.find((a) => a.text.includes('"segments"'));
    expect(summaries, "a published summary is served").toBeDefined();
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      for (const secret of secrets) expect(answer.text.includes(secret), secret).toBe(false);
    }
  });

  it("gives results equal to counts taken straight from the database", async () => {
    const answer = await apiGet(
      resultsLoader,
      `/api/v1/consultations/${demo.slug}/results`,
      { slug: demo.slug },
      ownerToken,
    );
    const results = (answer.json as { data: Array<Record<string, never>> }).data as unknown as Array<{
      priorityId: number;
      votes: { agree: number; disagree: number; pass: number; total: number };
      agreeInterval95: { low: number; high: number } | null;
      ballotPoints: number;
    }>;
    const approved = await db()
      .select({ id: priority.id })
      .from(priority)
      .where(and(eq(priority.consultationId, demo.consultationId), eq(priority.status, "approved")));
    expect(results.map((r) => r.priorityId).sort()).toEqual(approved.map((p) => p.id).sort());
    const counted = await queryRows<{ priority_id: number; value: string; n: number }>(
      db(),
      sql`select ${vote.priorityId} as priority_id, ${vote.value} as value, count(*)::int as n from ${vote}
        where ${vote.consultationId} = ${demo.consultationId} group by 1, 2`,
    );
    const points = await db()
      .select({ priorityId: ballotAllocation.priorityId, points: ballotAllocation.points })
      .from(ballotAllocation)
      .where(eq(ballotAllocation.consultationId, demo.consultationId));
    let votesSeen = 0;
    for (const result of results) {
      const of = (value: string) =>
        counted.find((row) => row.priority_id === result.priorityId && row.value === value)?.n ?? 0;
      const expected = { agree: of("agree"), disagree: of("disagree"), pass: of("pass") };
      const total = expected.agree + expected.disagree + expected.pass;
      votesSeen += total;
      expect(result.votes).toEqual({ ...expected, total });
      expect(result.agreeInterval95).toEqual(wilsonInterval(expected.agree, total));
      expect(result.ballotPoints).toBe(
        points.filter((p) => p.priorityId === result.priorityId).reduce((sum, p) => sum + p.points, 0),
      );
    }
    expect(votesSeen).toBeGreaterThan(0);
  });

  it("gives the report's breakdowns, with no count under the small-cell threshold", async () => {
    const answer = await apiGet(
      breakdownsLoader,
      `/api/v1/consultations/${demo.slug}/breakdowns`,
      { slug: demo.slug },
      ownerToken,
    );
    expect(answer.status).toBe(200);
    const threshold = getEnv().SMALL_CELL_THRESHOLD;
    const data = (answer.json as { data: Record<string, unknown> }).data as {
      smallCellThreshold: number;
      participants: number;
      breakdowns: Array<{ key: string; categories: string[]; cells: Shown[]; total: Shown }>;
      channels: unknown;
      withoutDeclaredInterest: Array<{ priorityId: number; votes: Record<string, Shown> }>;
    };
    const [row] = await db().select().from(consultation).where(eq(consultation.id, demo.consultationId));
    const report = await buildConsultationReport(db(), row!, "en", threshold);
    expect(data.smallCellThreshold).toBe(threshold);
    expect(data.participants).toBe(report.figures.participants);
    expect(data.breakdowns).toEqual(JSON.parse(JSON.stringify(report.breakdowns)));
    expect(data.breakdowns.map((b) => b.key)).toEqual(breakdownKeys);
    expect(data.channels).toEqual(JSON.parse(JSON.stringify({ categories: reportChannels, ...report.channels })));
    const shown = [
      ...data.breakdowns.flatMap((b) => [...b.cells, b.total]),
      ...data.withoutDeclaredInterest.flatMap((p) => Object.values(p.votes)),
    ];
    // Both marks, as the schema describes them: null for fewer than the threshold, "withheld" for the rest.
    expect(shown.some((value) => value === null)).toBe(true);
    expect(shown.some((value) => value === WITHHELD)).toBe(true);
    for (const value of shown) if (typeof value === "number") expect(value).toBeGreaterThanOrEqual(threshold);
    expect(data.withoutDeclaredInterest.map((p) => p.priorityId).sort()).toEqual(
      report.priorities.map((p) => p.id).sort(),
    );
  });

  it("pages through every owned or followed consultation exactly once", async () => {
    const expected = await queryRows<{ slug: string }>(
      db(),
      sql`select slug from ${consultation} c where c.phase <> 'draft'
        and (c.opens_at is null or c.opens_at <= now() or c.phase <> 'open')
        and (c.owning_institution_id = ${owningId}
          or exists (select 1 from ${institutionFollow} f where f.consultation_id = c.id and f.institution_id = ${owningId}))`,
    );
    expect(expected.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let next: string | null = "/api/v1/consultations?limit=2";
    let pages = 0;
    while (next && pages++ < 20) {
      const answer = await apiGet(listLoader, next, {}, ownerToken);
      expect(answer.status).toBe(200);
      const page = answer.json as { data: Array<{ slug: string }>; next: string | null; total: number };
      expect(page.data.length).toBeLessThanOrEqual(2);
      expect(page.total).toBe(expected.length);
      seen.push(...page.data.map((c) => c.slug));
      next = page.next;
    }
    expect(seen.sort()).toEqual(expected.map((c) => c.slug).sort());
    expect(new Set(seen).size).toBe(seen.length);
    expect((await apiGet(listLoader, "/api/v1/consultations?limit=0", {}, ownerToken)).status).toBe(400);
  });

  it("serves export files and logs each download for the institution", async () => {
    const before = await db().select().from(downloadLog).where(eq(downloadLog.institutionId, owningId));
    const answer = await apiGet(
      exportLoader,
      `/api/v1/consultations/${demo.slug}/exports/votes.csv`,
      { slug: demo.slug, file: "votes.csv" },
      ownerToken,
    );
    expect(answer.status).toBe(200);
    expect(answer.text.split("\n").length).toBeGreaterThan(2);
    const after = await db().select().from(downloadLog).where(eq(downloadLog.institutionId, owningId));
    expect(after.length).toBe(before.length + 1);
    const logged = after.find((row) => !before.some((b) => b.id === row.id))!;
    // Marked as made through the API, so the audit names a token rather than "a deleted account".
    expect(logged).toMatchObject({ consultationId: demo.consultationId, kind: "api:export:votes", format: "csv" });
    const missing = await apiGet(
      exportLoader,
      `/api/v1/consultations/${demo.slug}/exports/nothing.csv`,
      { slug: demo.slug, file: "nothing.csv" },
      ownerToken,
    );
    expect(missing.status).toBe(404);
  });

  it("serves summaries and responses only as published", async () => {
    const base = `/api/v1/consultations/${demo.slug}`;
    const responses = await apiGet(responsesLoader, `${base}/responses`, { slug: demo.slug }, ownerToken);
    const data = (responses.json as { data: Array<{ id: number; commitments: unknown[] }> }).data;
    expect(data.length).toBeGreaterThan(0);
    const published = await queryRows<{ id: number }>(
      db(),
      sql`select id from institutional_response where consultation_id = ${demo.consultationId} and status = 'published'`,
    );
    expect(data.map((r) => r.id).sort()).toEqual(published.map((r) => r.id).sort());
    const summaries = await apiGet(summariesLoader, `${base}/summaries`, { slug: demo.slug }, ownerToken);
    const locales = (summaries.json as { data: Array<{ locale: string }> }).data.map((s) => s.locale);
    const stored = await queryRows<{ locale: string }>(
      db(),
      sql`select locale from summary where consultation_id = ${demo.consultationId} and status = 'published'`,
    );
    expect(new Set(locales)).toEqual(new Set(stored.map((s) => s.locale)));
  });
});

describe("the OpenAPI document", () => {
  /** `/api/v1/consultations/:slug/results` → `/api/v1/consultations/{slug}/results`. */
  const openApiPath = (pattern: string) => pattern.replace(/:([A-Za-z]+)/g, "{$1}");

  it("is public JSON in OpenAPI 3.1 that describes every API route", async () => {
    const answer = await apiGet(openApiLoader, "/api/v1/openapi.json", {});
    expect(answer.status).toBe(200);
    const document = JSON.parse(answer.text) as { openapi: string; paths: Record<string, { get?: unknown }> };
    expect(document.openapi).toBe("3.1.0");
    const routes = routeManifest.filter((route) => route.id.startsWith("/api/v1/")).map((route) => route.id);
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      expect(Object.keys(document.paths), route).toContain(openApiPath(route));
      expect(document.paths[openApiPath(route)]!.get, route).toBeDefined();
    }
    expect(Object.keys(document.paths)).toHaveLength(routes.length);
    // Every $ref resolves inside the document.
    const refs = [...answer.text.matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]!);
    const schemas = (JSON.parse(answer.text) as { components: { schemas: Record<string, unknown> } }).components
      .schemas;
    for (const ref of refs) expect(Object.keys(schemas)).toContain(ref);
  });

  it("describes the request of every webhook event: its signed headers and its body", async () => {
    const answer = await apiGet(openApiLoader, "/api/v1/openapi.json", {});
    const document = JSON.parse(answer.text) as {
      webhooks: Record<
        string,
        {
          post: {
            parameters: Array<{ name: string; in: string; required: boolean; schema: { pattern?: string } }>;
            requestBody: { content: { "application/json": { schema: { $ref: string } } } };
          };
        }
      >;
      components: { schemas: Record<string, { properties: { event: { const: string } } }> };
    };
    expect(Object.keys(document.webhooks).sort()).toEqual([...webhookEvents].sort());
    for (const [event, { post }] of Object.entries(document.webhooks)) {
      const signature = post.parameters.find((p) => p.name === "X-Baraza-Signature");
      expect(signature, event).toMatchObject({ in: "header", required: true });
      expect(new RegExp(signature!.schema.pattern!).test(`sha256=${"ab".repeat(32)}`)).toBe(true);
      expect(post.parameters.map((p) => p.name)).toEqual(
        expect.arrayContaining(["X-Baraza-Event", "X-Baraza-Delivery"]),
      );
      const body =
        document.components.schemas[post.requestBody.content["application/json"].schema.$ref.split("/").pop()!];
      expect(body?.properties.event.const, event).toBe(event);
    }
  });
});
