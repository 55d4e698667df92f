/**
 * "Delete my account" (issue 14 item 6, docs/decisions/0020-account-erasure.md): a member asks,
 * confirming with their password; for 14 days nothing is erased and they can cancel; then the
 * erasure job erases them for good. Afterwards their e-mail, name and words are nowhere in the
 * database (the backup dump, grepped whole), the exports, the report or the API, the results no
 * longer count their votes and ballot points, and the moderation record keeps the decision but not
 * the person. With "keep my comments" the comments stay, shown as a former participant.
 */
import { createRemixStub } from "@remix-run/testing";
import { and, eq, sql } from "drizzle-orm";
import { createElement } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import {
  accountErasure,
  ballotAllocation,
  comment,
  commentEndorsement,
  consultation,
  flag,
  institution,
  moderationAction,
  notification,
  opinionGroupsResult,
  priority,
  profile,
  reportBuild,
  user,
  userRole,
  vote,
} from "~db/schema";
import { dumpDatabase } from "~db/dump";
import { ERASURE_GRACE_DAYS, pendingErasure, runDueErasures } from "~/accounts/erasure.server";
import { signIn } from "~/accounts/accounts.server";
import { createApiToken } from "~/api/tokens.server";
import { queryRows } from "~/platform/db.server";
import { CommentList } from "~/components/comment-thread";
import { backgroundJobs } from "~/platform/jobs/jobs.server";
import { jobNames } from "~/platform/jobs/names";
import { getEnv } from "~/platform/env.server";
import { recomputeOpinionGroups } from "~/opinion/opinion-groups.server";
import { listComments, presentComments } from "~/participation/comments.server";
import { visitor } from "~/platform/permissions.server";
import { consumeRateLimit } from "~/platform/rate-limit.server";
import { renderReportDocument } from "~/reports/report-document.server";
import { buildConsultationReport } from "~/reports/report.server";
import { loader as resultsLoader } from "~/routes/api+/v1+/consultations_.$slug_.results";
import { loader as fileLoader } from "~/routes/c+/$slug+/_institution+/export_.$file";
import { action as deleteAction, loader as deleteLoader } from "~/routes/_member+/profile_.delete";
import { loader as profileLoader } from "~/routes/_member+/profile";
import { call, lastMailTo, MEMBER_PASSWORD, signUpMember } from "../support/actions";
import { createConsultation, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { expectConsoleError } from "../support/fail-on-console-error";
import { text } from "../support/locales";
import { renderInLanguage } from "../support/render";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();
const DAY_MS = 24 * 60 * 60 * 1000;

let site: { id: number; slug: string; priorityIds: number[] };
let others: string[];
let admin: { cookie: string; userId: string };
let apiToken: string;

beforeAll(async () => {
  const [owner] = await db()
    .insert(institution)
    .values({ slug: `erasure-${process.pid}`, name: { en: "Ministry" } })
    .returning({ id: institution.id });
  site = await createConsultation(db(), { ballotBudget: 10, owningInstitutionId: owner!.id }, 2);
  others = await createUsers(db(), 8);
  await db()
    .insert(vote)
    .values(
      others.map((userId) => ({
        consultationId: site.id,
        priorityId: site.priorityIds[0]!,
        userId,
        value: "agree" as const,
      })),
    );
  await db()
    .insert(ballotAllocation)
    .values(others.map((userId) => ({ consultationId: site.id, priorityId: site.priorityIds[1]!, userId, points: 3 })));
  admin = await signUpMember("Erasure admin");
  await db().insert(userRole).values({ userId: admin.userId, role: "admin" });
  await markSecondFactorEnrolled(db(), admin.userId);
  apiToken = (await createApiToken(db(), { institutionId: owner!.id, name: "Warehouse", createdById: admin.userId }))
    .token;
});

function deletePage(member: { cookie: string }, fields?: Record<string, string>) {
  return call(fields ? deleteAction : deleteLoader, {
    path: "/profile/delete",
    params: {},
    fields,
    cookie: member.cookie,
  });
}

/** A member who took part in every way there is, with words that can be looked for. */
async function participant(tag: string) {
  const name = `Zebediah ${tag} Quillfeather`;
  const member = await signUpMember(name);
  const displayName = `Zeb ${tag} Display`;
  const words = {
    thread: `Thread text ${tag} about cold chains`,
    answered: `Answered text ${tag} that others replied to`,
    own: `Own reply ${tag} under my own comment`,
    revised: `Earlier text ${tag} before an edit`,
  };
  await db()
    .update(profile)
    .set({ displayName, country: "KE", statsConsent: true, ageBand: "25-34" })
    .where(eq(profile.userId, member.userId));
  await db()
    .insert(vote)
    .values({ consultationId: site.id, priorityId: site.priorityIds[0]!, userId: member.userId, value: "agree" });
  await db()
    .insert(ballotAllocation)
    .values({ consultationId: site.id, priorityId: site.priorityIds[1]!, userId: member.userId, points: 7 });
  const insertComment = async (body: string, authorId: string | null, parentId: number | null = null) => {
    const [row] = await db()
      .insert(comment)
      .values({
        consultationId: site.id,
        priorityId: site.priorityIds[0]!,
        parentId,
        depth: parentId === null ? 0 : 1,
        authorId,
        body,
        language: "en",
        status: "published",
      })
      .returning({ id: comment.id });
    return row!.id;
  };
  const thread = await insertComment(words.thread, member.userId);
  await db().execute(sql`insert into comment_revision (comment_id, body) values (${thread}, ${words.revised})`);
  const answered = await insertComment(words.answered, member.userId);
  const reply = await insertComment(`A reply by someone else ${tag}`, others[0]!, answered);
  await insertComment(words.own, member.userId, thread);
  // Their endorsement of someone else's comment, their flag on it, a proposal of theirs.
  const othersComment = await insertComment(`Someone else's comment ${tag}`, others[1]!);
  await db().insert(commentEndorsement).values({ commentId: othersComment, userId: member.userId });
  await db().update(comment).set({ endorsementCount: 1 }).where(eq(comment.id, othersComment));
  await db()
    .insert(flag)
    .values({
      consultationId: site.id,
      targetType: "comment",
      targetId: othersComment,
      reporterId: member.userId,
      reason: "other",
      note: `Flag note by ${name}`,
    });
  await db()
    .insert(priority)
    .values({
      consultationId: site.id,
      title: { en: `Proposal title ${tag}` },
      body: { en: `Proposal body ${tag}` },
      category: "financing",
      status: "pending",
      proposedById: member.userId,
      proposalLanguage: "en",
    });
  // Decisions about them: a suspension with a moderator's note naming them, a redaction keeping their text.
  await db()
    .insert(moderationAction)
    .values([
      {
        consultationId: site.id,
        targetType: "user",
        targetId: member.userId,
        action: "suspend",
        reason: "abusive",
        note: `Suspended ${name} <${member.email}>`,
        actorId: admin.userId,
        details: { days: 1 },
      },
      {
        consultationId: site.id,
        targetType: "comment",
        targetId: String(thread),
        action: "redact",
        reason: "personal-data",
        actorId: admin.userId,
        details: { original: `${words.thread} and my number, ${name}` },
      },
    ]);
  await db()
    .insert(notification)
    .values({ userId: member.userId, kind: "summary-published", eventKey: `e-${tag}`, consultationId: site.id });
  await consumeRateLimit(db(), [
    ["accountMailPerEmail", member.email],
    ["commentPerMember", member.userId],
  ]);
  return { ...member, name, displayName, words, ids: { thread, answered, reply, othersComment } };
}

async function databaseDump(): Promise<string> {
  const lines: string[] = [];
  await dumpDatabase(db(), async (line) => {
    lines.push(line);
  });
  return lines.join("\n");
}

async function download(file: string): Promise<string> {
  const request = new Request(`http://localhost/c/${site.slug}/export/${file}`, { headers: { cookie: admin.cookie } });
  const response = (await fileLoader({ request, params: { slug: site.slug, file }, context: {} })) as Response;
  expect(response.status, file).toBe(200);
  return Buffer.from(await response.arrayBuffer()).toString("utf8");
}

async function results() {
  const request = new Request(`http://localhost/api/v1/consultations/${site.slug}/results`, {
    headers: { authorization: `Bearer ${apiToken}` },
  });
  const response = (await resultsLoader({ request, params: { slug: site.slug }, context: {} })) as Response;
  expect(response.status).toBe(200);
  const text = await response.text();
  const body = JSON.parse(text) as {
    data: { priorityId: number; votes: { agree: number | null }; ballotPoints: number }[];
  };
  return { text, byPriority: new Map(body.data.map((row) => [row.priorityId, row])) };
}

async function reportHtml() {
  const [row] = await db().select().from(consultation).where(eq(consultation.id, site.id));
  const report = await buildConsultationReport(db(), row!, "en", 5);
  return { report, html: await renderReportDocument(report, "en") };
}

describe("deleting one's account", () => {
  it("asks for the password, gives 14 days with the way to cancel (page, profile, e-mail), and cancels", async () => {
    const member = await signUpMember("Grace Period Person");
    const before = await deletePage(member);
    expect(before.status).toBe(200);
    expect((before.body as { pending: unknown }).pending).toBeNull();

    const wrong = await deletePage(member, { intent: "request", mode: "erase-all", password: "not my password" });
    expect(wrong.status).toBe(401);
    expect((wrong.body as { fieldErrors: Record<string, string> }).fieldErrors.password).toBe(
      "security:errors.wrongPassword",
    );
    const noMode = await deletePage(member, { intent: "request", password: MEMBER_PASSWORD });
    expect(noMode.status).toBe(400);
    expect(await pendingErasure(db(), member.userId)).toBeNull();

    const asked = await deletePage(member, { intent: "request", mode: "erase-all", password: MEMBER_PASSWORD });
    expect(asked.status).toBe(302);
    const pending = await pendingErasure(db(), member.userId);
    expect(pending?.mode).toBe("erase-all");
    expect(pending!.dueAt.getTime() - pending!.requestedAt.getTime()).toBe(ERASURE_GRACE_DAYS * DAY_MS);
    const mail = await lastMailTo(member.email);
    expect(mail?.textBody).toContain("/profile/delete");
    expect((await deletePage(member)).body).toMatchObject({ pending: { mode: "erase-all" } });
    const profilePage = await call(profileLoader, { path: "/profile", params: {}, cookie: member.cookie });
    expect((profilePage.body as { erasureDueOn: string | null }).erasureDueOn).not.toBeNull();

    // During the grace period the account works as before: the member signs in again.
    const again = await signIn(new Request("http://localhost/sign-in", { method: "POST" }), {
      email: member.email,
      password: MEMBER_PASSWORD,
      address: "10.7.0.1",
    });
    expect(again.ok).toBe(true);
    // The job leaves it alone until the date.
    expect(await runDueErasures(db(), { now: new Date(pending!.dueAt.getTime() - 60_000) })).toBe(0);

    const cancelled = await deletePage(member, { intent: "cancel" });
    expect(cancelled.status).toBe(302);
    expect(await pendingErasure(db(), member.userId)).toBeNull();
    expect(await runDueErasures(db(), { now: new Date(Date.now() + 30 * DAY_MS) })).toBe(0);
    const [still] = await db().select({ id: user.id }).from(user).where(eq(user.id, member.userId));
    expect(still?.id).toBe(member.userId);
  });

  it("erases everything the member wrote once the grace period is over, through the job", async () => {
    const member = await participant("Alpha");
    await recomputeOpinionGroups(db(), site.id, { force: true });
    const before = await results();
    expect(before.byPriority.get(site.priorityIds[0]!)?.votes.agree).toBe(9);
    expect(before.byPriority.get(site.priorityIds[1]!)?.ballotPoints).toBe(8 * 3 + 7);
    const participantsBefore = (await reportHtml()).report.figures.participants;
    const decisionsBefore = await db().select().from(moderationAction);
    // Looked for afterwards: the member's address, name, display name, id and every text of theirs.
    const traces = [member.email, member.name, member.displayName, member.userId, ...Object.values(member.words)];
    expect(await databaseDump()).toContain(member.words.revised);

    // A PDF of the report built while the member counted (its bytes stand in for their words).
    const [pdf] = await db()
      .insert(reportBuild)
      .values({ consultationId: site.id, locale: "en", status: "done", pdf: Buffer.from(member.words.thread) })
      .returning({ id: reportBuild.id });
    expect((await deletePage(member, { intent: "request", mode: "erase-all", password: MEMBER_PASSWORD })).status).toBe(
      302,
    );
    const [due] = await db().select().from(accountErasure).where(eq(accountErasure.userId, member.userId));
    // The job's round as the runner runs it, with a clock past the grace period.
    const job = backgroundJobs(db(), getEnv()).find((j) => j.name === jobNames.accountErasures);
    expect(job).toBeDefined();
    expect(await runDueErasures(db(), { now: new Date(due!.dueAt.getTime() + 1000) })).toBe(1);
    expect(await job!.run(new AbortController().signal)).toBe(0);

    const dump = await databaseDump();
    for (const trace of traces) expect(dump, trace).not.toContain(trace);
    // No stored PDF built before the erasure is left to serve: the next one is built without them.
    expect(await db().select({ id: reportBuild.id }).from(reportBuild).where(eq(reportBuild.id, pdf!.id))).toEqual([]);
    for (const file of ["all.json", "comments.csv", "participants.csv", "votes.csv"]) {
      const exported = await download(file);
      for (const trace of traces) expect(exported, `${file}: ${trace}`).not.toContain(trace);
    }
    const { report, html } = await reportHtml();
    for (const trace of traces) expect(html, trace).not.toContain(trace);
    expect(report.figures.participants).toBe(participantsBefore - 1);
    const after = await results();
    for (const trace of traces) expect(after.text, trace).not.toContain(trace);
    expect(after.byPriority.get(site.priorityIds[0]!)?.votes.agree).toBe(8);
    expect(after.byPriority.get(site.priorityIds[1]!)?.ballotPoints).toBe(8 * 3);
    // The stored opinion groups were computed again without their votes.
    const [groups] = await db()
      .select()
      .from(opinionGroupsResult)
      .where(eq(opinionGroupsResult.consultationId, site.id));
    const [current] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from vote where consultation_id = ${site.id}`,
    );
    expect(groups?.voteCount).toBe(current!.n);

    // Others' replies keep their place under a placeholder with no author and no text.
    const [answered] = await db().select().from(comment).where(eq(comment.id, member.ids.answered));
    expect(answered).toMatchObject({ status: "removed", authorId: null });
    const [reply] = await db().select().from(comment).where(eq(comment.id, member.ids.reply));
    expect(reply?.parentId).toBe(member.ids.answered);
    expect(await db().select().from(comment).where(eq(comment.id, member.ids.thread))).toEqual([]);
    const [endorsed] = await db().select().from(comment).where(eq(comment.id, member.ids.othersComment));
    expect(endorsed?.endorsementCount).toBe(0);

    // The moderation record keeps every decision, but not the person.
    const decisionsAfter = await db().select().from(moderationAction);
    expect(decisionsAfter.length).toBe(decisionsBefore.length);
    const suspension = decisionsAfter.find((d) => d.action === "suspend" && d.consultationId === site.id);
    expect(suspension).toMatchObject({ targetId: "erased", note: null, details: null, reason: "abusive" });
    // Outside an erasure the record stays append-only.
    await expect(
      db().execute(sql`update moderation_action set note = null where id = ${suspension!.id}`),
    ).rejects.toThrow();

    // Gone for good: no sign-in, no request left to cancel, nothing to restore.
    const signInAgain = await signIn(new Request("http://localhost/sign-in", { method: "POST" }), {
      email: member.email,
      password: MEMBER_PASSWORD,
      address: "10.7.0.2",
    });
    expect(signInAgain.ok).toBe(false);
    expect(await db().select().from(accountErasure).where(eq(accountErasure.userId, member.userId))).toEqual([]);
  });

  it("keeps the comments of a member who chose so, shown as a former participant, and nothing else", async () => {
    const member = await participant("Bravo");
    expect(
      (await deletePage(member, { intent: "request", mode: "keep-comments", password: MEMBER_PASSWORD })).status,
    ).toBe(302);
    expect(await runDueErasures(db(), { now: new Date(Date.now() + (ERASURE_GRACE_DAYS + 1) * DAY_MS) })).toBe(1);

    const dump = await databaseDump();
    for (const trace of [member.email, member.name, member.displayName, member.userId, member.words.revised]) {
      expect(dump, trace).not.toContain(trace);
    }
    // The comments themselves stay, with no author.
    const kept = await db()
      .select({ id: comment.id, authorId: comment.authorId, body: comment.body, status: comment.status })
      .from(comment)
      .where(and(eq(comment.consultationId, site.id), sql`${comment.body} like ${"%Bravo%"}`));
    expect(kept.map((c) => c.body)).toEqual(
      expect.arrayContaining([member.words.thread, member.words.answered, member.words.own]),
    );
    for (const c of kept.filter((c) => c.body !== `A reply by someone else Bravo` && !c.body.startsWith("Someone")))
      expect(c.authorId).toBeNull();

    const listing = await listComments(
      db(),
      { consultationId: site.id, priorityId: site.priorityIds[0]!, viewerId: null },
      { sort: "newest", page: 1 },
    );
    const [row] = await db().select().from(consultation).where(eq(consultation.id, site.id));
    const views = presentComments(listing.threads, {
      actor: visitor,
      scope: {
        id: row!.id,
        phase: row!.phase,
        owningInstitutionId: row!.owningInstitutionId,
        followingInstitutionIds: [],
      },
    });
    const flat = views.flatMap((v) => [v, ...v.replies]);
    const thread = flat.find((v) => v.id === member.ids.thread);
    expect(thread).toMatchObject({ status: "published", authorName: null });
    // As the priority page shows it, in two languages: "a former participant", never a name.
    expectConsoleError(/useLayoutEffect does nothing on the server/);
    for (const language of ["en", "ar"] as const) {
      const settings = { language, preModeration: false, editWindowMinutes: 15 };
      const Stub = createRemixStub([
        { path: "/", Component: () => createElement(CommentList, { comments: views, settings }) },
      ]);
      const html = await renderInLanguage(createElement(Stub, { initialEntries: ["/"] }), language);
      expect(html).toContain(member.words.thread);
      expect(html).toContain(`>${text(language, "common", "formerParticipant")}</bdi>`);
      for (const trace of [member.name, member.displayName]) expect(html).not.toContain(trace);
    }
    // The exports keep the text (it is kept, by the member's choice) but no trace of who wrote it.
    const exported = await download("all.json");
    expect(exported).toContain(member.words.thread);
    for (const trace of [member.email, member.name, member.displayName]) expect(exported).not.toContain(trace);
  });
});
