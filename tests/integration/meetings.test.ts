/**
 * Community meetings through their real loaders and actions (decision 0045): who may grant the
 * facilitator role, who may record a meeting and type in its input, who may see it (nobody else,
 * not even that it exists), voiding it, and a meeting comment shown with the meeting's mark and no name.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as staffConsultation from "~/routes/_staff+/staff.consultations.$slug";
import * as facilitatorsPage from "~/routes/c+/$slug+/_moderator+/facilitators";
import * as meetingsPage from "~/routes/c+/$slug+/_facilitator+/meetings";
import * as newMeetingPage from "~/routes/c+/$slug+/_facilitator+/meetings_.new";
import * as meetingPage from "~/routes/c+/$slug+/_facilitator+/meetings_.$meetingId/route";
import * as moderationLog from "~/routes/c+/$slug+/moderation-log";
import * as priorityPage from "~/routes/c+/$slug+/p.$priorityId";
import * as moderationQueue from "~/routes/c+/$slug+/_moderator+/moderation/route";
import { comment, consultation, consultationFacilitator, meeting, vote } from "~db/schema";
import { call, signUpMember, type Answer } from "../support/actions";
import { createCast, type Cast } from "../support/cast";
import { setupTestDatabase } from "../support/database";
import { markSecondFactorEnrolled } from "../support/second-factor";

const db = setupTestDatabase();
let cast: Cast;
let slug: string;
/** A facilitator of the cast's consultation, granted by its moderator in the first test. */
let facilitator: { cookie: string; email: string; userId: string };
/** A facilitator of the other consultation only. */
let elsewhere: { cookie: string; email: string; userId: string };

async function enrolledMember(name: string) {
  const person = await signUpMember(name);
  await markSecondFactorEnrolled(db(), person.userId);
  return person;
}

beforeAll(async () => {
  cast = await createCast(db(), async (person) => {
    await markSecondFactorEnrolled(db(), person.userId);
    return person;
  });
  slug = cast.consultation.slug;
  facilitator = await enrolledMember("Amina Facilitator");
  elsewhere = await enrolledMember("Other Facilitator");
  await db()
    .insert(consultationFacilitator)
    .values({ consultationId: cast.otherConsultation.id, userId: elsewhere.userId });
});

const cookieOf = (role: keyof Cast["people"]) => cast.people[role].cookie;

function postFacilitators(fields: Record<string, string>, cookie?: string) {
  return call(facilitatorsPage.action, { path: `/c/${slug}/facilitators`, params: { slug }, fields, cookie });
}

const meetingPath = (id: number | string) => `/c/${slug}/meetings/${id}`;

function postMeeting(id: number | string, fields: Record<string, string>, cookie?: string) {
  return call(meetingPage.action, { path: meetingPath(id), params: { slug, meetingId: String(id) }, fields, cookie });
}

function openMeeting(id: number | string, cookie?: string) {
  return call(meetingPage.loader, { path: meetingPath(id), params: { slug, meetingId: String(id) }, cookie });
}

const formError = (answer: Answer) => (answer.body as { formError?: string }).formError;

