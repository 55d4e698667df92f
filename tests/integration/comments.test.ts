/**
 * The priority page and its comments, through the real route loader and action: posting, threads,
 * edits with history, deletion, endorsements, flags, moderation visibility, sorting, filters,
 * pagination, and bad input answered with a translated 4xx that changes nothing.
 */
import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CommentView } from "~/participation/comments.server";
import { action, loader } from "~/routes/c+/$slug+/p.$priorityId";
import {
  comment,
  commentEndorsement,
  commentRevision,
  flag,
  profile,
  rateLimit,
  suspension,
  user,
  vote,
} from "~db/schema";
import { call, signUpMember, type Answer } from "../support/actions";
import { createConsultation, createPriority } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

interface Member {
  cookie: string;
  id: string;
}

type Fixture = Awaited<ReturnType<typeof createConsultation>>;

let open: Fixture;
let other: Fixture;
let amina: Member;
let kofi: Member;
let lina: Member;

async function member(name: string): Promise<Member> {
  const { cookie, userId } = await signUpMember(name);
  return { cookie, id: userId };
}

beforeAll(async () => {
  open = await createConsultation(db(), {}, 3);
  other = await createConsultation(db(), {}, 1);
  [amina, kofi, lina] = await Promise.all([member("Amina"), member("Kofi"), member("Lina")]);
  await db().update(profile).set({ displayName: "Amina W." }).where(eq(profile.userId, amina.id));
  // Long-standing members: a burst of posts from an account younger than a day is held as likely spam.
  await db()
    .update(user)
    .set({ createdAt: new Date(Date.now() - 30 * 86_400_000) });
});

// Every test starts with fresh rate-limit counters; the limit itself has its own test.
beforeEach(async () => {
  await db().delete(rateLimit);
});

function page(fixture: { slug: string }, priorityId: number, options: { cookie?: string; search?: string } = {}) {
  return call(loader, {
    path: `/c/${fixture.slug}/p/${priorityId}${options.search ?? ""}`,
    params: { slug: fixture.slug, priorityId: String(priorityId) },
    cookie: options.cookie,
  });
}

function post(
  fixture: { slug: string },
  priorityId: number | string,
  who: Member | null,
  fields: Record<string, string>,
  search = "",
) {
  return call(action, {
    path: `/c/${fixture.slug}/p/${priorityId}${search}`,
    params: { slug: fixture.slug, priorityId: String(priorityId) },
    cookie: who?.cookie,
    fields,
  });
}

const postComment = (who: Member, fields: Record<string, string>, priorityId = open.priorityIds[0]!) =>
  post(open, priorityId, who, { intent: "comment", language: "en", ...fields });

type PageData = Awaited<ReturnType<typeof loader>>;
const pageData = (answer: Answer) => answer.body as PageData;

/** Every comment on the page, replies included, depth first. */
function flatten(threads: readonly CommentView[]): CommentView[] {
  return threads.flatMap((thread) => [thread, ...flatten(thread.replies)]);
}

const textOf = (view: CommentView) => (view.status === "removed" ? null : view.segments.map((s) => s.text).join(""));

/** The id of the comment a successful post created, from its redirect to `#comment-<id>`. */
function createdId(answer: Answer): number {
  expect(answer.status).toBe(302);
  const match = /#comment-(\d+)$/.exec(answer.headers.get("Location") ?? "");
  expect(match).not.toBeNull();
  return Number(match![1]);
}

async function commentTables() {
  return {
    comments: await db().select().from(comment).orderBy(asc(comment.id)),
    revisions: await db().select().from(commentRevision).orderBy(asc(commentRevision.id)),
    endorsements: await db().select().from(commentEndorsement),
    flags: await db().select().from(flag).orderBy(asc(flag.id)),
  };
}

async function insertComment(values: Partial<typeof comment.$inferInsert> & { authorId: string }) {
  const [row] = await db()
    .insert(comment)
    .values({
      consultationId: open.id,
      priorityId: open.priorityIds[0]!,
      body: "A comment written for the test.",
      language: "en",
      ...values,
    })
    .returning({ id: comment.id });
  return row!.id;
}

