/**
 * Institutional responses, commitments and the notifications they send, through the real routes of
 * /c/:slug/responses/edit, /c/:slug/responses, /commitments and /notifications: only members of the
 * owning institution may write, bad input is refused with a translated message and nothing stored,
 * and every participant is notified once per event, in their language, as their preferences say.
 */
import { and, asc, count, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  commitment,
  commitmentStatusChange,
  consultationModerator,
  institution,
  institutionalResponse,
  institutionMember,
  notification,
  outboxMail,
  profile,
  summary,
  summaryVersion,
  user,
  vote,
  comment,
  priority,
} from "~db/schema";
import { countUnread, notifyParticipants } from "~/notifications/notifications.server";
import { action as notificationsAction, loader as notificationsLoader } from "~/routes/_member+/notifications";
import { loader as commitmentsLoader } from "~/routes/_public+/commitments";
import { loader as publicLoader } from "~/routes/c+/$slug+/responses";
import { action as editorAction, loader as editorLoader } from "~/routes/c+/$slug+/_institution+/responses_.edit/route";
import { quoteToken } from "~/summaries/summary-markdown";
import { call, signUpMember } from "../support/actions";
import { createConsultation, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { text } from "../support/locales";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();

interface Member {
  cookie: string;
  userId: string;
}

async function member(name: string): Promise<Member> {
  const { cookie, userId } = await signUpMember(name);
  return { cookie, userId: userId };
}

const title = { en: "Clean water for every village", fr: "De l'eau propre pour chaque village" };

let slug: string;
let consultationId: number;
let priorityId: number;
let responder: Member;
let otherInstitutionMember: Member;
let moderator: Member;
let plainMember: Member;
/** Participants: French speaker, no profile (default locale), no e-mail wanted, no in-app wanted. */
let french: string, noProfile: string, noEmail: string, noInApp: string, bystander: string;

function edit(fields: Record<string, string>, who?: Member, at = slug) {
  return call(editorAction, { path: `/c/${at}/responses/edit`, params: { slug: at }, fields, cookie: who?.cookie });
}

const responseText = {
  intent: "save-response",
  language: "en",
  title: "You said, we will",
  body: "We read every comment. **We will** fund village water committees from next year.",
};

/** The message key of a refused post, checked to exist in the English strings. */
function refusalKey(body: unknown, field?: string): string {
  const failure = body as { fieldErrors: Record<string, string>; formError?: string };
  const key = field ? failure.fieldErrors[field] : failure.formError;
  expect(key, JSON.stringify(body)).toBeTruthy();
  const [namespace, path] = key!.split(":") as [string, string];
  expect(text("en", namespace, path, { count: 1 })).toBeTruthy();
  return key!;
}

async function snapshot() {
  const tables = [institutionalResponse, commitment, commitmentStatusChange, notification, outboxMail] as const;
  return Promise.all(tables.map(async (table) => (await db().select({ n: count() }).from(table))[0]!.n));
}

beforeAll(async () => {
  const [owner, other] = await db()
    .insert(institution)
    .values([
      { slug: "water-ministry", name: { en: "Water ministry" } },
      { slug: "other-agency", name: { en: "Other agency" } },
    ])
    .returning({ id: institution.id });
  const created = await createConsultation(db(), { title, owningInstitutionId: owner!.id }, 2);
  ({ slug, id: consultationId } = created);
  priorityId = created.priorityIds[0]!;
  await db().insert(summary).values({ consultationId, locale: "en", status: "published", publishedVersion: 1 });

  responder = await member("Responder");
  otherInstitutionMember = await member("Other institution");
  moderator = await member("Moderator");
  plainMember = await member("Member");
  await db()
    .insert(institutionMember)
    .values([
      { institutionId: owner!.id, userId: responder.userId },
      { institutionId: other!.id, userId: otherInstitutionMember.userId },
    ]);
  await db().insert(consultationModerator).values({ consultationId, userId: moderator.userId });
  await markSecondFactorEnrolled(db(), responder.userId, otherInstitutionMember.userId, moderator.userId);

  [french, noProfile, noEmail, noInApp, bystander] = (await createUsers(db(), 5)) as [
    string,
    string,
    string,
    string,
    string,
  ];
  await db()
    .insert(profile)
    .values([
      { userId: french, preferredLanguage: "fr" },
      { userId: noEmail, notifyByEmail: false },
      { userId: noInApp, notifyInApp: false },
    ]);
  // Four ways of taking part; the bystander did none of them.
  await db()
    .insert(vote)
    .values([
      { consultationId, priorityId, userId: french, value: "agree" },
      { consultationId, priorityId, userId: noProfile, value: "disagree" },
    ]);
  await db().insert(comment).values({ consultationId, priorityId, authorId: noEmail, body: "Yes", language: "en" });
  await db()
    .insert(priority)
    .values({
      consultationId,
      title: { en: "Wells" },
      body: { en: "More wells" },
      category: "financing",
      status: "pending",
      proposedById: noInApp,
    });
});

describe("who may write a response", () => {
  it("refuses a member of another institution, a moderator, a member and a visitor, and stores nothing", async () => {
    const before = await snapshot();
    for (const who of [otherInstitutionMember, moderator, plainMember]) {
      expect((await edit(responseText, who)).status).toBe(403);
      expect(
        (await call(editorLoader, { path: `/c/${slug}/responses/edit`, params: { slug }, cookie: who.cookie })).status,
      ).toBe(403);
    }
    const visitor = await edit(responseText);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/sign-in\?redirectTo=/);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses bad input with a translated message next to the field, keeps what was typed, stores nothing", async () => {
    const before = await snapshot();
    const short = await edit({ ...responseText, title: "Hi" }, responder);
    expect(short.status).toBe(400);
    expect(refusalKey(short.body, "title")).toBe("responses:errors.titleLength");
    expect((short.body as { values: Record<string, string> }).values.body).toBe(responseText.body);
    const badLanguage = await edit({ ...responseText, language: "xx" }, responder);
    expect(refusalKey(badLanguage.body, "language")).toBe("responses:errors.language");
    const unknown = await edit({ intent: "explode" }, responder);
    expect(unknown.status).toBe(400);
    refusalKey(unknown.body);
    const tampered = await edit({ intent: "publish", responseId: "999999" }, responder);
    expect(tampered.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a response when the consultation has no published summary", async () => {
    const [owner] = await db().select().from(institution).where(eq(institution.slug, "water-ministry"));
    const bare = await createConsultation(db(), { owningInstitutionId: owner!.id }, 1);
    const answer = await edit(responseText, responder, bare.slug);
    expect(answer.status).toBe(409);
    expect(refusalKey(answer.body)).toBe("responses:errors.noSummary");
  });
});

describe("writing, publishing and following up a response", () => {
  let responseId: number;
  let commitmentIds: number[];

  it("keeps a draft with its commitments private, and publishes it notifying every participant once", async () => {
    expect((await edit(responseText, responder)).status).toBe(302);
    const [draft] = await db().select().from(institutionalResponse);
    responseId = draft!.id;
    expect(draft).toMatchObject({ status: "draft", title: { en: responseText.title } });
    // A second language is added to the same response, the first kept.
    await edit(
      { ...responseText, language: "fr", title: "Vous avez dit, nous ferons", responseId: String(responseId) },
      responder,
    );
    for (const what of ["Fund village water committees", "Publish water quality tests"]) {
      const added = await edit(
        { intent: "add-commitment", responseId: String(responseId), language: "en", what, who: "Water directorate" },
        responder,
      );
      expect(added.status).toBe(302);
    }
    const badDate = await edit(
      {
        intent: "add-commitment",
        responseId: String(responseId),
        language: "en",
        what: "Something",
        who: "Us",
        dueOn: "31/12/2027",
      },
      responder,
    );
    expect(refusalKey(badDate.body, "dueOn")).toBe("responses:errors.dueOn");
    commitmentIds = (await db().select().from(commitment).orderBy(asc(commitment.id))).map((c) => c.id);
    expect(commitmentIds).toHaveLength(2);
    const translated = await edit(
      {
        intent: "edit-commitment",
        commitmentId: String(commitmentIds[0]),
        language: "fr",
        what: "Financer les comités de l'eau",
        who: "Direction de l'eau",
      },
      responder,
    );
    expect(translated.status).toBe(302);
    const [withFrench] = await db().select().from(commitment).where(eq(commitment.id, commitmentIds[0]!));
    expect(withFrench!.what).toEqual({ en: "Fund village water committees", fr: "Financer les comités de l'eau" });
    expect(withFrench!.who).toEqual({ en: "Water directorate", fr: "Direction de l'eau" });

    const publicBefore = await call(publicLoader, { path: `/c/${slug}/responses`, params: { slug } });
    expect((publicBefore.body as { responses: unknown[] }).responses).toEqual([]);
    expect(await db().select().from(notification)).toEqual([]);

    expect((await edit({ intent: "publish", responseId: String(responseId) }, responder)).status).toBe(302);
    const notified = await db().select().from(notification).orderBy(asc(notification.userId));
    expect(notified.map((n) => n.userId).sort()).toEqual([french, noProfile, noEmail].sort());
    expect(new Set(notified.map((n) => n.eventKey))).toEqual(new Set([`response-published:${responseId}`]));

    // The outbox also holds the members' address-confirmation mails: only this event's count here.
    const mails = await db()
      .select()
      .from(outboxMail)
      .where(like(outboxMail.dedupeKey, `response-published:${responseId}:%`));
    const mailTo = async (userId: string) => {
      const [row] = await db().select({ email: user.email }).from(user).where(eq(user.id, userId));
      return mails.find((m) => m.toAddress === row!.email);
    };
    expect(mails).toHaveLength(3); // French speaker, no profile, no in-app: not the one who wants no e-mail
    expect(await mailTo(noEmail)).toBeUndefined();
    expect((await mailTo(french))!.subject).toContain(title.fr);
    expect((await mailTo(french))!.subject).toContain("Vous avez dit, nous ferons");
    expect((await mailTo(noProfile))!.subject).toContain(title.en);
    expect((await mailTo(noProfile))!.dedupeKey).toBe(`response-published:${responseId}:${noProfile}`);
    expect((await mailTo(noInApp))!.textBody).toMatch(/\/unsubscribe\?token=\S+/);
    expect(mails.some((m) => m.toAddress.startsWith(bystander))).toBe(false);

    // Publishing again notifies nobody again.
    await edit({ intent: "publish", responseId: String(responseId) }, responder);
    expect(await db().select().from(notification)).toHaveLength(3);
  });

  it("notifies each member once per event, however often it is called", async () => {
    const event = { kind: "summary-published" as const, consultationId, eventKey: `summary-published:test` };
    expect(await notifyParticipants(db(), event)).toEqual({ inApp: 3, mails: 3 });
    expect(await notifyParticipants(db(), event)).toEqual({ inApp: 0, mails: 0 });
    const rows = await db().select().from(notification).where(eq(notification.eventKey, event.eventKey));
    expect(rows).toHaveLength(3);
  });

  it("changes a commitment's status with a public history that names nobody, and notifies", async () => {
    const [first, second] = commitmentIds as [number, number];
    const dropNoReason = await edit(
      { intent: "change-status", commitmentId: String(second), language: "en", status: "dropped" },
      responder,
    );
    expect(dropNoReason.status).toBe(400);
    expect(refusalKey(dropNoReason.body, "reason")).toBe("responses:errors.reasonRequired");
    const same = await edit(
      { intent: "change-status", commitmentId: String(first), language: "en", status: "planned" },
      responder,
    );
    expect(refusalKey(same.body, "status")).toBe("responses:errors.unchanged");
    const notMine = await edit({ intent: "change-status", commitmentId: String(first), status: "done" }, plainMember);
    expect(notMine.status).toBe(403);
    expect((await db().select().from(commitment).where(eq(commitment.id, first)))[0]!.status).toBe("planned");

    expect(
      (await edit({ intent: "change-status", commitmentId: String(first), language: "en", status: "done" }, responder))
        .status,
    ).toBe(302);
    await edit(
      {
        intent: "change-status",
        commitmentId: String(second),
        language: "en",
        status: "dropped",
        reason: "No budget this year",
      },
      responder,
    );
    const history = await db()
      .select()
      .from(commitmentStatusChange)
      .where(eq(commitmentStatusChange.commitmentId, first))
      .orderBy(asc(commitmentStatusChange.id));
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, "planned"],
      ["planned", "done"],
    ]);
    const statusNotes = await db()
      .select()
      .from(notification)
      .where(and(eq(notification.kind, "commitment-status"), eq(notification.userId, french)));
    expect(statusNotes).toHaveLength(2);

    const page = await call(publicLoader, { path: `/c/${slug}/responses`, params: { slug } });
    const shown = JSON.stringify(page.body);
    expect(shown).toContain("No budget this year");
    for (const name of ["Responder", responder.userId]) expect(shown).not.toContain(name);
    const [response] = (
      page.body as { responses: Array<{ commitments: Array<{ status: string; history: unknown[] }> }> }
    ).responses;
    expect(response!.commitments.map((c) => [c.status, c.history.length])).toEqual([
      ["done", 2],
      ["dropped", 2],
    ]);

    const done = await call(commitmentsLoader, { path: "/commitments?status=done", params: {} });
    expect((done.body as { commitments: Array<{ id: number }> }).commitments.map((c) => c.id)).toEqual([first]);
  });

  type ShownCommitment = {
    id: number;
    who: { text: string; language: string; isFallback: boolean };
    dueOn: string | null;
    statusReason: { text: string; language: string; isFallback: boolean } | null;
    history: Array<{ reason: { text: string; language: string } | null }>;
  };
  const shownCommitments = async (language: string) => {
    const page = await call(publicLoader, { path: `/c/${slug}/responses?lng=${language}`, params: { slug } });
    return (page.body as { responses: Array<{ commitments: ShownCommitment[] }> }).responses[0]!.commitments;
  };

  it("translates a commitment's who and why per language and changes its who and due date (issue 18, item 14)", async () => {
    const second = commitmentIds[1]!;
    const arabic = {
      intent: "edit-commitment",
      commitmentId: String(second),
      language: "ar",
      what: "نشر اختبارات جودة المياه",
      who: "مديرية المياه",
      why: "لا ميزانية هذا العام",
      dueOn: "2028-06-30",
    };
    const before = await snapshot();
    const tooShort = await edit({ ...arabic, who: "x" }, responder);
    expect(tooShort.status).toBe(400);
    expect(refusalKey(tooShort.body, "who")).toBe("responses:errors.whoLength");
    expect((tooShort.body as { values: Record<string, string> }).values.why).toBe(arabic.why);
    expect(refusalKey((await edit({ ...arabic, dueOn: "soon" }, responder)).body, "dueOn")).toBe(
      "responses:errors.dueOn",
    );
    expect((await edit(arabic, plainMember)).status).toBe(403);
    expect((await edit({ ...arabic, commitmentId: "999999" }, responder)).status).toBe(404);
    expect(await snapshot()).toEqual(before);
    const [unchanged] = await db().select().from(commitment).where(eq(commitment.id, second));
    expect(unchanged).toMatchObject({ who: { en: "Water directorate" }, dueOn: null });

    expect((await edit(arabic, responder)).status).toBe(302);
    const [row] = await db().select().from(commitment).where(eq(commitment.id, second));
    expect(row).toMatchObject({
      who: { en: "Water directorate", ar: arabic.who },
      statusReason: { en: "No budget this year", ar: arabic.why },
      dueOn: "2028-06-30",
    });

    // Arabic readers get the Arabic text, the reason in the history too; Chinese readers the English,
    // marked as a fallback so that the page can say so.
    const [, ar] = await shownCommitments("ar");
    expect(ar).toMatchObject({
      who: { text: arabic.who, language: "ar", isFallback: false },
      statusReason: { text: arabic.why, language: "ar", isFallback: false },
      dueOn: "2028-06-30",
    });
    expect(ar!.history.at(-1)!.reason).toMatchObject({ text: arabic.why, language: "ar" });
    const [, zh] = await shownCommitments("zh");
    expect(zh).toMatchObject({
      who: { text: "Water directorate", language: "en", isFallback: true },
      statusReason: { text: "No budget this year", language: "en", isFallback: true },
    });
    const overview = await call(commitmentsLoader, { path: "/commitments?lng=ar", params: {} });
    expect(JSON.stringify(overview.body)).toContain(arabic.who);

    // A commitment with no status reason gets no "why", whatever is posted.
    const first = commitmentIds[0]!;
    await edit({ ...arabic, commitmentId: String(first) }, responder);
    const [noReason] = await db().select().from(commitment).where(eq(commitment.id, first));
    expect(noReason!.statusReason).toBeNull();
  });

  it("deletes a draft response with its commitments, never a published one (issue 18, item 14)", async () => {
    expect((await edit({ ...responseText, title: "A draft to throw away" }, responder)).status).toBe(302);
    const [draft] = await db()
      .select()
      .from(institutionalResponse)
      .where(eq(institutionalResponse.status, "draft"))
      .orderBy(asc(institutionalResponse.id));
    await edit(
      { intent: "add-commitment", responseId: String(draft!.id), language: "en", what: "Nothing yet", who: "Nobody" },
      responder,
    );
    const before = await snapshot();
    expect((await edit({ intent: "delete-response", responseId: String(draft!.id) }, plainMember)).status).toBe(403);
    expect((await edit({ intent: "delete-response", responseId: String(draft!.id) }, moderator)).status).toBe(403);
    const published = await edit({ intent: "delete-response", responseId: String(responseId) }, responder);
    expect(published.status).toBe(404);
    refusalKey(published.body);
    expect(await snapshot()).toEqual(before);

    expect((await edit({ intent: "delete-response", responseId: String(draft!.id) }, responder)).status).toBe(302);
    expect(await db().select().from(institutionalResponse).where(eq(institutionalResponse.id, draft!.id))).toEqual([]);
    expect(await db().select().from(commitment).where(eq(commitment.responseId, draft!.id))).toEqual([]);
    expect(await db().select().from(commitment).where(eq(commitment.responseId, responseId))).toHaveLength(2);
  });
});

