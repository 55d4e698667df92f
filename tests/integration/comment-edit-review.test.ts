/**
 * Edits cannot bypass moderation (issue 13, item 14), through the real routes of the priority page
 * and the moderation queue: an edit of an approved comment in a pre-moderated consultation, or an
 * edit showing spam signals anywhere, waits in the queue while the approved text stays published;
 * moderators approve or reject it there.
 */
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  comment,
  commentPendingEdit,
  commentRevision,
  consultationModerator,
  moderationAction,
  rateLimit,
  user,
} from "~db/schema";
import { action as moderationPost, loader as queueLoader } from "~/routes/c+/$slug+/_moderator+/moderation/route";
import { loader as logLoader } from "~/routes/c+/$slug+/moderation-log";
import { action as priorityPost, loader as priorityLoader } from "~/routes/c+/$slug+/p.$priorityId";
import { call, signUpMember } from "../support/actions";
import { markSecondFactorEnrolled } from "../support/second-factor";
import { createConsultation } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

type Fixture = Awaited<ReturnType<typeof createConsultation>>;
interface Person {
  cookie: string;
  userId: string;
}

let pre: Fixture;
let post: Fixture;
let author: Person;
let reader: Person;
let moderator: Person;

beforeAll(async () => {
  pre = await createConsultation(db(), { moderationMode: "pre" }, 1);
  post = await createConsultation(db(), { moderationMode: "post" }, 1);
  author = await signUpMember("Author");
  reader = await signUpMember("Reader");
  moderator = await signUpMember("Moderator");
  // Long-standing members: an account younger than a day posting in bursts is a spam signal of its own.
  await db()
    .update(user)
    .set({ createdAt: new Date(Date.now() - 30 * 86_400_000) });
  await db()
    .insert(consultationModerator)
    .values([pre, post].map((fixture) => ({ consultationId: fixture.id, userId: moderator.userId })));
  await markSecondFactorEnrolled(db(), moderator.userId);
});

beforeEach(async () => {
  await db().delete(rateLimit);
});

function onPriority(fixture: Fixture, who: Person, fields: Record<string, string>) {
  const priorityId = String(fixture.priorityIds[0]);
  return call(priorityPost, {
    path: `/c/${fixture.slug}/p/${priorityId}`,
    params: { slug: fixture.slug, priorityId },
    cookie: who.cookie,
    fields,
  });
}

function moderate(fixture: Fixture, fields: Record<string, string>, who: Person = moderator) {
  return call(moderationPost, {
    path: `/c/${fixture.slug}/moderation`,
    params: { slug: fixture.slug },
    cookie: who.cookie,
    fields,
  });
}

