/**
 * "Download my data" (issue 14 item 5): the demo member, with a vote, a ballot, a comment edited once,
 * a flag on someone else's comment and a notification, asks for their data; the job builds one zip
 * whose JSON and page (in the member's language) hold all of it and nothing of the other member's;
 * the link is mailed in that language; only the member can download it (404 for anyone else, staff
 * included); after 7 days the file is deleted and the link says it has expired.
 */
import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { consultation, dataExport, notification, outboxMail, priority, user, userRole } from "~db/schema";
import {
  DATA_EXPORT_LIFETIME_MS,
  dataExportFiles,
  processDataExports,
  readDataExport,
  requestDataExport,
} from "~/accounts/data-export.server";
import type { MemberData } from "~/accounts/member-data.server";
import { saveBallot } from "~/participation/ballot.server";
import { editComment, postComment } from "~/participation/comments.server";
import { flagContent } from "~/participation/flags.server";
import { castVote } from "~/participation/votes.server";
import { seedDemo } from "~db/seed/demo";
import { action, loader } from "~/routes/_member+/profile_.data";
import { loader as download } from "~/routes/_member+/profile_.data_.$exportId";
import { call, signInMember, signUpMember } from "../support/actions";
import { setupTestDatabase } from "../support/database";
import { demoPassword } from "../support/demo-passwords";
import { text } from "../support/locales";
import { markSecondFactorEnrolled } from "../support/second-factor";
import { escapeHtml } from "../support/render";

const db = setupTestDatabase();

const memberEmail = "member@demo.baraza.africa";
const firstText = "DATA-EXPORT first text of the comment by the member";
const editedText = "DATA-EXPORT edited text of the comment by the member";
const otherText = "DATA-EXPORT comment by another member that must stay theirs";
const flagNote = "DATA-EXPORT note on a flag by the member";

let consultationId: number;
let memberId: string;
let memberCookie: string;
let other: { cookie: string; email: string; userId: string };
let staff: { cookie: string; email: string; userId: string };
let votedPriority: { id: number; title: string };

async function unzip(body: Uint8Array | Buffer) {
  const zip = await JSZip.loadAsync(body);
  const json = JSON.parse(await zip.file(dataExportFiles.json)!.async("string")) as MemberData;
  const html = await zip.file(dataExportFiles.html)!.async("string");
  return { names: Object.keys(zip.files).sort(), json, html };
}

beforeAll(async () => {
  ({ consultationId } = await seedDemo(db()));
  const [member] = await db().select({ id: user.id }).from(user).where(eq(user.email, memberEmail));
  memberId = member!.id;
  memberCookie = await signInMember(memberEmail, demoPassword(memberEmail));
  other = await signUpMember("Other Member Who Stays Private");
  staff = await signUpMember("Staff Admin");
  await db().insert(userRole).values({ userId: staff.userId, role: "admin" });
  await markSecondFactorEnrolled(db(), staff.userId);

  const [row] = await db().select().from(consultation).where(eq(consultation.id, consultationId));
  const priorities = await db()
    .select({ id: priority.id, title: priority.title })
    .from(priority)
    .where(and(eq(priority.consultationId, consultationId), eq(priority.status, "approved")))
    .orderBy(priority.id)
    .limit(2);
  const [first, second] = priorities;
  votedPriority = { id: first!.id, title: first!.title.fr ?? first!.title.en ?? "" };

  expect(await castVote(db(), { consultationId, priorityId: first!.id, userId: memberId, value: "disagree" })).toEqual({
    ok: true,
  });
  expect(
    await saveBallot(db(), {
      consultationId,
      userId: memberId,
      budget: row!.ballotBudget ?? 10,
      allocations: [{ priorityId: second!.id, points: 3 }],
    }),
  ).toEqual({ ok: true });
  const posted = await postComment(db(), {
    consultationId,
    priorityId: first!.id,
    authorId: memberId,
    body: firstText,
    language: "en",
    stance: "concerns",
    parentId: null,
    status: "published",
  });
  if (!posted.ok) throw new Error(`comment refused: ${posted.reason}`);
  expect(
    await editComment(db(), {
      consultationId,
      priorityId: first!.id,
      commentId: posted.id,
      authorId: memberId,
      body: editedText,
    }),
  ).toEqual({
    ok: true,
    awaitingReview: false,
  });
  const othersComment = await postComment(db(), {
    consultationId,
    priorityId: second!.id,
    authorId: other.userId,
    body: otherText,
    language: "en",
    stance: null,
    parentId: null,
    status: "published",
  });
  if (!othersComment.ok) throw new Error(`comment refused: ${othersComment.reason}`);
  const flagged = await flagContent(db(), {
    consultationId,
    reporterId: memberId,
    targetType: "comment",
    targetId: othersComment.id,
    reason: "off-topic",
    note: flagNote,
  });
  expect(flagged.ok).toBe(true);
  await db()
    .insert(notification)
    .values({
      userId: memberId,
      kind: "summary-published",
      eventKey: "data-export-test:1",
      consultationId,
      payload: { summaryId: 1 },
    });
  await db()
    .insert(notification)
    .values({
      userId: other.userId,
      kind: "response-published",
      eventKey: "data-export-test:other",
      consultationId,
      payload: { marker: "DATA-EXPORT notification of another member" },
    });
});