describe("the notifications page", () => {
  it("lists a member's own notifications and marks one, then all, read", async () => {
    const someone = await member("Participant");
    await db().insert(vote).values({ consultationId, priorityId, userId: someone.userId, value: "pass" });
    for (const n of [1, 2]) {
      await notifyParticipants(db(), { kind: "summary-published", consultationId, eventKey: `page-test:${n}` });
    }
    expect(await countUnread(db(), someone.userId)).toBe(2);
    const page = await call(notificationsLoader, { path: "/notifications", params: {}, cookie: someone.cookie });
    const listed = (page.body as { notifications: Array<{ id: number; read: boolean }> }).notifications;
    expect(listed).toHaveLength(2);

    // Someone else's notification id changes nothing.
    const [foreign] = await db().select().from(notification).where(eq(notification.userId, french)).limit(1);
    const foreignAnswer = await call(notificationsAction, {
      path: "/notifications",
      params: {},
      fields: { intent: "read", notificationId: String(foreign!.id) },
      cookie: someone.cookie,
    });
    expect(foreignAnswer.status).toBe(302);
    expect((await db().select().from(notification).where(eq(notification.id, foreign!.id)))[0]!.readAt).toBeNull();

    await call(notificationsAction, {
      path: "/notifications",
      params: {},
      fields: { intent: "read", notificationId: String(listed[0]!.id) },
      cookie: someone.cookie,
    });
    expect(await countUnread(db(), someone.userId)).toBe(1);
    await call(notificationsAction, {
      path: "/notifications",
      params: {},
      fields: { intent: "read-all" },
      cookie: someone.cookie,
    });
    expect(await countUnread(db(), someone.userId)).toBe(0);

    const visitor = await call(notificationsLoader, { path: "/notifications", params: {} });
    expect(visitor.status).toBe(302);
  });

  it("notifies thousands of participants in a handful of statements", async () => {
    const many = await createUsers(db(), 2000);
    const crowd = await createConsultation(db(), {}, 1);
    for (let start = 0; start < many.length; start += 500) {
      await db()
        .insert(vote)
        .values(
          many.slice(start, start + 500).map((userId) => ({
            consultationId: crowd.id,
            priorityId: crowd.priorityIds[0]!,
            userId,
            value: "agree" as const,
          })),
        );
    }
    const event = { kind: "summary-published" as const, consultationId: crowd.id, eventKey: `crowd` };
    expect(await db().transaction((tx) => notifyParticipants(tx, event))).toEqual({ inApp: 2000, mails: 2000 });
  });
});

