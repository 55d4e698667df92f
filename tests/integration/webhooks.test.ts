/**
 * Webhooks: registered on the institution portal (https only, secret shown once), fed by the events
 * of the consultations the institution owns or follows, and delivered — signed, retried with
 * back-off — to a real HTTP receiver started here, which refuses the first two requests.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo } from "node:net";
import { createRemixStub } from "@remix-run/testing";
import { eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "~/api/openapi";
import { publishResponse } from "~/responses/responses.server";
import InstitutionPortal, {
  action as portalAction,
  loader as portalLoader,
} from "~/routes/_institution+/institution/route";
import { changePhase } from "~/staff/consultations.server";
import { publishSummary, saveSummaryVersion } from "~/summaries/summaries.server";
import { createWebhookPoster } from "~/webhooks/webhook-post.server";
import { sealWebhookSecret } from "~/webhooks/webhook-secret.server";
import { deliverDueWebhooks, emitWebhookEvent, maxWebhookAttempts, runWebhookRound } from "~/webhooks/webhooks.server";
import {
  consultation,
  institution,
  institutionFollow,
  institutionMember,
  institutionalResponse,
  webhook,
  webhookDelivery,
} from "~db/schema";
import { call, cookieFrom, signUpMember } from "../support/actions";
import { createConsultation, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { schemaProblems } from "../support/json-schema";
import { expectConsoleError } from "../support/fail-on-console-error";
import { text } from "../support/locales";
import { renderInLanguage } from "../support/render";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();

interface Received {
  event: string;
  delivery: string;
  signature: string;
  body: string;
}

/** A receiver on 127.0.0.1 that answers 500 to its first `failures` requests, then 204. */
function startReceiver(failures: number) {
  const accepted: Received[] = [];
  let refused = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (refused < failures) {
        refused++;
        response.writeHead(500).end();
        return;
      }
      accepted.push({
        event: String(request.headers["x-baraza-event"]),
        delivery: String(request.headers["x-baraza-delivery"]),
        signature: String(request.headers["x-baraza-signature"]),
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(204).end();
    });
  });
  const listening = new Promise<string>((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`));
  });
  return { accepted, listening, refusedCount: () => refused, close: () => new Promise((r) => server.close(r)) };
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

function portal(fields: Record<string, string | string[]>, who?: Person) {
  return call(portalAction, { path: "/institution", params: {}, fields, cookie: who?.cookie });
}

async function newInstitution(slug: string): Promise<number> {
  const [row] = await db()
    .insert(institution)
    .values({ slug, name: { en: slug } })
    .returning({ id: institution.id });
  return row!.id;
}

const allEvents = ["consultation.closed", "response.published", "summary.published"];

async function register(who: Person, institutionId: number, url: string): Promise<string> {
  const answer = await portal(
    { intent: "create-webhook", institutionId: String(institutionId), url, events: allEvents },
    who,
  );
  // Redirected (a refresh registers nothing twice); the page it lands on shows the secret once.
  expect(answer.status, JSON.stringify(answer.body)).toBe(302);
  expect(answer.headers.get("location")).toBe(`/institution#webhooks-${institutionId}`);
  const page = await call(portalLoader, {
    path: "/institution",
    params: {},
    cookie: `${who.cookie}; ${cookieFrom(answer.headers)}`,
  });
  const created = (page.body as { created: { kind: string; url: string; secret: string } | null }).created;
  expect(created).toMatchObject({ kind: "webhook", url });
  return created!.secret;
}

/** Makes every waiting delivery due now, as if the back-off had passed. */
async function fastForward() {
  await db()
    .update(webhookDelivery)
    .set({ nextAttemptAt: sql`now()` });
}

function verify(secret: string, received: Received): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(received.body).digest("hex")}`);
  const given = Buffer.from(received.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const owningReceiver = startReceiver(2);
const followingReceiver = startReceiver(0);
const unrelatedReceiver = startReceiver(0);
let owningId: number;
let followingId: number;
let unrelatedId: number;
let owner: Person;
let follower: Person;
let stranger: Person;
let owningSecret: string;
let followingSecret: string;
let staffCloses: { id: number; slug: string };
let clockCloses: { id: number; slug: string };

beforeAll(async () => {
  owningId = await newInstitution("webhook-owner");
  followingId = await newInstitution("webhook-follower");
  unrelatedId = await newInstitution("webhook-unrelated");
  owner = await person("Owner", owningId);
  follower = await person("Follower", followingId);
  stranger = await person("Stranger", unrelatedId);
  owningSecret = await register(owner, owningId, await owningReceiver.listening);
  followingSecret = await register(follower, followingId, await followingReceiver.listening);
  await register(stranger, unrelatedId, await unrelatedReceiver.listening);
  staffCloses = await createConsultation(db(), { owningInstitutionId: owningId });
  clockCloses = await createConsultation(db(), {
    owningInstitutionId: owningId,
    closesAt: new Date(Date.now() + 60 * 60 * 1000),
  });
  await db().insert(institutionFollow).values({ institutionId: followingId, consultationId: staffCloses.id });
});

afterAll(async () => {
  await Promise.all([owningReceiver.close(), followingReceiver.close(), unrelatedReceiver.close()]);
});

describe("registering webhooks on the portal", () => {
  it("refuses an address that is not https with a translated 400, storing nothing", async () => {
    const before = await db().select().from(webhook);
    for (const url of ["http://example.org/hook", "ftp://example.org/hook", "not a url"]) {
      const answer = await portal(
        { intent: "create-webhook", institutionId: String(owningId), url, events: allEvents },
        owner,
      );
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ fieldErrors: { url: "api:errors.webhookUrlInvalid" }, values: { url } });
    }
    for (const url of [
      "https://169.254.169.254/latest/meta-data/",
      "https://10.0.0.8/hook",
      "https://[::1]/hook",
      "https://localhost/hook",
      "https://metadata.google.internal/",
      "http://127.0.0.2/hook",
    ]) {
      const answer = await portal(
        { intent: "create-webhook", institutionId: String(owningId), url, events: allEvents },
        owner,
      );
      expect(answer.status, url).toBe(400);
      const expected = url.startsWith("http:") ? "api:errors.webhookUrlInvalid" : "api:errors.webhookUrlInternal";
      expect(answer.body).toMatchObject({ fieldErrors: { url: expected }, values: { url } });
    }
    const answer = await portal(
      { intent: "create-webhook", institutionId: String(owningId), url: "https://example.org/x" },
      owner,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ fieldErrors: { events: "api:errors.webhookEventsRequired" } });
    expect(await db().select().from(webhook)).toHaveLength(before.length);
  });

  it("refuses another institution's member, a member of no institution and a visitor", async () => {
    const fields = {
      intent: "create-webhook",
      institutionId: String(owningId),
      url: "https://example.org/h",
      events: allEvents,
    };
    const plainMember = await person("Plain member");
    expect((await portal(fields, stranger)).status).toBe(403);
    expect((await portal(fields, plainMember)).status).toBe(403);
    const visitor = await portal(fields);
    expect(visitor.status).toBe(302); // sent to sign in
    const [ownersHook] = await db().select().from(webhook).where(eq(webhook.institutionId, owningId));
    const disable = { intent: "disable-webhook", institutionId: String(owningId), webhookId: String(ownersHook!.id) };
    expect((await portal(disable, stranger)).status).toBe(403);
    // Naming its own institution does not reach another institution's webhook either.
    expect((await portal({ ...disable, institutionId: String(unrelatedId) }, stranger)).status).toBe(404);
    expect((await db().select().from(webhook).where(eq(webhook.id, ownersHook!.id)))[0]?.disabledAt).toBeNull();
  });

  it("stores the signing secret encrypted, never as shown", async () => {
    const [stored] = await db()
      .select({ secret: webhook.secret })
      .from(webhook)
      .where(eq(webhook.institutionId, owningId));
    expect(stored!.secret).toMatch(/^enc:v1:/);
    expect(stored!.secret).not.toContain(owningSecret.slice("whsec_".length));
  });

  it("lists the institution's webhooks without their secrets", async () => {
    const answer = await call(portalLoader, { path: "/institution", params: {}, cookie: owner.cookie });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain(await owningReceiver.listening);
    expect(JSON.stringify(answer.body)).not.toContain(owningSecret);
  });
});

describe("delivering events", () => {
  it("queues summary, response and closing events for the owning and following institutions only", async () => {
    const [authorId] = await createUsers(db(), 1);
    const saved = await saveSummaryVersion(db(), {
      consultationId: staffCloses.id,
      priorityId: null,
      locale: "en",
      bodyMarkdown: "What we heard.",
      authorId: authorId!,
    });
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    await publishSummary(db(), saved.summaryId);
    await publishSummary(db(), saved.summaryId); // a second publication is no new event
    const [draft] = await db()
      .insert(institutionalResponse)
      .values({
        consultationId: staffCloses.id,
        institutionId: owningId,
        title: { en: "Our answer" },
        body: { en: "…" },
      })
      .returning({ id: institutionalResponse.id });
    await publishResponse(db(), { consultationId: staffCloses.id, responseId: draft!.id });
    expect(await changePhase(db(), staffCloses.id, "open", "closed")).toEqual({ ok: true });

    const queued = await db()
      .select({ institutionId: webhook.institutionId, event: webhookDelivery.event })
      .from(webhookDelivery)
      .innerJoin(webhook, eq(webhook.id, webhookDelivery.webhookId));
    expect(
      queued
        .filter((q) => q.institutionId === owningId)
        .map((q) => q.event)
        .sort(),
    ).toEqual(allEvents);
    expect(
      queued
        .filter((q) => q.institutionId === followingId)
        .map((q) => q.event)
        .sort(),
    ).toEqual(allEvents);
    expect(queued.filter((q) => q.institutionId === unrelatedId)).toEqual([]);
    // The same event key again queues nothing more (one delivery per webhook and event).
    const again = await db().transaction((tx) =>
      emitWebhookEvent(tx, {
        event: "summary.published",
        consultationId: staffCloses.id,
        eventKey: `summary-published:${saved.summaryId}`,
        payload: {},
      }),
    );
    expect(again).toBe(0);
  });

  it("announces a consultation closed by the clock once, in a worker round", async () => {
    await runWebhookRound(db(), async () => ({ status: 503 })); // still open: nothing new, deliveries refused
    expect(
      await db()
        .select()
        .from(webhookDelivery)
        .where(eq(webhookDelivery.eventKey, `consultation-closed:${clockCloses.id}`)),
    ).toEqual([]);
    await db()
      .update(consultation)
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where(eq(consultation.id, clockCloses.id));
    await runWebhookRound(db(), async () => ({ status: 503 }));
    await runWebhookRound(db(), async () => ({ status: 503 }));
    const closings = await db()
      .select()
      .from(webhookDelivery)
      .where(eq(webhookDelivery.eventKey, `consultation-closed:${clockCloses.id}`));
    expect(closings).toHaveLength(1); // only the owner: nobody follows it
    // The refused attempts above count and back off like any other.
    const refused = await db().select().from(webhookDelivery).where(eq(webhookDelivery.status, "pending"));
    expect(refused.every((d) => d.lastStatusCode === 503 && d.nextAttemptAt.getTime() > Date.now())).toBe(true);
  });

  it("gets each event to its receiver once, signed, although the first two requests fail", async () => {
    for (let round = 0; round < 6; round++) {
      await fastForward();
      await runWebhookRound(db());
    }
    expect(owningReceiver.refusedCount()).toBe(2);
    const ownerEvents = owningReceiver.accepted.map((r) => r.event).sort();
    expect(ownerEvents).toEqual([
      "consultation.closed",
      "consultation.closed",
      "response.published",
      "summary.published",
    ]);
    expect(new Set(owningReceiver.accepted.map((r) => r.delivery)).size).toBe(4);
    expect(owningReceiver.accepted.every((r) => verify(owningSecret, r))).toBe(true);
    expect(owningReceiver.accepted.some((r) => verify(followingSecret, r))).toBe(false);
    expect(followingReceiver.accepted.map((r) => r.event).sort()).toEqual(allEvents);
    expect(followingReceiver.accepted.every((r) => verify(followingSecret, r))).toBe(true);
    expect(unrelatedReceiver.accepted).toEqual([]);

    const closed = owningReceiver.accepted.find((r) => r.body.includes(`"slug":"${clockCloses.slug}"`));
    expect(JSON.parse(closed!.body)).toMatchObject({
      event: "consultation.closed",
      data: { consultation: { id: clockCloses.id } },
    });
    const deliveries = await db().select().from(webhookDelivery);
    expect(deliveries.every((d) => d.status === "delivered")).toBe(true);

    // Each body is what the OpenAPI document's `webhooks` say it is, headers included.
    const { webhooks, components } = openApiDocument as unknown as {
      webhooks: Record<string, { post: { requestBody: { content: Record<string, { schema: object }> } } }>;
      components: { schemas: Record<string, object> };
    };
    for (const received of [...owningReceiver.accepted, ...followingReceiver.accepted]) {
      const { schema } = webhooks[received.event]!.post.requestBody.content["application/json"]!;
      expect(schemaProblems(schema, JSON.parse(received.body), components.schemas), received.event).toEqual([]);
      expect(received.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    }

    const listed = await call(portalLoader, { path: "/institution", params: {}, cookie: owner.cookie });
    expect(JSON.stringify(listed.body)).toContain('"status":"delivered"');
  });

  it("gives up after the last attempt", async () => {
    const [followersHook] = await db().select().from(webhook).where(eq(webhook.institutionId, followingId));
    const [last] = await db()
      .insert(webhookDelivery)
      .values({
        webhookId: followersHook!.id,
        event: "summary.published",
        eventKey: "last-attempt",
        payload: {},
        attempts: maxWebhookAttempts - 1,
      })
      .returning({ id: webhookDelivery.id });
    const refuse = async () => ({ status: 500 });
    await deliverDueWebhooks(db(), refuse);
    await fastForward();
    expect(await deliverDueWebhooks(db(), refuse)).toBe(0);
    const [failed] = await db().select().from(webhookDelivery).where(eq(webhookDelivery.id, last!.id));
    expect(failed).toMatchObject({ status: "failed", attempts: maxWebhookAttempts, lastStatusCode: 500 });
  });

  it("a disabled webhook gets nothing more, a deleted one is gone with its deliveries", async () => {
    const [ownersHook] = await db().select().from(webhook).where(eq(webhook.institutionId, owningId));
    const disabled = await portal(
      { intent: "disable-webhook", institutionId: String(owningId), webhookId: String(ownersHook!.id) },
      owner,
    );
    expect(disabled.status).toBeLessThan(400);
    const other = await createConsultation(db(), { owningInstitutionId: owningId });
    await changePhase(db(), other.id, "open", "closed");
    expect(
      await db()
        .select()
        .from(webhookDelivery)
        .where(eq(webhookDelivery.eventKey, `consultation-closed:${other.id}`)),
    ).toEqual([]);

    const deleted = await portal(
      { intent: "delete-webhook", institutionId: String(owningId), webhookId: String(ownersHook!.id) },
      owner,
    );
    expect(deleted.status).toBeLessThan(400);
    expect(await db().select().from(webhook).where(eq(webhook.id, ownersHook!.id))).toEqual([]);
    expect(await db().select().from(webhookDelivery).where(eq(webhookDelivery.webhookId, ownersHook!.id))).toEqual([]);
  });
});

describe("refusing internal targets at delivery", () => {
  /** A TCP server on 127.0.0.1 that only counts the connections it gets. */
  async function startListener() {
    let connections = 0;
    const server = createTcpServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
      port: (server.address() as AddressInfo).port,
      connections: () => connections,
      close: () => new Promise((r) => server.close(r)),
    };
  }

  async function queueFor(url: string) {
    // Stored as is, as if registered before the rules or pointing at a name whose DNS changed since.
    const [hook] = await db()
      .insert(webhook)
      .values({ institutionId: unrelatedId, url, secret: "whsec_test", events: ["summary.published"] })
      .returning({ id: webhook.id });
    const [queued] = await db()
      .insert(webhookDelivery)
      .values({ webhookId: hook!.id, event: "summary.published", eventKey: `refused:${url}`, payload: {} })
      .returning({ id: webhookDelivery.id });
    return queued!.id;
  }

  it("fails a delivery at once, without a request, when the name resolves to an internal address", async () => {
    const listener = await startListener();
    const rebound = await queueFor(`https://hooks.example.org:${listener.port}/hook`);
    const metadata = await queueFor("https://169.254.169.254/latest/meta-data/");
    // A resolver under an attacker's control, answering a loopback address for a public-looking name.
    const post = createWebhookPoster({
      allowTestReceiver: false,
      resolveAll: (_hostname, _options, callback) => callback(null, [{ address: "127.0.0.1", family: 4 }]),
    });
    expect(await deliverDueWebhooks(db(), post)).toBe(0);
    await listener.close();
    expect(listener.connections()).toBe(0);

    const [refused] = await db().select().from(webhookDelivery).where(eq(webhookDelivery.id, rebound));
    expect(refused).toMatchObject({
      status: "failed",
      attempts: 1,
      lastStatusCode: null,
      lastError: "refused: hooks.example.org resolves to 127.0.0.1, an internal address",
    });
    const [literal] = await db().select().from(webhookDelivery).where(eq(webhookDelivery.id, metadata));
    expect(literal).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "refused: 169.254.169.254 is not a public https address",
    });
    // A secret sealed under another AUTH_SECRET cannot sign: failed at once too, saying why.
    const resealed = await queueFor("https://hooks.example.org/other");
    await db()
      .update(webhook)
      .set({ secret: sealWebhookSecret("whsec_other", "another secret of at least 32 chars") })
      .where(eq(webhook.url, "https://hooks.example.org/other"));
    await deliverDueWebhooks(db(), post);
    const [unreadable] = await db().select().from(webhookDelivery).where(eq(webhookDelivery.id, resealed));
    expect(unreadable).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: expect.stringMatching(/AUTH_SECRET/),
    });

    // Failed for good: later rounds do not try again.
    await fastForward();
    expect(await deliverDueWebhooks(db(), post)).toBe(0);
    const after = await db().select().from(webhookDelivery).where(eq(webhookDelivery.id, rebound));
    expect(after[0]?.attempts).toBe(1);
  });
});