describe("the priority page", () => {
  it("shows the priority, the vote form and the comments section to a visitor", async () => {
    const answer = await page(open, open.priorityIds[0]!);
    expect(answer.status).toBe(200);
    const data = pageData(answer);
    expect(data.priority.title).toEqual({ text: "Priority 1 (approved)", language: "en", isFallback: false });
    expect(data.priority.category).toBe("financing");
    expect(data.voteAbility).toBe("sign-in");
    expect(data.commentAbility).toBe("sign-in");
  });

  it("is not found for another consultation's priority, a pending one, a malformed id, or a draft", async () => {
    const pending = await createPriority(db(), open.id, "pending", 9);
    const draft = await createConsultation(db(), { phase: "draft" }, 1);
    expect((await page(open, other.priorityIds[0]!)).status).toBe(404);
    expect((await page(open, pending)).status).toBe(404);
    expect((await call(loader, { path: "/c/x/p/abc", params: { slug: open.slug, priorityId: "abc" } })).status).toBe(
      404,
    );
    expect((await page(open, 99_999_999_999)).status).toBe(404);
    expect((await page(draft, draft.priorityIds[0]!)).status).toBe(404);
    const before = await commentTables();
    const answer = await postComment(amina, { body: "On a pending priority" }, pending);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ formError: "participation:errors.unknownPriority" });
    expect(await commentTables()).toEqual(before);
  });

  it("votes on its own priority and refuses another one", async () => {
    const priorityId = open.priorityIds[2]!;
    const voted = await post(open, priorityId, kofi, {
      intent: "vote",
      priorityId: String(priorityId),
      value: "agree",
    });
    expect(voted.status).toBe(302);
    expect(voted.headers.get("Location")).toBe(`/c/${open.slug}/p/${priorityId}#vote`);
    const elsewhere = await post(open, priorityId, kofi, {
      intent: "vote",
      priorityId: String(open.priorityIds[1]!),
      value: "agree",
    });
    expect(elsewhere.status).toBe(404);
    const votes = await db().select().from(vote).where(eq(vote.userId, kofi.id));
    expect(votes.map((row) => row.priorityId)).toEqual([priorityId]);
    expect(pageData(await page(open, priorityId, { cookie: kofi.cookie })).priority.ownVote).toBe("agree");
  });
});

describe("posting and replying", () => {
  it("posts a comment with stance and language, shown with the author's display name and safe links", async () => {
    const answer = await postComment(amina, {
      body: "  Pooled buying works.\r\nSee https://example.org/report and <b>this</b>.  ",
      stance: "supports",
      language: "fr",
    });
    const id = createdId(answer);
    expect(answer.headers.get("Location")).toBe(`/c/${open.slug}/p/${open.priorityIds[0]}#comment-${id}`);
    const [row] = await db().select().from(comment).where(eq(comment.id, id));
    expect(row).toMatchObject({
      body: "Pooled buying works.\nSee https://example.org/report and <b>this</b>.",
      stance: "supports",
      language: "fr",
      status: "published",
      depth: 0,
    });
    const shown = flatten(pageData(await page(open, open.priorityIds[0]!)).comments.threads).find((c) => c.id === id);
    expect(shown).toMatchObject({ status: "published", authorName: "Amina W.", stance: "supports", language: "fr" });
    if (shown?.status !== "published") throw new Error("not shown");
    expect(shown.segments).toEqual([
      { text: "Pooled buying works.\nSee " },
      { text: "https://example.org/report", href: "https://example.org/report" },
      { text: " and <b>this</b>." },
    ]);
  });

  it("answers a fetcher with data instead of a redirect", async () => {
    const answer = await postComment(kofi, { body: "Posted from a fetcher.", _fetcher: "1" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, flash: { message: "comments:flash.posted" } });
  });

  it("threads replies two levels deep and refuses a third, changing nothing", async () => {
    const top = createdId(await postComment(amina, { body: "Top-level comment for the thread." }));
    const reply = createdId(await postComment(kofi, { body: "A reply.", parentId: String(top) }));
    const replyToReply = createdId(await postComment(lina, { body: "A reply to the reply.", parentId: String(reply) }));
    const before = await commentTables();
    const tooDeep = await postComment(amina, { body: "Too deep.", parentId: String(replyToReply) });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body).toMatchObject({ formError: "comments:errors.tooDeep", values: { body: "Too deep." } });
    expect(await commentTables()).toEqual(before);

    const data = pageData(await page(open, open.priorityIds[0]!, { cookie: amina.cookie }));
    const thread = data.comments.threads.find((c) => c.id === top)!;
    expect(thread.replies.map((c) => c.id)).toEqual([reply]);
    expect(thread.replies[0]!.replies.map((c) => c.id)).toEqual([replyToReply]);
    const deepest = thread.replies[0]!.replies[0]!;
    expect(deepest.status === "published" && deepest.canReply).toBe(false);
    expect(thread.status === "published" && thread.canReply).toBe(true);
  });

  it("refuses the same text from the same author twice within a minute", async () => {
    const first = await postComment(lina, { body: "Said only once, please." });
    expect(first.status).toBe(302);
    const before = await commentTables();
    const again = await postComment(lina, { body: "Said only once, please." });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ fieldErrors: { body: "comments:errors.duplicate" } });
    expect(await commentTables()).toEqual(before);
  });

  it("lets exactly one of two simultaneous identical posts through", async () => {
    const answers = await Promise.all([
      postComment(kofi, { body: "Double click on a slow network." }),
      postComment(kofi, { body: "Double click on a slow network." }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 409]);
    const rows = await db().select().from(comment).where(eq(comment.body, "Double click on a slow network."));
    expect(rows).toHaveLength(1);
  });

  it("counts a 5,000-character comment by characters, not bytes, and strips invisible control characters", async () => {
    const emoji = "🌍".repeat(5000);
    expect((await postComment(amina, { body: emoji })).status).toBe(302);
    const id = createdId(await postComment(amina, { body: "Null\u0000 byte\u0007 here" }));
    const [row] = await db().select({ body: comment.body }).from(comment).where(eq(comment.id, id));
    expect(row?.body).toBe("Null byte here");
  });
});