async function newComment(fixture: Fixture, body: string): Promise<number> {
  const answer = await onPriority(fixture, author, { intent: "comment", language: "en", body });
  expect(answer.status).toBe(302);
  return Number(/#comment-(\d+)$/.exec(answer.headers.get("Location") ?? "")![1]);
}

const edit = (fixture: Fixture, id: number, body: string, extra: Record<string, string> = {}) =>
  onPriority(fixture, author, { intent: "edit", commentId: String(id), body, ...extra });

/** The priority page as someone else reads it, in JSON. */
async function publicPage(fixture: Fixture, who?: Person) {
  const priorityId = String(fixture.priorityIds[0]);
  const answer = await call(priorityLoader, {
    path: `/c/${fixture.slug}/p/${priorityId}`,
    params: { slug: fixture.slug, priorityId },
    cookie: who?.cookie,
  });
  return JSON.stringify(answer.body);
}

interface QueueItemData {
  type: string;
  id: number;
  body: { text: string };
  pendingEdit: { body: string; signals: string[] } | null;
}

async function queueItem(fixture: Fixture, id: number) {
  const answer = await call(queueLoader, {
    path: `/c/${fixture.slug}/moderation`,
    params: { slug: fixture.slug },
    cookie: moderator.cookie,
  });
  return (answer.body as { items: QueueItemData[] }).items.find((item) => item.type === "comment" && item.id === id);
}

const bodyOf = async (id: number) => (await db().select().from(comment).where(eq(comment.id, id)))[0]!.body;
const waitingEdit = async (id: number) =>
  (await db().select().from(commentPendingEdit).where(eq(commentPendingEdit.commentId, id)))[0];
const revisions = async (id: number) =>
  (
    await db().select().from(commentRevision).where(eq(commentRevision.commentId, id)).orderBy(asc(commentRevision.id))
  ).map((row) => row.body);
const records = async (id: number) =>
  (
    await db()
      .select()
      .from(moderationAction)
      .where(and(eq(moderationAction.targetType, "comment"), eq(moderationAction.targetId, String(id))))
      .orderBy(asc(moderationAction.id))
  ).map((row) => row.action);

describe("an edit in a pre-moderated consultation", () => {
  it("goes back to the queue while the approved text stays published, and is approved there", async () => {
    const id = await newComment(pre, "Local plants need steady orders.");
    expect((await moderate(pre, { intent: "approve", targetType: "comment", targetId: String(id) })).status).toBe(302);

    // Sent as a fetcher would, to read the answer: the author is told the edit waits for review.
    const edited = await edit(pre, id, "Local plants need steady orders. BUY CHEAP PILLS HERE", { _fetcher: "1" });
    expect(edited.body).toMatchObject({ ok: true, flash: { message: "comments:flash.editAwaitingReview" } });
    expect(await bodyOf(id)).toBe("Local plants need steady orders.");
    expect(await waitingEdit(id)).toMatchObject({ body: "Local plants need steady orders. BUY CHEAP PILLS HERE" });
    for (const who of [undefined, reader, author]) {
      const page = await publicPage(pre, who);
      expect(page).toContain("Local plants need steady orders.");
      expect(page).not.toContain("CHEAP PILLS");
      // Only the author is told that an edit of theirs is waiting.
      expect(page).toContain(`"editAwaitingReview":${who === author}`);
    }
    expect(await queueItem(pre, id)).toMatchObject({
      body: { text: "Local plants need steady orders." },
      pendingEdit: { body: "Local plants need steady orders. BUY CHEAP PILLS HERE", signals: [] },
    });

    // Only the consultation's moderators decide.
    expect(
      (await moderate(pre, { intent: "approve-edit", targetType: "comment", targetId: String(id) }, reader)).status,
    ).toBe(403);
    expect(await waitingEdit(id)).toBeDefined();

    // A second edit replaces the waiting one; the moderator approves what is there now.
    await edit(pre, id, "Local plants need steady orders from pooled procurement.");
    const approved = await moderate(pre, { intent: "approve-edit", targetType: "comment", targetId: String(id) });
    expect(approved.status).toBe(302);
    expect(await bodyOf(id)).toBe("Local plants need steady orders from pooled procurement.");
    expect(await revisions(id)).toEqual(["Local plants need steady orders."]);
    expect(await waitingEdit(id)).toBeUndefined();
    expect(await records(id)).toEqual(["approve", "approve-edit"]);
    expect(await queueItem(pre, id)).toBeUndefined();
    // Nothing left to approve: refused, nothing changed.
    const again = await moderate(pre, { intent: "approve-edit", targetType: "comment", targetId: String(id) });
    expect(again.status).toBe(409);
    expect(await records(id)).toEqual(["approve", "approve-edit"]);
  });

  it("is rejected in the queue, and the published text stays", async () => {
    const id = await newComment(pre, "Regional regulators should share dossiers.");
    await moderate(pre, { intent: "approve", targetType: "comment", targetId: String(id) });
    await edit(pre, id, "Something the moderators will not accept.");
    const rejected = await moderate(pre, { intent: "reject-edit", targetType: "comment", targetId: String(id) });
    expect(rejected.status).toBe(302);
    expect(await bodyOf(id)).toBe("Regional regulators should share dossiers.");
    expect(await revisions(id)).toEqual([]);
    expect(await waitingEdit(id)).toBeUndefined();
    expect(await records(id)).toEqual(["approve", "reject-edit"]);
    // The public log says what was decided, never the text.
    const log = await call(logLoader, { path: `/c/${pre.slug}/moderation-log`, params: { slug: pre.slug } });
    expect(JSON.stringify(log.body)).toContain("reject-edit");
    expect(JSON.stringify(log.body)).not.toContain("will not accept");
  });

  it("of a comment still waiting for approval simply changes what the moderator will see", async () => {
    const id = await newComment(pre, "Waiting for its first review.");
    await edit(pre, id, "Waiting for its first review, corrected.");
    expect(await bodyOf(id)).toBe("Waiting for its first review, corrected.");
    expect(await waitingEdit(id)).toBeUndefined();
  });

  it("is dropped with the rest when a moderator redacts the comment", async () => {
    const id = await newComment(pre, "Call me on the number below.");
    await moderate(pre, { intent: "approve", targetType: "comment", targetId: String(id) });
    await edit(pre, id, "Call me on +254 700 000 001.");
    const redacted = await moderate(pre, {
      intent: "redact",
      targetType: "comment",
      targetId: String(id),
      body: "Call me on [number removed].",
    });
    expect(redacted.status).toBe(302);
    expect(await waitingEdit(id)).toBeUndefined();
  });
});

describe("an edit in a post-moderated consultation", () => {
  it("is published at once when it shows no spam signal", async () => {
    const id = await newComment(post, "Financing should follow demand.");
    expect((await edit(post, id, "Financing should follow demand forecasts.")).status).toBe(302);
    expect(await bodyOf(id)).toBe("Financing should follow demand forecasts.");
    expect(await waitingEdit(id)).toBeUndefined();
  });

  it("runs the spam signals: a spammy edit waits in the queue and the published text stays", async () => {
    const id = await newComment(post, "Technology transfer needs trained staff.");
    const spam = "Cheap https://a.example https://b.example https://c.example now";
    expect((await edit(post, id, spam)).status).toBe(302);
    expect(await bodyOf(id)).toBe("Technology transfer needs trained staff.");
    expect(await waitingEdit(id)).toMatchObject({ body: spam, signals: ["many-links"] });
    expect(await publicPage(post, reader)).not.toContain("https://a.example");
    expect((await queueItem(post, id))?.pendingEdit).toEqual({
      body: spam,
      signals: ["many-links"],
      createdAt: expect.any(String),
    });
    // Writing the published text again withdraws the waiting edit.
    await edit(post, id, "Technology transfer needs trained staff.");
    expect(await waitingEdit(id)).toBeUndefined();
  });

  it("runs the spam signals on text another member already posted", async () => {
    const copied = "This exact sentence was posted by someone else first.";
    await onPriority(post, reader, { intent: "comment", language: "en", body: copied });
    const id = await newComment(post, "My own original thoughts on procurement.");
    await edit(post, id, copied);
    expect(await bodyOf(id)).toBe("My own original thoughts on procurement.");
    expect(await waitingEdit(id)).toMatchObject({ signals: ["repeated-text"] });
  });
});
