/**
 * Proposals and flags on member-proposed priorities, through the real route loader and action of
 * /c/:slug/propose: stored as pending, seen by their author only, refused with a translated message
 * and nothing changed on bad input.
 */
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { consultation, flag, priority, suspension } from "~db/schema";
import { action as consultationAction, loader as consultationLoader } from "~/routes/c+/$slug+/index";
import { action, loader } from "~/routes/c+/$slug+/propose";
import { call, signUpMember } from "../support/actions";
import { setupTestDatabase } from "../support/database";
import { text } from "../support/locales";

const db = setupTestDatabase();

const OPEN = "open-proposals";
const CLOSED = "closed-proposals";
const DRAFT = "draft-proposals";

const validProposal = {
  intent: "propose",
  title: "Local fill-and-finish plants for insulin",
  body: "Insulin is imported at high cost; a regional fill-and-finish plant would shorten supply chains.",
  category: "needs-aligned",
  productType: "ncd-medicines",
  language: "en",
};

let staffPriorityId: number;

interface Member {
  cookie: string;
  userId: string;
}

async function member(name: string): Promise<Member> {
  const { cookie, userId } = await signUpMember(name);
  return { cookie, userId: userId };
}

function propose(slug: string, fields: Record<string, string>, who?: Member) {
  return call(action, { path: `/c/${slug}/propose`, params: { slug }, fields, cookie: who?.cookie });
}

function pageData(slug: string, who?: Member) {
  return call(loader, { path: `/c/${slug}/propose`, params: { slug }, cookie: who?.cookie });
}

const priorities = () => db().select().from(priority).orderBy(asc(priority.id));
const flags = () => db().select().from(flag).orderBy(asc(flag.id));

/** The message key of a refused post, checked to exist in the English strings. */
function refusalKey(body: unknown, field?: string): string {
  const failure = body as { fieldErrors: Record<string, string>; formError?: string };
  const key = field ? failure.fieldErrors[field] : failure.formError;
  expect(key, JSON.stringify(body)).toBeTruthy();
  const [namespace, path] = key!.split(":") as [string, string];
  expect(text("en", namespace, path, { count: 1 })).toBeTruthy();
  return key!;
}

beforeAll(async () => {
  const texts = { title: { en: "A consultation" }, summary: { en: "Summary" }, context: { en: "Context" } };
  const [open] = await db()
    .insert(consultation)
    .values([
      { slug: OPEN, phase: "open", ...texts },
      { slug: CLOSED, phase: "closed", ...texts },
      { slug: DRAFT, phase: "draft", ...texts },
    ])
    .returning({ id: consultation.id });
  const [staff] = await db()
    .insert(priority)
    .values({
      consultationId: open!.id,
      position: 1,
      title: { en: "Pool procurement" },
      body: { en: "Pool procurement across the region." },
      category: "pooled-procurement",
    })
    .returning({ id: priority.id });
  staffPriorityId = staff!.id;
});