describe("editing", () => {
  it("edits within the window, keeping the earlier text as a revision", async () => {
    const id = createdId(await postComment(amina, { body: "First version." }));
    const edited = await postComment(amina, { intent: "edit", commentId: String(id), body: "Second version." });
    expect(edited.status).toBe(302);
    expect(edited.headers.get("Location")).toBe(`/c/${open.slug}/p/${open.priorityIds[0]}#comment-${id}`);
    const [row] = await db().select().from(comment).where(eq(comment.id, id));
    expect(row?.body).toBe("Second version.");
    expect(row?.editedAt).toBeInstanceOf(Date);
    const revisions = await db().select().from(commentRevision).where(eq(commentRevision.commentId, id));
    expect(revisions.map((r) => r.body)).toEqual(["First version."]);
    const shown = flatten(pageData(await page(open, open.priorityIds[0]!)).comments.threads).find((c) => c.id === id);
    expect(shown).toMatchObject({ edited: true });
  });

  it("refuses an edit after the window, by another member, or of another priority's comment", async () => {
    const id = createdId(await postComment(kofi, { body: "Written long ago." }));
    await db()
      .update(comment)
      .set({ createdAt: sql`now() - interval '16 minutes'` })
      .where(eq(comment.id, id));
    const elsewhere = await insertComment({ authorId: kofi.id, priorityId: open.priorityIds[1]! });
    const fresh = createdId(await postComment(kofi, { body: "Written just now." }));
    const before = await commentTables();

    const late = await postComment(kofi, { intent: "edit", commentId: String(id), body: "Too late." });
    expect(late.status).toBe(403);
    expect(late.body).toMatchObject({ formError: "comments:errors.editWindowOver", formErrorValues: { count: 15 } });
    const notTheirs = await postComment(amina, { intent: "edit", commentId: String(fresh), body: "Not mine." });
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.body).toMatchObject({ formError: "comments:errors.notYours" });
    const otherPriority = await postComment(kofi, {
      intent: "edit",
      commentId: String(elsewhere),
      body: "Wrong page.",
    });
    expect(otherPriority.status).toBe(404);
    expect(otherPriority.body).toMatchObject({ formError: "comments:errors.unknownComment" });
    const tooShort = await postComment(kofi, { intent: "edit", commentId: String(fresh), body: "x" });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body).toMatchObject({ fieldErrors: { body: "comments:errors.bodyTooShort" } });
    expect(await commentTables()).toEqual(before);

    const shown = flatten(pageData(await page(open, open.priorityIds[0]!, { cookie: kofi.cookie })).comments.threads);
    expect(shown.find((c) => c.id === id)).toMatchObject({ canEdit: false, canDelete: true });
    expect(shown.find((c) => c.id === fresh)).toMatchObject({ canEdit: true });
  });
});