describe("the portal page of a member of two institutions", () => {
  it("shows a webhook form's error once, under that institution's form, with ids unique on the page", async () => {
    const twoHats = await person("Two hats", owningId);
    await db().insert(institutionMember).values({ institutionId: followingId, userId: twoHats.userId });
    const fields = { intent: "create-webhook", institutionId: String(followingId), url: "https://example.org/x" };
    const failed = await portal(fields, twoHats);
    expect(failed.status).toBe(400);
    const loaded = await call(portalLoader, { path: "/institution", params: {}, cookie: twoHats.cookie });
    // The stub is a browser router: React warns that its layout effects do nothing on the server.
    expectConsoleError(/useLayoutEffect does nothing on the server/);
    const Stub = createRemixStub([{ id: "portal", path: "/institution", Component: InstitutionPortal }]);
    const html = await renderInLanguage(
      createElement(Stub, {
        initialEntries: ["/institution"],
        hydrationData: { loaderData: { portal: loaded.body }, actionData: { portal: failed.body } },
      }),
      "en",
    );

    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    expect(html.split(text("en", "api", "errors.webhookEventsRequired"))).toHaveLength(2);
    expect(ids).toContain(`webhook-events-${followingId}-error`);
    expect(html).toMatch(new RegExp(`aria-describedby="webhook-events-${followingId}-error"`));
  });
});