describe("proposing a priority", () => {
  it("stores a pending priority in the chosen language and sends the author back to their proposals", async () => {
    const author = await member("Author");
    const answer = await propose(
      OPEN,
      { ...validProposal, language: "fr", title: "Usines régionales d'insuline" },
      author,
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(`/c/${OPEN}/propose#your-proposals`);
    expect(answer.headers.get("Set-Cookie")).toContain("flash=");

    const [row] = await db().select().from(priority).where(eq(priority.proposedById, author.userId));
    expect(row).toMatchObject({
      status: "pending",
      proposalLanguage: "fr",
      title: { fr: "Usines régionales d'insuline" },
      body: { fr: validProposal.body },
      category: "needs-aligned",
      productType: "ncd-medicines",
    });
    // After every existing priority, so that approving it does not reorder the list.
    expect(row!.position).toBeGreaterThan(1);
  });

  it("answers a fetcher with data instead of a redirect", async () => {
    const author = await member("Fetcher");
    const answer = await propose(OPEN, { ...validProposal, productType: "", _fetcher: "1" }, author);
    expect(answer.status).toBe(200);
    const body = answer.body as { ok: true; result: { priorityId: number } };
    expect(body.ok).toBe(true);
    const [row] = await db().select().from(priority).where(eq(priority.id, body.result.priorityId));
    expect(row?.productType).toBeNull();
    expect(row?.proposedById).toBe(author.userId);
  });

  it("shows a pending proposal to its author with its status, and to nobody else anywhere", async () => {
    const author = await member("Visible");
    const other = await member("Other");
    const before = await call(consultationLoader, { path: `/c/${OPEN}`, params: { slug: OPEN }, cookie: other.cookie });
    await propose(OPEN, { ...validProposal, title: "Only the author sees this for now" }, author);
    const [row] = await db().select().from(priority).where(eq(priority.proposedById, author.userId));

    const own = (await pageData(OPEN, author)).body as {
      ownProposals: Array<{ id: number; status: string; title: { text: string } }>;
    };
    expect(own.ownProposals).toEqual([
      expect.objectContaining({
        id: row!.id,
        status: "pending",
        title: expect.objectContaining({ text: row!.title.en }),
      }),
    ]);

    for (const viewer of [other, author, undefined]) {
      const propose = (await pageData(OPEN, viewer)).body as {
        ownProposals: Array<{ id: number }>;
        memberProposed: Array<{ id: number }>;
      };
      expect(propose.memberProposed.map((p) => p.id)).not.toContain(row!.id);
      if (viewer !== author) expect(propose.ownProposals).toEqual([]);

      const page = await call(consultationLoader, {
        path: `/c/${OPEN}`,
        params: { slug: OPEN },
        cookie: viewer?.cookie,
      });
      const data = page.body as { priorities: Array<{ id: number }>; totalPriorities: number };
      expect(data.priorities.map((p) => p.id)).not.toContain(row!.id);
      expect(data.totalPriorities).toBe((before.body as { totalPriorities: number }).totalPriorities);
    }
    // Nor can anyone vote on it by guessing its id.
    const vote = await call(consultationAction, {
      path: `/c/${OPEN}`,
      params: { slug: OPEN },
      fields: { intent: "vote", priorityId: String(row!.id), value: "agree" },
      cookie: other.cookie,
    });
    expect(vote.status).toBe(404);
  });

  it("shows the author each status a moderator may give", async () => {
    const author = await member("Statuses");
    for (const title of ["Proposal to approve", "Proposal to reject", "Proposal to merge"]) {
      expect((await propose(OPEN, { ...validProposal, title }, author)).status).toBe(302);
    }
    const rows = await db().select().from(priority).where(eq(priority.proposedById, author.userId));
    const byTitle = (title: string) => rows.find((r) => r.title.en === title)!.id;
    await db()
      .update(priority)
      .set({ status: "approved" })
      .where(eq(priority.id, byTitle("Proposal to approve")));
    await db()
      .update(priority)
      .set({ status: "rejected" })
      .where(eq(priority.id, byTitle("Proposal to reject")));
    await db()
      .update(priority)
      .set({ status: "merged", mergedIntoId: staffPriorityId })
      .where(eq(priority.id, byTitle("Proposal to merge")));

    const own = (await pageData(OPEN, author)).body as {
      ownProposals: Array<{ id: number; status: string; mergedIntoId: number | null }>;
    };
    expect(new Map(own.ownProposals.map((p) => [p.id, p.status]))).toEqual(
      new Map([
        [byTitle("Proposal to approve"), "approved"],
        [byTitle("Proposal to reject"), "rejected"],
        [byTitle("Proposal to merge"), "merged"],
      ]),
    );
    expect(own.ownProposals.find((p) => p.status === "merged")?.mergedIntoId).toBe(staffPriorityId);
  });

  it("refuses the same title from the same member within minutes (409), whatever its case and spacing", async () => {
    const author = await member("Twice");
    expect((await propose(OPEN, { ...validProposal, title: "Train regional regulators" }, author)).status).toBe(302);
    const before = await priorities();
    const again = await propose(OPEN, { ...validProposal, title: "  train REGIONAL regulators " }, author);
    expect(again.status).toBe(409);
    expect(refusalKey(again.body, "title")).toBe("proposals:errors.duplicate");
    expect((again.body as { values: Record<string, string> }).values.body).toBe(validProposal.body);
    expect(await priorities()).toEqual(before);

    // Another member may propose the same title.
    expect(
      (await propose(OPEN, { ...validProposal, title: "Train regional regulators" }, await member("B"))).status,
    ).toBe(302);
  });

  it("keeps one proposal when a double click sends the same post twice at once", async () => {
    const author = await member("Double click");
    const answers = await Promise.all([
      propose(OPEN, { ...validProposal, title: "Sent twice at once" }, author),
      propose(OPEN, { ...validProposal, title: "Sent twice at once" }, author),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 409]);
    expect(await db().select().from(priority).where(eq(priority.proposedById, author.userId))).toHaveLength(1);
  });

  it("rate-limits proposals per member with a translated 429", async () => {
    const author = await member("Busy");
    for (let i = 1; i <= 5; i++) {
      expect((await propose(OPEN, { ...validProposal, title: `Busy proposal number ${i}` }, author)).status).toBe(302);
    }
    const before = await priorities();
    const answer = await propose(OPEN, { ...validProposal, title: "One proposal too many" }, author);
    expect(answer.status).toBe(429);
    expect(answer.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(refusalKey(answer.body)).toBe("participation:errors.rateLimited");
    expect(await priorities()).toEqual(before);
  });
});

describe("bad proposals are refused with a translated message and nothing stored", () => {
  let proposer: Member;
  let suspended: Member;

  beforeAll(async () => {
    proposer = await member("Careless");
    suspended = await member("Suspended");
    const [open] = await db().select().from(consultation).where(eq(consultation.slug, OPEN));
    await db().insert(suspension).values({ userId: suspended.userId, consultationId: open!.id, reason: "Spam" });
  });

  const cases: Array<{
    name: string;
    slug?: string;
    fields: Record<string, string>;
    who?: "visitor" | "suspended";
    status: number;
    field?: string;
    key?: string;
  }> = [
    {
      name: "empty form",
      fields: { intent: "propose" },
      status: 400,
      field: "title",
      key: "proposals:errors.titleTooShort",
    },
    {
      name: "empty title",
      fields: { ...validProposal, title: "   " },
      status: 400,
      field: "title",
      key: "proposals:errors.titleTooShort",
    },
    {
      name: "title too short",
      fields: { ...validProposal, title: "Tax" },
      status: 400,
      field: "title",
      key: "proposals:errors.titleTooShort",
    },
    {
      name: "title too long",
      fields: { ...validProposal, title: "x".repeat(201) },
      status: 400,
      field: "title",
      key: "proposals:errors.titleTooLong",
    },
    {
      name: "empty body",
      fields: { ...validProposal, body: "" },
      status: 400,
      field: "body",
      key: "proposals:errors.bodyTooShort",
    },
    {
      name: "body too short",
      fields: { ...validProposal, body: "Too short." },
      status: 400,
      field: "body",
      key: "proposals:errors.bodyTooShort",
    },
    {
      name: "body too long",
      fields: { ...validProposal, body: "y".repeat(2001) },
      status: 400,
      field: "body",
      key: "proposals:errors.bodyTooLong",
    },
    {
      name: "no category",
      fields: { ...validProposal, category: "" },
      status: 400,
      field: "category",
      key: "proposals:errors.category",
    },
    {
      name: "unknown category",
      fields: { ...validProposal, category: "world-peace" },
      status: 400,
      field: "category",
      key: "proposals:errors.category",
    },
    {
      name: "unknown product type",
      fields: { ...validProposal, productType: "snake-oil" },
      status: 400,
      field: "productType",
      key: "proposals:errors.productType",
    },
    {
      name: "unknown language",
      fields: { ...validProposal, language: "xx" },
      status: 400,
      field: "language",
      key: "proposals:errors.language",
    },
    {
      name: "unknown intent",
      fields: { ...validProposal, intent: "delete-everything" },
      status: 400,
      key: "participation:errors.unknownAction",
    },
    {
      name: "closed consultation",
      slug: CLOSED,
      fields: validProposal,
      status: 403,
      key: "participation:refusal.notOpen",
    },
    { name: "visitor", fields: validProposal, who: "visitor", status: 401, key: "participation:refusal.signIn" },
    {
      name: "suspended member",
      fields: validProposal,
      who: "suspended",
      status: 403,
      key: "participation:refusal.suspended",
    },
    { name: "tampered slug", slug: "no-such-consultation", fields: validProposal, status: 404 },
    { name: "draft consultation's slug", slug: DRAFT, fields: validProposal, status: 404 },
  ];

  it.each(cases)("$name → $status", async ({ slug = OPEN, fields, who, status, field, key }) => {
    const before = await priorities();
    const as = who === "visitor" ? undefined : who === "suspended" ? suspended : proposer;
    const answer = await propose(slug, fields, as);
    expect(answer.status).toBe(status);
    if (key) {
      expect(refusalKey(answer.body, field)).toBe(key);
      // What was typed comes back to refill the form.
      expect((answer.body as { values: Record<string, string> }).values.title).toBe(fields.title);
    }
    expect(await priorities()).toEqual(before);
  });
});

describe("flags on member-proposed priorities", () => {
  let author: Member;
  let reader: Member;
  let approvedId: number;
  let pendingId: number;

  beforeAll(async () => {
    author = await member("Proposer");
    reader = await member("Reader");
    await propose(OPEN, { ...validProposal, title: "Approved member proposal" }, author);
    await propose(OPEN, { ...validProposal, title: "Still pending proposal" }, author);
    const rows = await db().select().from(priority).where(eq(priority.proposedById, author.userId));
    approvedId = rows.find((r) => r.title.en === "Approved member proposal")!.id;
    pendingId = rows.find((r) => r.title.en === "Still pending proposal")!.id;
    await db().update(priority).set({ status: "approved" }).where(eq(priority.id, approvedId));
  });

  const flagPost = (targetId: number, who: Member, extra: Record<string, string> = {}) =>
    propose(
      OPEN,
      { intent: "flag", targetType: "priority", targetId: String(targetId), reason: "spam", ...extra },
      who,
    );

  it("lists approved member proposals for others to see and flag, not for their author", async () => {
    const forReader = (await pageData(OPEN, reader)).body as {
      memberProposed: Array<{ id: number; flaggedByViewer: boolean }>;
    };
    expect(forReader.memberProposed).toContainEqual(
      expect.objectContaining({ id: approvedId, flaggedByViewer: false }),
    );
    expect(forReader.memberProposed.map((p) => p.id)).not.toContain(pendingId);
    expect(forReader.memberProposed.map((p) => p.id)).not.toContain(staffPriorityId);

    const forAuthor = (await pageData(OPEN, author)).body as { memberProposed: Array<{ id: number }> };
    expect(forAuthor.memberProposed.map((p) => p.id)).not.toContain(approvedId);
  });

  it("records a member's flag once, back at the proposal", async () => {
    const answer = await flagPost(approvedId, reader);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(`/c/${OPEN}/propose#proposal-${approvedId}`);
    expect(await db().select().from(flag).where(eq(flag.targetId, approvedId))).toEqual([
      expect.objectContaining({ targetType: "priority", reporterId: reader.userId, reason: "spam" }),
    ]);
    const page = (await pageData(OPEN, reader)).body as {
      memberProposed: Array<{ id: number; flaggedByViewer: boolean }>;
    };
    expect(page.memberProposed).toContainEqual(expect.objectContaining({ id: approvedId, flaggedByViewer: true }));

    const before = await flags();
    const again = await flagPost(approvedId, reader);
    expect(again.status).toBe(409);
    expect(refusalKey(again.body)).toBe("participation:flag.errors.alreadyFlagged");
    expect(await flags()).toEqual(before);
  });

  it.each([
    {
      name: "own proposal",
      target: () => approvedId,
      who: () => author,
      status: 403,
      key: "participation:flag.errors.ownItem",
    },
    {
      name: "pending proposal",
      target: () => pendingId,
      who: () => reader,
      status: 404,
      key: "participation:errors.unknownItem",
    },
    {
      name: "staff-written priority",
      target: () => staffPriorityId,
      who: () => reader,
      status: 404,
      key: "participation:errors.unknownItem",
    },
    {
      name: "no such priority",
      target: () => 987654,
      who: () => reader,
      status: 404,
      key: "participation:errors.unknownItem",
    },
  ])("refuses to flag a $name", async ({ target, who, status, key }) => {
    const before = await flags();
    const answer = await flagPost(target(), who());
    expect(answer.status).toBe(status);
    expect(refusalKey(answer.body)).toBe(key);
    expect(await flags()).toEqual(before);
  });

  it("refuses a flag without a reason, beside the field", async () => {
    const before = await flags();
    const answer = await flagPost(approvedId, await member("No reason"), { reason: "" });
    expect(answer.status).toBe(400);
    expect(refusalKey(answer.body, "reason")).toBe("participation:flag.errors.reasonRequired");
    expect(await flags()).toEqual(before);
  });
});
