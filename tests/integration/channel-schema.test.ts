/**
 * The channel schema (issue 16): what the database itself refuses, whichever code writes, and that
 * meeting votes (one row per ballot, no member) leave opinion groups alone.
 */
import { describe, expect, it } from "vitest";
import { recomputeOpinionGroups } from "~/opinion/opinion-groups.server";
import { ballotAllocation, comment, meeting, opinionGroupsResult, vote } from "~db/schema";
import { eq } from "drizzle-orm";
import { createConsultation, createUsers, recordMeeting } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

/** The constraint a refused write broke, as PostgreSQL names it (Drizzle wraps the driver's error). */
async function brokenConstraint(write: Promise<unknown>): Promise<string | undefined> {
  try {
    await write;
  } catch (error) {
    const cause = (error as { cause?: { constraint?: string; message?: string } }).cause;
    return cause?.constraint ?? cause?.message;
  }
  return undefined;
}

const insertVote = (values: typeof vote.$inferInsert) => db().insert(vote).values(values);
const insertBallot = (values: typeof ballotAllocation.$inferInsert) => db().insert(ballotAllocation).values(values);

describe("the channel schema", () => {
  it("takes a meeting's votes as rows with no member, channel 'meeting', and web votes by default", async () => {
    const c = await createConsultation(db());
    const { meetingId, facilitator } = await recordMeeting(db(), c.id);
    const [member] = await createUsers(db(), 1);
    const priorityId = c.priorityIds[0]!;
    await db()
      .insert(vote)
      .values([
        ...Array.from({ length: 3 }, () => ({
          consultationId: c.id,
          priorityId,
          value: "agree" as const,
          channel: "meeting" as const,
          meetingId,
          enteredById: facilitator,
        })),
        { consultationId: c.id, priorityId, userId: member!, value: "disagree" as const },
      ]);
    const rows = await db()
      .select({ channel: vote.channel, userId: vote.userId })
      .from(vote)
      .where(eq(vote.priorityId, priorityId));
    expect(rows.filter((row) => row.channel === "meeting" && row.userId === null)).toHaveLength(3);
    expect(rows.filter((row) => row.channel === "web" && row.userId === member)).toHaveLength(1);
  });

  it("refuses a vote or ballot row with nobody behind it, and a channel that disagrees with its meeting", async () => {
    const c = await createConsultation(db());
    const { meetingId } = await recordMeeting(db(), c.id);
    const priorityId = c.priorityIds[0]!;
    const base = { consultationId: c.id, priorityId };
    expect(await brokenConstraint(insertVote({ ...base, value: "agree" }))).toBe("vote_has_source");
    expect(await brokenConstraint(insertVote({ ...base, value: "agree", meetingId }))).toBe("vote_meeting_channel");
    expect(await brokenConstraint(insertBallot({ ...base, points: 2 }))).toBe("ballot_allocation_has_source");
    expect(await brokenConstraint(insertBallot({ ...base, points: 2, channel: "meeting", meetingId }))).toBe(
      "ballot_allocation_meeting_ballot",
    );
    expect(
      await brokenConstraint(
        db().insert(comment).values({
          consultationId: c.id,
          priorityId,
          body: "Said at the meeting",
          language: "sw",
          channel: "meeting",
        }),
      ),
    ).toBe("comment_meeting_channel");
    expect(
      await brokenConstraint(
        db().insert(meeting).values({
          consultationId: c.id,
          heldOn: "2026-11-20",
          country: "TZ",
          place: "Nowhere",
          language: "sw",
          peoplePresent: 0,
          method: "discussion",
        }),
      ),
    ).toBe("meeting_people_present_positive");
  });

  it("keeps one row per paper ballot and priority, and one per member and priority", async () => {
    const c = await createConsultation(db());
    const { meetingId } = await recordMeeting(db(), c.id);
    const [member] = await createUsers(db(), 1);
    const priorityId = c.priorityIds[0]!;
    const paper = { consultationId: c.id, priorityId, points: 3, channel: "meeting" as const, meetingId };
    await db()
      .insert(ballotAllocation)
      .values([
        { ...paper, meetingBallot: 1 },
        { ...paper, meetingBallot: 2 },
      ]);
    expect(await brokenConstraint(insertBallot({ ...paper, meetingBallot: 1 }))).toBe(
      "ballot_allocation_one_per_paper_ballot_per_priority",
    );
    await insertBallot({ consultationId: c.id, priorityId, points: 1, userId: member! });
    expect(await brokenConstraint(insertBallot({ consultationId: c.id, priorityId, points: 1, userId: member! }))).toBe(
      "ballot_allocation_one_per_member_per_priority",
    );
  });

  it("leaves meeting votes out of opinion groups: they have no participant to group", async () => {
    const c = await createConsultation(db());
    const { meetingId } = await recordMeeting(db(), c.id, { peoplePresent: 40 });
    const members = await createUsers(db(), 2);
    await db()
      .insert(vote)
      .values([
        ...c.priorityIds.flatMap((priorityId) =>
          Array.from({ length: 10 }, () => ({
            consultationId: c.id,
            priorityId,
            value: "agree" as const,
            channel: "meeting" as const,
            meetingId,
          })),
        ),
        ...members.map((userId) => ({
          consultationId: c.id,
          priorityId: c.priorityIds[0]!,
          userId,
          value: "pass" as const,
        })),
      ]);
    expect(await recomputeOpinionGroups(db(), c.id)).toBe("computed");
    const [stored] = await db()
      .select({ voteCount: opinionGroupsResult.voteCount, participantCount: opinionGroupsResult.participantCount })
      .from(opinionGroupsResult)
      .where(eq(opinionGroupsResult.consultationId, c.id));
    expect(stored).toEqual({ voteCount: 2, participantCount: 2 });
  });
});