describe("a response's Markdown on the public page", () => {
  it("goes through the one safety policy: no tracking image, no protocol-relative link (issue 13, item 16)", async () => {
    const [owner] = await db()
      .select({ id: institution.id })
      .from(institution)
      .where(eq(institution.slug, "water-ministry"));
    const body =
      "We will act. ![pixel](https://tracker.example/p.gif) [more](//tracker.example/r) " +
      "[plan](https://example.org/plan) <img src=https://tracker.example/q.gif>";
    await db()
      .insert(institutionalResponse)
      .values({
        consultationId,
        institutionId: owner!.id,
        title: { en: "Markdown policy" },
        body: { en: body },
        status: "published",
        publishedAt: new Date(),
      });
    const page = await call(publicLoader, { path: `/c/${slug}/responses`, params: { slug } });
    const responses = (page.body as { responses: Array<{ title: { text: string }; body: { html: string } }> })
      .responses;
    const html = responses.find((r) => r.title.text === "Markdown policy")!.body.html;
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toContain('href="//');
    expect(html).toContain('<a href="https://example.org/plan" rel="noopener noreferrer nofollow">plan</a>');
  });
});

describe("the response editor", () => {
  it("shows the summary being answered with its quotes, never their [[quote:…]] tags", async () => {
    const [owner] = await db().select().from(institution).where(eq(institution.slug, "water-ministry"));
    const quoted = await createConsultation(db(), { owningInstitutionId: owner!.id }, 1);
    const [written] = await db()
      .insert(comment)
      .values({
        consultationId: quoted.id,
        priorityId: quoted.priorityIds[0]!,
        authorId: bystander,
        body: "Our clinic waits months for insulin.",
        language: "en",
        status: "published",
      })
      .returning({ id: comment.id });
    const [published] = await db()
      .insert(summary)
      .values({ consultationId: quoted.id, locale: "en", status: "published", publishedVersion: 1 })
      .returning({ id: summary.id });
    await db()
      .insert(summaryVersion)
      .values({ summaryId: published!.id, version: 1, bodyMarkdown: `We heard this:\n\n${quoteToken(written!.id)}` });

    const answer = await call(editorLoader, {
      path: `/c/${quoted.slug}/responses/edit`,
      params: { slug: quoted.slug },
      cookie: responder.cookie,
    });
    expect(answer.status).toBe(200);
    const shown = JSON.stringify((answer.body as { summary: unknown }).summary);
    expect(shown).toContain("Our clinic waits months for insulin.");
    expect(shown).not.toContain("[[quote:");
  });
});