describe("deleting", () => {
  it("replaces the author's comment by a placeholder that keeps its replies, without its text", async () => {
    const id = createdId(await postComment(lina, { body: "I will take this back." }));
    const reply = createdId(await postComment(amina, { body: "A reply that stays.", parentId: String(id) }));
    const refused = await postComment(amina, { intent: "delete", commentId: String(id) });
    expect(refused.status).toBe(403);
    const deleted = await postComment(lina, { intent: "delete", commentId: String(id) });
    expect(deleted.status).toBe(302);
    const [row] = await db().select().from(comment).where(eq(comment.id, id));
    expect(row?.status).toBe("removed");

    const data = pageData(await page(open, open.priorityIds[0]!));
    const thread = data.comments.threads.find((c) => c.id === id)!;
    expect(thread).toEqual({ status: "removed", id, depth: 0, replies: [expect.objectContaining({ id: reply })] });
    expect(JSON.stringify(data)).not.toContain("I will take this back.");
    const again = await postComment(lina, { intent: "delete", commentId: String(id) });
    expect(again.status).toBe(404);
  });

  it("lets authors take their words back after closing too, as the permissions allow", async () => {
    const closed = await createConsultation(db(), { phase: "closed" }, 1);
    const [row] = await db()
      .insert(comment)
      .values({
        consultationId: closed.id,
        priorityId: closed.priorityIds[0]!,
        authorId: kofi.id,
        body: "Said while it was open.",
        language: "en",
      })
      .returning({ id: comment.id });
    const shown = pageData(await page(closed, closed.priorityIds[0]!, { cookie: kofi.cookie })).comments.threads;
    expect(shown[0]).toMatchObject({ canDelete: true, canEdit: false, canReply: false });
    const deleted = await post(closed, closed.priorityIds[0]!, kofi, { intent: "delete", commentId: String(row!.id) });
    expect(deleted.status).toBe(302);
  });
});

describe("endorsing", () => {
  it("endorses once, keeps the count in step, and refuses a second time and one's own", async () => {
    const id = createdId(await postComment(amina, { body: "Worth endorsing." }));
    const endorsed = await postComment(kofi, { intent: "endorse", commentId: String(id) });
    expect(endorsed.status).toBe(302);
    const before = await commentTables();
    const twice = await postComment(kofi, { intent: "endorse", commentId: String(id) });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ formError: "comments:errors.alreadyEndorsed" });
    const own = await postComment(amina, { intent: "endorse", commentId: String(id) });
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ formError: "comments:errors.ownEndorse" });
    expect(await commentTables()).toEqual(before);

    const [row] = await db().select().from(comment).where(eq(comment.id, id));
    expect(row?.endorsementCount).toBe(1);
    const forKofi = flatten(pageData(await page(open, open.priorityIds[0]!, { cookie: kofi.cookie })).comments.threads);
    // An endorser may take it back: the control stays, as a withdrawal.
    expect(forKofi.find((c) => c.id === id)).toMatchObject({
      endorsementCount: 1,
      endorsedByViewer: true,
      canEndorse: true,
    });
    const forAmina = flatten(
      pageData(await page(open, open.priorityIds[0]!, { cookie: amina.cookie })).comments.threads,
    );
    expect(forAmina.find((c) => c.id === id)).toMatchObject({ isOwn: true, canEndorse: false, canFlag: false });
  });

  it("takes an endorsement back once, the count with it, and may endorse again", async () => {
    const id = createdId(await postComment(amina, { body: "Endorsed, then not." }));
    expect((await postComment(kofi, { intent: "endorse", commentId: String(id) })).status).toBe(302);
    const withdrawn = await postComment(kofi, { intent: "unendorse", commentId: String(id) });
    expect(withdrawn.status).toBe(302);
    const count = async () => (await db().select().from(comment).where(eq(comment.id, id)))[0]?.endorsementCount;
    expect(await count()).toBe(0);
    expect(await db().select().from(commentEndorsement).where(eq(commentEndorsement.commentId, id))).toEqual([]);
    const forKofi = flatten(pageData(await page(open, open.priorityIds[0]!, { cookie: kofi.cookie })).comments.threads);
    expect(forKofi.find((c) => c.id === id)).toMatchObject({ endorsementCount: 0, endorsedByViewer: false });

    const before = await commentTables();
    const again = await postComment(kofi, { intent: "unendorse", commentId: String(id) });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ formError: "comments:errors.notEndorsed" });
    // Someone who never endorsed it cannot take another member's endorsement away.
    expect((await postComment(amina, { intent: "unendorse", commentId: String(id) })).status).toBe(409);
    expect(await commentTables()).toEqual(before);

    expect((await postComment(kofi, { intent: "endorse", commentId: String(id) })).status).toBe(302);
    expect(await count()).toBe(1);
  });
});