describe("download my data", () => {
  let exportId: number;

  it("is asked for on the profile's data page, without JavaScript: a post queues it for the job", async () => {
    const page = await call(loader, { path: "/profile/data", params: {}, cookie: memberCookie });
    expect(page.status).toBe(200);
    expect((page.body as { current: unknown }).current).toBeNull();

    const asked = await call(action, { path: "/profile/data?lng=fr", params: {}, fields: {}, cookie: memberCookie });
    expect(asked.status).toBe(302);
    expect(asked.headers.get("location")).toBe("/profile/data");
    // Asking again while it waits joins the same export.
    await call(action, { path: "/profile/data?lng=fr", params: {}, fields: {}, cookie: memberCookie });
    const rows = await db().select().from(dataExport).where(eq(dataExport.userId, memberId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "queued", locale: "fr", zip: null });
    exportId = rows[0]!.id;

    const waiting = await call(loader, { path: "/profile/data", params: {}, cookie: memberCookie });
    expect((waiting.body as { current: { status: string } }).current.status).toBe("queued");
    // The link answers "not yet" with the page, not a file.
    const early = await call(download, {
      path: `/profile/data/${exportId}`,
      params: { exportId: String(exportId) },
      cookie: memberCookie,
    });
    expect(early.status).toBe(303);
    expect(early.headers.get("location")).toBe("/profile/data");
  });

  it("is built by the job into one zip holding every item, and mailed in the member's language", async () => {
    expect(await processDataExports(db())).toBe(1);
    const [row] = await db().select().from(dataExport).where(eq(dataExport.id, exportId));
    expect(row!.status).toBe("done");
    expect(row!.expiresAt!.getTime() - row!.finishedAt!.getTime()).toBe(DATA_EXPORT_LIFETIME_MS);

    const [mail] = await db()
      .select()
      .from(outboxMail)
      .where(eq(outboxMail.dedupeKey, `data-export:${exportId}`));
    expect(mail!.toAddress).toBe(memberEmail);
    expect(mail!.subject).toBe(text("fr", "mydata", "mail.subject"));
    expect(mail!.textBody).toContain(`/profile/data/${exportId}`);

    const page = await call(loader, { path: "/profile/data", params: {}, cookie: memberCookie });
    expect((page.body as { current: { status: string; href: string } }).current).toMatchObject({
      status: "done",
      href: `/profile/data/${exportId}`,
    });

    const answer = await call(download, {
      path: `/profile/data/${exportId}`,
      params: { exportId: String(exportId) },
      cookie: memberCookie,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/zip");
    const zip = await unzip(row!.zip!);
    expect(zip.names).toEqual([dataExportFiles.html, dataExportFiles.json].sort());
    const { json, html } = zip;

    expect(json.account).toMatchObject({ id: memberId, email: memberEmail });
    expect(json.consents.map((consent) => consent.name)).toEqual(["statistics", "notifyByEmail", "notifyInApp"]);
    expect(json.votes).toContainEqual(
      expect.objectContaining({ priority: { id: votedPriority.id, title: votedPriority.title }, value: "disagree" }),
    );
    expect(json.ballot.some((line) => line.points === 3)).toBe(true);
    const comment = json.comments.find((c) => c.body === editedText);
    expect(comment?.revisions).toEqual([{ body: firstText, replacedAt: expect.any(String) }]);
    expect(comment?.editedAt).not.toBeNull();
    expect(json.flags).toContainEqual(
      expect.objectContaining({ reason: "off-topic", note: flagNote, targetType: "comment" }),
    );
    expect(json.notifications).toContainEqual(expect.objectContaining({ kind: "summary-published" }));
    expect(json.sessions.length).toBeGreaterThan(0);

    // The page, in French, says the same.
    expect(html).toContain('<html lang="fr" dir="ltr">');
    expect(html).toContain(text("fr", "mydata", "file.title"));
    expect(html).toContain(text("fr", "mydata", "file.sections.sessions"));
    for (const mine of [editedText, firstText, flagNote, escapeHtml(votedPriority.title)]) {
      expect(html).toContain(mine);
    }

    // Nothing of the other member: not their comment (only its number), name, address or notification.
    for (const body of [JSON.stringify(json), html]) {
      for (const theirs of [
        otherText,
        other.email,
        "Other Member Who Stays Private",
        other.userId,
        "DATA-EXPORT notification of another member",
      ]) {
        expect(body).not.toContain(theirs);
      }
    }
  });

  it("is the member's only: 404 for any other member and for staff, sign-in for a visitor", async () => {
    const path = `/profile/data/${exportId}`;
    const params = { exportId: String(exportId) };
    for (const cookie of [other.cookie, staff.cookie]) {
      expect((await call(download, { path, params, cookie })).status).toBe(404);
    }
    const visitor = await call(download, { path, params });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("location")).toBe(`/sign-in?redirectTo=${encodeURIComponent(path)}`);
    // An id that exists for nobody answers the same 404.
    for (const id of ["999999", "abc", "0"]) {
      expect(
        (await call(download, { path: `/profile/data/${id}`, params: { exportId: id }, cookie: memberCookie })).status,
      ).toBe(404);
    }
    // And nobody else's page shows it.
    const theirPage = await call(loader, { path: "/profile/data", params: {}, cookie: staff.cookie });
    expect((theirPage.body as { current: unknown }).current).toBeNull();
  });

  it("expires after 7 days: the file is deleted and the link answers the 'expired' page", async () => {
    const [row] = await db().select().from(dataExport).where(eq(dataExport.id, exportId));
    const justBefore = new Date(row!.expiresAt!.getTime() - 60_000);
    const justAfter = new Date(row!.expiresAt!.getTime() + 60_000);
    expect((await readDataExport(db(), { exportId, userId: memberId }, justBefore)).kind).toBe("ready");
    // Past its date it is refused at once, before the worker has deleted it.
    expect((await readDataExport(db(), { exportId, userId: memberId }, justAfter)).kind).toBe("expired");

    expect(await processDataExports(db(), undefined, () => justBefore)).toBe(0);
    expect(await processDataExports(db(), undefined, () => justAfter)).toBe(1);
    const [expired] = await db().select().from(dataExport).where(eq(dataExport.id, exportId));
    expect(expired).toMatchObject({ status: "expired", zip: null });

    const answer = await call(download, {
      path: `/profile/data/${exportId}`,
      params: { exportId: String(exportId) },
      cookie: memberCookie,
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("/profile/data?expired=1");
    const page = await call(loader, { path: "/profile/data?expired=1", params: {}, cookie: memberCookie });
    expect(page.status).toBe(410);
    expect(page.body).toMatchObject({ expiredLink: true, current: { status: "expired" } });
    // Still nobody else's business.
    expect(
      (
        await call(download, {
          path: `/profile/data/${exportId}`,
          params: { exportId: String(exportId) },
          cookie: other.cookie,
        })
      ).status,
    ).toBe(404);
  });

  it("keeps only the newest file of a member, and one export in progress at a time", async () => {
    const first = await requestDataExport(db(), { userId: other.userId, locale: "en" });
    const again = await requestDataExport(db(), { userId: other.userId, locale: "en" });
    expect(again.id).toBe(first.id);
    await processDataExports(db());
    const second = await requestDataExport(db(), { userId: other.userId, locale: "ar" });
    expect(second.id).not.toBe(first.id);
    await processDataExports(db());
    expect((await readDataExport(db(), { exportId: first.id, userId: other.userId })).kind).toBe("expired");
    const newest = await readDataExport(db(), { exportId: second.id, userId: other.userId });
    if (newest.kind !== "ready") throw new Error(`expected the newest export to be ready, got ${newest.kind}`);
    const { html, json } = await unzip(newest.zip);
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain(text("ar", "mydata", "file.title"));
    // The other member's export holds their comment, and not the member's flag note on it.
    expect(json.comments.map((c) => c.body)).toEqual([otherText]);
    expect(JSON.stringify(json)).not.toContain(flagNote);
    expect(JSON.stringify(json)).not.toContain(memberEmail);
  });
});
