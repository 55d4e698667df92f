/**
 * A meeting's input as the domain stores it (app/meetings/meetings.server.ts): vote counts become one
 * row per person, paper ballots keep their number, comments follow the moderation mode; the entry
 * limit, the budget and the phase refuse a whole batch; voiding takes everything out of the counts.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  facilitatorTotals,
  listMeetings,
  meetingEntries,
  recordMeeting,
  storeMeetingContributions,
  voidMeeting,
} from "~/meetings/meetings.server";
import type { MeetingContribution } from "~/meetings/meeting-input";
import { tallyBallot } from "~/participation/ballot.server";
import { listPublicModerationLog } from "~/moderation/public-log.server";
import { ballotAllocation, comment, consultation, vote } from "~db/schema";
import { createConsultation, createPriority, createUsers } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

type Fixture = Awaited<ReturnType<typeof createConsultation>>;
let open: Fixture;
let facilitator: string;
let moderator: string;

beforeAll(async () => {
  open = await createConsultation(db(), { ballotBudget: 10, moderationMode: "pre" }, 3);
  [facilitator, moderator] = (await createUsers(db(), 2)) as [string, string];
});

const meetingOf = (c: Fixture, peoplePresent = 5, facilitatorId = facilitator) =>
  recordMeeting(db(), {
    consultationId: c.id,
    facilitatorId,
    heldOn: "2026-11-28",
    country: "KE",
    place: "Kibera community hall",
    language: "sw",
    peoplePresent,
    method: "mixed",
  });

const counts = (priorityId: number, agree: number, disagree = 0, pass = 0): MeetingContribution => ({
  kind: "vote-counts",
  priorityId,
  agree,
  disagree,
  pass,
});

async function meetingRows(meetingId: number) {
  const [votes, points, comments] = await Promise.all([
    db().select().from(vote).where(eq(vote.meetingId, meetingId)),
    db().select().from(ballotAllocation).where(eq(ballotAllocation.meetingId, meetingId)),
    db().select().from(comment).where(eq(comment.meetingId, meetingId)),
  ]);
  return { votes, points, comments };
}

describe("storing a meeting's contributions", () => {
  it("stores vote counts as one vote row per person, marked as the meeting's and entered by the facilitator", async () => {
    const m = await meetingOf(open, 12);
    const [p1] = open.priorityIds as [number];
    const result = await storeMeetingContributions(db(), m, [counts(p1, 7, 3, 2)]);
    expect(result).toEqual({ ok: true, votes: 12, ballots: 0, comments: [] });
    const { votes } = await meetingRows(m.id);
    expect(votes).toHaveLength(12);
    expect(votes.filter((v) => v.value === "agree")).toHaveLength(7);
    expect(votes.every((v) => v.channel === "meeting" && v.userId === null && v.enteredById === facilitator)).toBe(
      true,
    );
    const entries = await meetingEntries(db(), m.id);
    expect(entries.perPriority.get(p1)).toEqual({ agree: 7, disagree: 3, pass: 2, comments: 0 });
  });

  it("refuses more votes on a priority than people present, counting what is already stored, and stores nothing of the batch", async () => {
    const m = await meetingOf(open, 5);
    const [p1, p2] = open.priorityIds as [number, number];
    expect(await storeMeetingContributions(db(), m, [counts(p1, 3)])).toMatchObject({ ok: true });
    const refused = await storeMeetingContributions(db(), m, [counts(p2, 5), counts(p1, 2, 1)]);
    expect(refused).toEqual({ ok: false, reason: "too-many-votes", index: 1, priorityId: p1, left: 2 });
    const { votes } = await meetingRows(m.id);
    expect(votes).toHaveLength(3);
    // Exactly up to the limit is fine.
    expect(await storeMeetingContributions(db(), m, [counts(p1, 1, 1), counts(p2, 5)])).toMatchObject({ ok: true });
  });

  it("stores a paper ballot's votes and points, within the budget, its number at most once", async () => {
    const m = await meetingOf(open, 3);
    const [p1, p2, p3] = open.priorityIds as [number, number, number];
    const ballot = (ballotNumber: number, points: number[]): MeetingContribution => ({
      kind: "paper-ballot",
      ballotNumber,
      votes: [
        { priorityId: p1, value: "agree" },
        { priorityId: p2, value: "disagree" },
      ],
      points: points.map((value, i) => ({ priorityId: [p1, p2, p3][i]!, points: value })),
    });
    expect(await storeMeetingContributions(db(), m, [ballot(1, [6, 4, 0])])).toEqual({
      ok: true,
      votes: 2,
      ballots: 1,
      comments: [],
    });
    expect(await storeMeetingContributions(db(), m, [ballot(1, [1])])).toEqual({
      ok: false,
      reason: "ballot-number-used",
      index: 0,
      ballotNumber: 1,
    });
    expect(await storeMeetingContributions(db(), m, [ballot(4, [1])])).toMatchObject({
      reason: "ballot-number-out-of-range",
      peoplePresent: 3,
    });
    expect(await storeMeetingContributions(db(), m, [ballot(2, [6, 5])])).toEqual({
      ok: false,
      reason: "over-budget",
      index: 0,
      total: 11,
      budget: 10,
    });
    const { points } = await meetingRows(m.id);
    expect(points.map((p) => [p.priorityId, p.points, p.meetingBallot])).toEqual(
      expect.arrayContaining([
        [p1, 6, 1],
        [p2, 4, 1],
      ]),
    );
    expect(points).toHaveLength(2);
    const tally = await tallyBallot(db(), open.id);
    expect(tally.priorities.find((p) => p.priorityId === p1)?.points).toBeGreaterThanOrEqual(6);
  });

  it("refuses points where the consultation has no points ballot", async () => {
    const noBallot = await createConsultation(db(), {}, 1);
    const m = await meetingOf(noBallot, 2);
    const [p1] = noBallot.priorityIds as [number];
    const result = await storeMeetingContributions(db(), m, [
      { kind: "paper-ballot", ballotNumber: 1, votes: [], points: [{ priorityId: p1, points: 3 }] },
    ]);
    expect(result).toEqual({ ok: false, reason: "no-points-ballot", index: 0 });
  });

  it("sends comments through pre-moderation, with no author, at most one per person present and priority", async () => {
    const m = await meetingOf(open, 1);
    const [p1] = open.priorityIds as [number];
    const said: MeetingContribution = {
      kind: "comment",
      priorityId: p1,
      body: "Maji safi kwanza",
      stance: "supports",
      language: "sw",
    };
    const stored = await storeMeetingContributions(db(), m, [said]);
    expect(stored).toMatchObject({ ok: true, comments: [{ status: "pending" }] });
    expect(await storeMeetingContributions(db(), m, [said])).toMatchObject({ reason: "too-many-comments", left: 0 });
    const { comments } = await meetingRows(m.id);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({
      authorId: null,
      channel: "meeting",
      enteredById: facilitator,
      status: "pending",
    });
  });

  it("publishes comments at once under post-moderation", async () => {
    const post = await createConsultation(db(), { moderationMode: "post" }, 1);
    const m = await meetingOf(post, 2);
    const said: MeetingContribution = {
      kind: "comment",
      priorityId: post.priorityIds[0]!,
      body: "Nous voulons des médicaments moins chers",
      stance: null,
      language: "fr",
    };
    expect(await storeMeetingContributions(db(), m, [said, said])).toMatchObject({
      ok: true,
      comments: [{ status: "published" }, { status: "published" }],
    });
  });

  it("refuses priorities that are not this consultation's approved ones", async () => {
    const m = await meetingOf(open, 4);
    const pending = await createPriority(db(), open.id, "pending", 9);
    const elsewhere = await createConsultation(db(), {}, 1);
    for (const priorityId of [pending, elsewhere.priorityIds[0]!]) {
      expect(await storeMeetingContributions(db(), m, [counts(priorityId, 1)])).toEqual({
        ok: false,
        reason: "unknown-priority",
        index: 0,
        priorityId,
      });
    }
    // A meeting named with another consultation's id is no meeting at all.
    expect(
      await storeMeetingContributions(db(), { id: m.id, consultationId: elsewhere.id }, [
        counts(elsewhere.priorityIds[0]!, 1),
      ]),
    ).toEqual({ ok: false, reason: "meeting-voided" });
  });

  it("refuses everything once the consultation is no longer open", async () => {
    const closing = await createConsultation(db(), {}, 1);
    const m = await meetingOf(closing, 4);
    await db().update(consultation).set({ phase: "closed" }).where(eq(consultation.id, closing.id));
    expect(await storeMeetingContributions(db(), m, [counts(closing.priorityIds[0]!, 1)])).toEqual({
      ok: false,
      reason: "not-open",
    });
  });

  it("marks rows stored by an import with its id", async () => {
    const m = await meetingOf(open, 2);
    const { meetingImport } = await import("~db/schema");
    const [imported] = await db()
      .insert(meetingImport)
      .values({
        meetingId: m.id,
        consultationId: open.id,
        fileName: "meeting.csv",
        format: "csv",
        contentHash: `hash-${m.id}`,
        rows: [],
        rowErrors: [],
      })
      .returning({ id: meetingImport.id });
    await storeMeetingContributions(db(), m, [counts(open.priorityIds[2]!, 2)], { importId: imported!.id });
    const { votes } = await meetingRows(m.id);
    expect(votes.map((v) => v.meetingImportId)).toEqual([imported!.id, imported!.id]);
  });
});

describe("listing and voiding meetings", () => {
  let c: Fixture;
  let other: string;
  beforeAll(async () => {
    c = await createConsultation(db(), { ballotBudget: 5, moderationMode: "post" }, 2);
    [other] = (await createUsers(db(), 1)) as [string];
  });

  it("lists a facilitator's own meetings, or all of them, with per-facilitator totals", async () => {
    const mine = await meetingOf(c, 4);
    const theirs = await meetingOf(c, 6, other);
    await storeMeetingContributions(db(), mine, [counts(c.priorityIds[0]!, 4)]);
    await storeMeetingContributions(db(), theirs, [
      counts(c.priorityIds[0]!, 6),
      { kind: "comment", priorityId: c.priorityIds[1]!, body: "We need clinics", stance: "concerns", language: "en" },
    ]);
    const own = await listMeetings(db(), { consultationId: c.id, facilitatorId: facilitator, page: 1 });
    expect(own.meetings.map((m) => m.id)).toEqual([mine.id]);
    const all = await listMeetings(db(), { consultationId: c.id, page: 1 });
    expect(all.meetings.map((m) => [m.id, m.votes, m.comments]).sort()).toEqual(
      [
        [mine.id, 4, 0],
        [theirs.id, 6, 1],
      ].sort(),
    );
    const totals = await facilitatorTotals(db(), c.id);
    expect(totals.find((t) => t.facilitatorId === other)).toMatchObject({
      meetings: 1,
      peoplePresent: 6,
      votes: 6,
      comments: 1,
    });
  });

  it("voids a meeting: its votes and points deleted, its comments hidden, the decision logged without a name", async () => {
    const m = await meetingOf(c, 3);
    const [p1, p2] = c.priorityIds as [number, number];
    await storeMeetingContributions(db(), m, [
      counts(p1, 2, 1),
      { kind: "paper-ballot", ballotNumber: 1, votes: [], points: [{ priorityId: p2, points: 5 }] },
      { kind: "comment", priorityId: p2, body: "Too far to the clinic", stance: "concerns", language: "en" },
    ]);
    const before = await tallyBallot(db(), c.id);
    const result = await voidMeeting(db(), {
      consultationId: c.id,
      meetingId: m.id,
      moderatorId: moderator,
      reason: "The same meeting was entered twice",
    });
    expect(result).toEqual({ ok: true });
    const rows = await meetingRows(m.id);
    expect(rows.votes).toHaveLength(0);
    expect(rows.points).toHaveLength(0);
    expect(rows.comments.map((row) => row.status)).toEqual(["hidden"]);
    const after = await tallyBallot(db(), c.id);
    expect(after.totalPoints).toBe(before.totalPoints - 5);
    expect(
      await voidMeeting(db(), { consultationId: c.id, meetingId: m.id, moderatorId: moderator, reason: "x" }),
    ).toEqual({
      ok: false,
      reason: "already-voided",
    });
    expect(await storeMeetingContributions(db(), m, [counts(p1, 1)])).toEqual({ ok: false, reason: "meeting-voided" });
    const log = await listPublicModerationLog(db(), c.id);
    expect(log.entries[0]).toMatchObject({ targetType: "meeting", action: "void" });
    expect(Object.keys(log.entries[0]!)).not.toContain("actorId");
    const voided = await listMeetings(db(), { consultationId: c.id, page: 1 });
    expect(voided.meetings.find((row) => row.id === m.id)).toMatchObject({ status: "voided", votes: 0 });
    const totals = await facilitatorTotals(db(), c.id);
    expect(totals.find((t) => t.facilitatorId === facilitator)?.meetings).toBe(1);
    const stillCounted = await db()
      .select()
      .from(vote)
      .where(and(eq(vote.consultationId, c.id), eq(vote.priorityId, p1)));
    expect(stillCounted.every((row) => row.meetingId !== m.id)).toBe(true);
  });
});