describe("flagging", () => {
  it("flags another member's comment once, never one's own, and only on this priority", async () => {
    const id = createdId(await postComment(kofi, { body: "Questionable claim." }));
    const elsewhere = await insertComment({ authorId: kofi.id, priorityId: open.priorityIds[1]! });
    const flagged = await postComment(lina, {
      intent: "flag",
      targetType: "comment",
      targetId: String(id),
      reason: "spam",
    });
    expect(flagged.status).toBe(302);
    expect(flagged.headers.get("Location")).toBe(`/c/${open.slug}/p/${open.priorityIds[0]}#comment-${id}`);
    const before = await commentTables();
    const own = await postComment(kofi, {
      intent: "flag",
      targetType: "comment",
      targetId: String(id),
      reason: "spam",
    });
    expect(own.status).toBe(403);
    const wrongPage = await postComment(lina, {
      intent: "flag",
      targetType: "comment",
      targetId: String(elsewhere),
      reason: "spam",
    });
    expect(wrongPage.status).toBe(404);
    expect(wrongPage.body).toMatchObject({ formError: "participation:errors.unknownItem" });
    const visitor = await post(open, open.priorityIds[0]!, null, {
      intent: "flag",
      targetType: "comment",
      targetId: String(id),
      reason: "spam",
    });
    expect(visitor.status).toBe(401);
    expect(await commentTables()).toEqual(before);
    const forLina = flatten(pageData(await page(open, open.priorityIds[0]!, { cookie: lina.cookie })).comments.threads);
    expect(forLina.find((c) => c.id === id)).toMatchObject({ flaggedByViewer: true, canFlag: false });
  });
});

describe("moderation visibility", () => {
  it("in a pre-moderated consultation shows a new comment to its author only, awaiting moderation", async () => {
    const pre = await createConsultation(db(), { moderationMode: "pre" }, 1);
    const priorityId = pre.priorityIds[0]!;
    const answer = await post(pre, priorityId, amina, { intent: "comment", language: "en", body: "Held for review." });
    const id = createdId(answer);
    const [row] = await db().select().from(comment).where(eq(comment.id, id));
    expect(row?.status).toBe("pending");

    const forAuthor = pageData(await page(pre, priorityId, { cookie: amina.cookie }));
    expect(forAuthor.comments.threads).toEqual([expect.objectContaining({ id, status: "pending", isOwn: true })]);
    expect(forAuthor.comments.totalComments).toBe(1);
    for (const reader of [kofi.cookie, undefined]) {
      const data = pageData(await page(pre, priorityId, { cookie: reader }));
      expect(data.comments.threads).toEqual([]);
      expect(data.comments.totalComments).toBe(0);
      expect(JSON.stringify(data)).not.toContain("Held for review.");
    }
    const reply = await post(pre, priorityId, kofi, {
      intent: "comment",
      language: "en",
      body: "Replying to what I cannot see.",
      parentId: String(id),
    });
    expect(reply.status).toBe(404);
  });

  it("never sends a hidden comment, nor counts it, even to its author", async () => {
    const fixture = await createConsultation(db(), {}, 1);
    const priorityId = fixture.priorityIds[0]!;
    const shown = createdId(
      await post(fixture, priorityId, kofi, { intent: "comment", language: "en", body: "Stays." }),
    );
    const hidden = createdId(
      await post(fixture, priorityId, kofi, { intent: "comment", language: "en", body: "Hidden by a moderator." }),
    );
    await db().update(comment).set({ status: "hidden" }).where(eq(comment.id, hidden));
    for (const reader of [kofi.cookie, amina.cookie, undefined]) {
      const data = pageData(await page(fixture, priorityId, { cookie: reader }));
      expect(flatten(data.comments.threads).map((c) => c.id)).toEqual([shown]);
      expect(data.comments.totalComments).toBe(1);
      expect(JSON.stringify(data)).not.toContain("Hidden by a moderator.");
    }
    const endorse = await post(fixture, priorityId, amina, { intent: "endorse", commentId: String(hidden) });
    expect(endorse.status).toBe(404);
  });
});