async function recordThroughPage(cookie: string, peoplePresent = "4") {
  const answer = await call(newMeetingPage.action, {
    path: `/c/${slug}/meetings/new`,
    params: { slug },
    fields: {
      heldOn: "2026-11-29",
      country: "KE",
      place: "Kisumu health centre",
      language: "sw",
      peoplePresent,
      method: "show-of-hands",
    },
    cookie,
  });
  expect(answer.status).toBe(302);
  const id = Number(/\/meetings\/(\d+)$/.exec(answer.headers.get("location") ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

describe("granting the facilitator role", () => {
  it("is refused to members, other consultations' moderators and facilitators", async () => {
    for (const cookie of [cookieOf("member"), cookieOf("otherModerator"), cookieOf("facilitator"), elsewhere.cookie]) {
      const answer = await postFacilitators({ intent: "assign-facilitator", email: facilitator.email }, cookie);
      expect(answer.status).toBe(403);
    }
    expect((await postFacilitators({ intent: "assign-facilitator", email: facilitator.email })).status).toBe(302);
    const granted = await db()
      .select()
      .from(consultationFacilitator)
      .where(eq(consultationFacilitator.consultationId, cast.consultation.id));
    expect(granted).toEqual([]);
  });

  it("is done and undone by the consultation's moderator, remembering who granted it", async () => {
    const granted = await postFacilitators(
      { intent: "assign-facilitator", email: facilitator.email },
      cookieOf("moderator"),
    );
    expect(granted.status).toBe(302);
    expect(granted.headers.get("location")).toBe(`/c/${slug}/facilitators#facilitators-heading`);
    const page = await call(facilitatorsPage.loader, {
      path: `/c/${slug}/facilitators`,
      params: { slug },
      cookie: cookieOf("moderator"),
    });
    expect((page.body as { facilitators: { email: string }[] }).facilitators.map((p) => p.email)).toEqual([
      facilitator.email,
    ]);
    const [row] = await db()
      .select()
      .from(consultationFacilitator)
      .where(eq(consultationFacilitator.consultationId, cast.consultation.id));
    expect(row).toMatchObject({ userId: facilitator.userId, grantedById: cast.people.moderator.userId });

    const removed = await postFacilitators(
      { intent: "remove-facilitator", userId: facilitator.userId },
      cookieOf("moderator"),
    );
    expect(removed.status).toBe(302);
    const noLonger = await postFacilitators(
      { intent: "remove-facilitator", userId: facilitator.userId },
      cookieOf("moderator"),
    );
    expect(noLonger.status).toBe(404);
  });

  it("is done by an admin on the staff console, never by a member", async () => {
    const path = `/staff/consultations/${slug}`;
    const fields = { intent: "assign-facilitator", email: facilitator.email };
    expect(
      (await call(staffConsultation.action, { path, params: { slug }, fields, cookie: cookieOf("moderator") })).status,
    ).toBe(403);
    const granted = await call(staffConsultation.action, { path, params: { slug }, fields, cookie: cookieOf("admin") });
    expect(granted.status).toBe(302);
    const page = await call(staffConsultation.loader, { path, params: { slug }, cookie: cookieOf("admin") });
    expect((page.body as { facilitators: { userId: string }[] }).facilitators.map((p) => p.userId)).toEqual([
      facilitator.userId,
    ]);
    const [row] = await db()
      .select()
      .from(consultationFacilitator)
      .where(eq(consultationFacilitator.consultationId, cast.consultation.id));
    expect(row?.grantedById).toBe(cast.people.admin.userId);
  });
});

describe("a facilitator's meeting", () => {
  let meetingId: number;
  beforeAll(async () => {
    meetingId = await recordThroughPage(facilitator.cookie);
  });

  it("is recorded with the facilitator, and bad input is refused next to its field with nothing stored", async () => {
    const [row] = await db().select().from(meeting).where(eq(meeting.id, meetingId));
    expect(row).toMatchObject({
      facilitatorId: facilitator.userId,
      peoplePresent: 4,
      country: "KE",
      status: "recorded",
    });
    const refused = await call(newMeetingPage.action, {
      path: `/c/${slug}/meetings/new`,
      params: { slug },
      fields: { heldOn: "2999-01-01", country: "XX", place: "", language: "tlh", peoplePresent: "0", method: "séance" },
      cookie: facilitator.cookie,
    });
    expect(refused.status).toBe(400);
    expect((refused.body as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({
      heldOn: "meetings:errors.heldOnFuture",
      country: "meetings:errors.country",
      place: "meetings:errors.place",
      language: "meetings:errors.language",
      peoplePresent: "meetings:errors.peoplePresent",
      method: "meetings:errors.method",
    });
    const mine = await db().select().from(meeting).where(eq(meeting.facilitatorId, facilitator.userId));
    expect(mine).toHaveLength(1);
  });

  it("takes vote counts up to the people present, and says how many are left beyond", async () => {
    const priorityId = String(cast.consultation.priorityIds[0]);
    const entered = await postMeeting(
      meetingId,
      { intent: "votes", priorityId, agree: "2", disagree: "1", pass: "" },
      facilitator.cookie,
    );
    expect(entered.status).toBe(302);
    const tooMany = await postMeeting(
      meetingId,
      { intent: "votes", priorityId, agree: "2", disagree: "", pass: "" },
      facilitator.cookie,
    );
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({ formError: "meetings:refusals.too-many-votes", formErrorValues: { left: 1 } });
    const blank = await postMeeting(meetingId, { intent: "votes", priorityId: "", agree: "x" }, facilitator.cookie);
    expect(blank.status).toBe(400);
    const votes = await db().select().from(vote).where(eq(vote.meetingId, meetingId));
    expect(votes.map((v) => v.value).sort()).toEqual(["agree", "agree", "disagree"]);
    const page = await openMeeting(meetingId, facilitator.cookie);
    const body = page.body as { priorities: { id: number; votesLeft: number }[]; mayEnter: boolean; mayVoid: boolean };
    expect(body.priorities.find((p) => p.id === Number(priorityId))?.votesLeft).toBe(1);
    expect(body).toMatchObject({ mayEnter: true, mayVoid: false });
  });

  it("takes a paper ballot with points within the budget, each number once", async () => {
    const [p1, p2] = cast.consultation.priorityIds as [number, number];
    const fields = {
      intent: "ballot",
      ballotNumber: "1",
      [`vote.${p2}`]: "pass",
      [`points.${p1}`]: "7",
      [`points.${p2}`]: "3",
    };
    expect((await postMeeting(meetingId, fields, facilitator.cookie)).status).toBe(302);
    const again = await postMeeting(meetingId, fields, facilitator.cookie);
    expect(formError(again)).toBe("meetings:refusals.ballot-number-used");
    const over = await postMeeting(
      meetingId,
      { ...fields, ballotNumber: "2", [`points.${p1}`]: "8" },
      facilitator.cookie,
    );
    expect(over.body).toMatchObject({
      formError: "meetings:refusals.over-budget",
      formErrorValues: { total: 11, budget: 10 },
    });
  });

  it("takes a comment, shown on the priority page with the meeting's mark and nobody's name", async () => {
    const priorityId = String(cast.consultation.priorityIds[1]);
    const fields = {
      intent: "comment",
      priorityId,
      body: "Dawa ziwe karibu na kijiji",
      stance: "concerns",
      language: "sw",
    };
    expect((await postMeeting(meetingId, fields, facilitator.cookie)).status).toBe(302);
    const page = await call(priorityPage.loader, { path: `/c/${slug}/p/${priorityId}`, params: { slug, priorityId } });
    const shown = JSON.stringify(page.body);
    expect(shown).toContain("Dawa ziwe karibu na kijiji");
    expect(shown).toContain('"channel":"meeting"');
    expect(shown).not.toContain("Amina Facilitator");
  });

  it("is hidden from everyone but its facilitator, the consultation's moderators and admins", async () => {
    for (const cookie of [cookieOf("member"), cookieOf("otherModerator"), cookieOf("facilitator"), elsewhere.cookie]) {
      expect((await openMeeting(meetingId, cookie)).status).toBe(404);
      expect((await postMeeting(meetingId, { intent: "votes", priorityId: "1", agree: "1" }, cookie)).status).toBe(404);
    }
    expect((await openMeeting(meetingId)).headers.get("location")).toMatch(/^\/sign-in/);
    for (const cookie of [cookieOf("moderator"), cookieOf("admin")]) {
      const page = await openMeeting(meetingId, cookie);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ mayEnter: false, mayVoid: true });
    }
    // A moderator reads it but types nothing into someone else's meeting.
    const byModerator = await postMeeting(
      meetingId,
      { intent: "votes", priorityId: "1", agree: "1" },
      cookieOf("moderator"),
    );
    expect(byModerator.status).toBe(403);
    // Another consultation's facilitator cannot open this consultation's meeting pages at all.
    const list = await call(meetingsPage.loader, {
      path: `/c/${slug}/meetings`,
      params: { slug },
      cookie: elsewhere.cookie,
    });
    expect(list.status).toBe(403);
    const record = await call(newMeetingPage.loader, {
      path: `/c/${slug}/meetings/new`,
      params: { slug },
      cookie: elsewhere.cookie,
    });
    expect(record.status).toBe(403);
  });

  it("lists a facilitator's own meetings, and everyone's with totals for the moderator", async () => {
    const theirs = await recordThroughPage(cookieOf("facilitator")!, "9");
    const own = await call(meetingsPage.loader, {
      path: `/c/${slug}/meetings`,
      params: { slug },
      cookie: facilitator.cookie,
    });
    expect((own.body as { meetings: { id: number }[]; totals: unknown[] }).meetings.map((m) => m.id)).toEqual([
      meetingId,
    ]);
    expect((own.body as { totals: unknown[] }).totals).toEqual([]);
    const all = await call(meetingsPage.loader, {
      path: `/c/${slug}/meetings`,
      params: { slug },
      cookie: cookieOf("moderator"),
    });
    const body = all.body as {
      meetings: { id: number }[];
      totals: { facilitatorId: string; votes: number; comments: number }[];
    };
    expect(body.meetings.map((m) => m.id).sort()).toEqual([meetingId, theirs].sort());
    expect(body.totals.find((t) => t.facilitatorId === facilitator.userId)).toMatchObject({ votes: 4, comments: 1 });
  });

  it("is voided by the moderator only, with a reason and a confirmation, and then counts nowhere", async () => {
    const byFacilitator = await postMeeting(
      meetingId,
      { intent: "void", reason: "Mistake", confirm: "yes" },
      facilitator.cookie,
    );
    expect(byFacilitator.status).toBe(403);
    const unconfirmed = await postMeeting(
      meetingId,
      { intent: "void", reason: "Entered twice" },
      cookieOf("moderator"),
    );
    expect(unconfirmed.status).toBe(400);
    expect((unconfirmed.body as { fieldErrors: Record<string, string> }).fieldErrors).toEqual({
      confirm: "meetings:errors.voidConfirm",
    });
    const voided = await postMeeting(
      meetingId,
      { intent: "void", reason: "Entered twice", confirm: "yes" },
      cookieOf("moderator"),
    );
    expect(voided.status).toBe(302);
    expect(await db().select().from(vote).where(eq(vote.meetingId, meetingId))).toEqual([]);
    const comments = await db()
      .select({ status: comment.status })
      .from(comment)
      .where(eq(comment.meetingId, meetingId));
    expect(comments).toEqual([{ status: "hidden" }]);
    const late = await postMeeting(meetingId, { intent: "votes", priorityId: "1", agree: "1" }, facilitator.cookie);
    expect(formError(late)).toBe("meetings:refusals.meeting-voided");
    const log = await call(moderationLog.loader, { path: `/c/${slug}/moderation-log`, params: { slug } });
    const shown = JSON.stringify(log.body);
    expect(shown).toContain('"targetType":"meeting","action":"void"');
    expect(shown).not.toContain(cast.people.moderator.email!);
    expect(shown).not.toContain("Amina Facilitator");
  });

  it("stops taking input once the consultation is closed, while its facilitator may still read it", async () => {
    const open = await recordThroughPage(facilitator.cookie);
    await db().update(consultation).set({ phase: "closed" }).where(eq(consultation.id, cast.consultation.id));
    try {
      const page = await openMeeting(open, facilitator.cookie);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ mayEnter: false });
      const late = await postMeeting(open, { intent: "votes", priorityId: "1", agree: "1" }, facilitator.cookie);
      expect(late.status).toBe(403);
      expect(
        await db()
          .select()
          .from(vote)
          .where(and(eq(vote.meetingId, open))),
      ).toEqual([]);
    } finally {
      await db().update(consultation).set({ phase: "open" }).where(eq(consultation.id, cast.consultation.id));
    }
  });
});

describe("a meeting's comment under pre-moderation", () => {
  it("waits in the moderation queue, named as a meeting's participant, until the moderator approves it", async () => {
    await db().update(consultation).set({ moderationMode: "pre" }).where(eq(consultation.id, cast.consultation.id));
    try {
      const meetingId = await recordThroughPage(facilitator.cookie);
      const priorityId = String(cast.consultation.priorityIds[2]);
      const said = "Tunahitaji wauguzi zaidi";
      const entered = await postMeeting(
        meetingId,
        { intent: "comment", priorityId, body: said, stance: "", language: "sw" },
        facilitator.cookie,
      );
      expect(entered.status).toBe(302);
      const [stored] = await db().select().from(comment).where(eq(comment.meetingId, meetingId));
      expect(stored).toMatchObject({ status: "pending", authorId: null, channel: "meeting" });

      const path = `/c/${slug}/moderation`;
      const queue = await call(moderationQueue.loader, { path, params: { slug }, cookie: cookieOf("moderator") });
      const items = (queue.body as { items: { id: number; channel: string | null; authorName: string | null }[] })
        .items;
      expect(items.find((item) => item.id === stored!.id)).toMatchObject({ channel: "meeting", authorName: null });

      const approved = await call(moderationQueue.action, {
        path,
        params: { slug },
        fields: { intent: "approve", targetType: "comment", targetId: String(stored!.id) },
        cookie: cookieOf("moderator"),
      });
      expect(approved.status).toBe(302);
      const [after] = await db().select({ status: comment.status }).from(comment).where(eq(comment.id, stored!.id));
      expect(after?.status).toBe("published");
    } finally {
      await db().update(consultation).set({ moderationMode: "post" }).where(eq(consultation.id, cast.consultation.id));
    }
  });
});