describe("sorting, filters and pages", () => {
  let fixture: Fixture;
  let priorityId: number;
  const ids: number[] = [];

  beforeAll(async () => {
    fixture = await createConsultation(db(), {}, 1);
    priorityId = fixture.priorityIds[0]!;
    const languages = ["en", "fr", "sw"] as const;
    const stances = [null, "supports", "concerns", "question"] as const;
    for (let n = 0; n < 25; n++) {
      const [row] = await db()
        .insert(comment)
        .values({
          consultationId: fixture.id,
          priorityId,
          authorId: [amina, kofi, lina][n % 3]!.id,
          body: `Comment number ${n}`,
          language: languages[n % 3]!,
          stance: stances[n % 4]!,
          endorsementCount: (n * 7) % 11,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)),
        })
        .returning({ id: comment.id });
      ids.push(row!.id);
    }
    await db().insert(comment).values({
      consultationId: fixture.id,
      priorityId,
      parentId: ids[0]!,
      depth: 1,
      authorId: kofi.id,
      body: "A reply, not a thread",
      language: "sw",
    });
  });

  const list = (search: string) => page(fixture, priorityId, { search }).then((a) => pageData(a).comments);
  const bodies = (threads: readonly CommentView[]) => threads.map(textOf);

  it("pages 20 threads at a time, newest first, with replies under their parent", async () => {
    const first = await list("");
    expect(first.totalComments).toBe(26);
    expect(first.pageCount).toBe(2);
    expect(first.threads).toHaveLength(20);
    expect(textOf(first.threads[0]!)).toBe("Comment number 24");
    const second = await list("?page=2");
    expect(bodies(second.threads)).toEqual([4, 3, 2, 1, 0].map((n) => `Comment number ${n}`));
    expect(second.threads.at(-1)!.replies.map(textOf)).toEqual(["A reply, not a thread"]);
    const beyond = pageData(await page(fixture, priorityId, { search: "?page=99" }));
    expect(beyond.query.page).toBe(2);
    const nonsense = pageData(await page(fixture, priorityId, { search: "?page=-3&sort=loudest&language=xx" }));
    expect(nonsense.query).toEqual({ sort: "newest", page: 1 });
  });

  it("sorts oldest first and most endorsed first", async () => {
    expect(textOf((await list("?sort=oldest")).threads[0]!)).toBe("Comment number 0");
    const endorsed = (await list("?sort=endorsed")).threads;
    const counts = endorsed.map((c) => (c.status === "removed" ? -1 : c.endorsementCount));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBe(10);
  });

  it("filters threads by language and by stance, and says when nothing matches", async () => {
    const swahili = await list("?language=sw");
    expect(swahili.threads.every((c) => c.status !== "removed" && c.language === "sw")).toBe(true);
    expect(swahili.threads).toHaveLength(8);
    expect(swahili.pageCount).toBe(1);
    const questions = await list("?stance=question&sort=oldest");
    expect(bodies(questions.threads)).toEqual([3, 7, 11, 15, 19, 23].map((n) => `Comment number ${n}`));
    const none = await list("?language=zh");
    expect(none.threads).toEqual([]);
    expect(none.totalComments).toBe(26);
  });
});

describe("bad input", () => {
  it.each([
    ["an empty body", { body: "   " }, 400, { fieldErrors: { body: "comments:errors.bodyRequired" } }],
    ["a missing body", {}, 400, { fieldErrors: { body: "comments:errors.bodyRequired" } }],
    ["one character", { body: "x" }, 400, { fieldErrors: { body: "comments:errors.bodyTooShort" } }],
    ["5,001 characters", { body: "a".repeat(5001) }, 400, { fieldErrors: { body: "comments:errors.bodyTooLong" } }],
    [
      "an unknown stance",
      { body: "Fine text.", stance: "furious" },
      400,
      { fieldErrors: { stance: "comments:errors.stance" } },
    ],
    [
      "an unknown language",
      { body: "Fine text.", language: "de" },
      400,
      { fieldErrors: { language: "comments:errors.language" } },
    ],
    [
      "an unknown parent",
      { body: "Fine text.", parentId: "999999" },
      404,
      { formError: "comments:errors.unknownComment" },
    ],
    [
      "a malformed parent",
      { body: "Fine text.", parentId: "abc" },
      404,
      { formError: "comments:errors.unknownComment" },
    ],
    [
      "an out-of-range parent",
      { body: "Fine text.", parentId: "99999999999" },
      404,
      { formError: "comments:errors.unknownComment" },
    ],
    [
      "an unknown intent",
      { intent: "shout", body: "Fine text." },
      400,
      { formError: "participation:errors.unknownAction" },
    ],
  ])("refuses %s with a translated 4xx and changes nothing", async (_case, fields, status, expected) => {
    const before = await commentTables();
    const answer = await postComment(amina, { body: "", ...fields } as Record<string, string>);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject(expected);
    expect(await commentTables()).toEqual(before);
  });

  it("refuses ids of other priorities and consultations for every intent", async () => {
    const otherConsultation = await db()
      .insert(comment)
      .values({
        consultationId: other.id,
        priorityId: other.priorityIds[0]!,
        authorId: kofi.id,
        body: "Elsewhere.",
        language: "en",
      })
      .returning({ id: comment.id });
    const foreign = String(otherConsultation[0]!.id);
    const otherPriority = String(await insertComment({ authorId: kofi.id, priorityId: open.priorityIds[1]! }));
    const before = await commentTables();
    for (const commentId of [foreign, otherPriority]) {
      const answers = await Promise.all([
        postComment(amina, { body: "Replying across pages.", parentId: commentId }),
        postComment(kofi, { intent: "edit", commentId, body: "Editing across pages." }),
        postComment(kofi, { intent: "delete", commentId }),
        postComment(amina, { intent: "endorse", commentId }),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBe(404);
        expect(answer.body).toMatchObject({ formError: "comments:errors.unknownComment" });
      }
    }
    expect(await commentTables()).toEqual(before);
  });

  it("refuses visitors, closed consultations and suspended members", async () => {
    const closed = await createConsultation(db(), { phase: "closed" }, 1);
    const suspendedIn = await createConsultation(db(), {}, 1);
    await db().insert(suspension).values({ userId: lina.id, consultationId: suspendedIn.id, reason: "Spam links" });
    const before = await commentTables();
    const fields = { intent: "comment", language: "en", body: "Let me in." };
    const visitor = await post(open, open.priorityIds[0]!, null, fields);
    expect(visitor.status).toBe(401);
    expect(visitor.body).toMatchObject({ formError: "participation:refusal.signIn" });
    const late = await post(closed, closed.priorityIds[0]!, amina, fields);
    expect(late.status).toBe(403);
    expect(late.body).toMatchObject({ formError: "participation:refusal.notOpen" });
    const suspended = await post(suspendedIn, suspendedIn.priorityIds[0]!, lina, fields);
    expect(suspended.status).toBe(403);
    expect(suspended.body).toMatchObject({
      formError: "participation:refusal.suspended",
      formErrorValues: { reason: "Spam links" },
    });
    expect(await commentTables()).toEqual(before);
    const closedPage = pageData(await page(closed, closed.priorityIds[0]!, { cookie: amina.cookie }));
    expect(closedPage.commentAbility).toBe("not-open");
    const suspendedPage = pageData(await page(suspendedIn, suspendedIn.priorityIds[0]!, { cookie: lina.cookie }));
    expect(suspendedPage.commentAbility).toBe("suspended");
  });

  it("rate-limits posting: a translated 429 with when to try again", async () => {
    const fixture = await createConsultation(db(), {}, 1);
    const priorityId = fixture.priorityIds[0]!;
    for (let n = 0; n < 10; n++) {
      const answer = await post(fixture, priorityId, kofi, { intent: "comment", language: "en", body: `Message ${n}` });
      expect(answer.status).toBe(302);
    }
    const before = await commentTables();
    const limited = await post(fixture, priorityId, kofi, { intent: "comment", language: "en", body: "One too many" });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ formError: "participation:errors.rateLimited" });
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await commentTables()).toEqual(before);
  });
});
