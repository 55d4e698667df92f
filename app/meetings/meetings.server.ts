/**
 * Community meetings (docs/decisions/0037, 0045): a facilitator records a meeting and types in, on
 * behalf of the people present, their votes, paper ballots and comments. Every row names the meeting
 * (channel `meeting`, decision 0038) and counts like a member's; the meeting's entries never exceed
 * its people present, and a voided meeting's input counts nowhere.
 *
 * Who may do what is the routes' business (`offline.enter`, `moderation.act` in
 * app/platform/permissions.server.ts); this module only keeps the data's own rules.
 */
import { and, count, countDistinct, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { ballotAllocation, comment, consultation, meeting, priority, user, vote } from "~db/schema";
import type { Queryable } from "~/platform/db.server";
import { postComment, statusOnPosting } from "~/participation/comments.server";
import { recordAction } from "~/moderation/records.server";
import type {
  MeetingContribution,
  MeetingInput,
  MeetingRefusal,
  PaperBallotContribution,
  StoreContributionsResult,
} from "~/meetings/meeting-input";

export type MeetingRow = typeof meeting.$inferSelect;

export const meetingsPerPage = 25;

/** Records a meeting held by `facilitatorId` in the consultation; its input is typed in afterwards. */
export async function recordMeeting(
  db: Queryable,
  input: MeetingInput & { consultationId: number; facilitatorId: string },
): Promise<MeetingRow> {
  const [row] = await db.insert(meeting).values(input).returning();
  if (!row) throw new Error("meeting insert returned no row");
  return row;
}

/** A meeting of this consultation, or null: an id from an address counts only in its consultation. */
export async function findMeeting(db: Queryable, consultationId: number, meetingId: number) {
  const [row] = await db
    .select()
    .from(meeting)
    .where(and(eq(meeting.id, meetingId), eq(meeting.consultationId, consultationId)));
  return row ?? null;
}

/** What one meeting holds: rows of the `vote`, `ballot_allocation` and `comment` tables it names. */
const votesOf = (meetingIds: SQL) => sql`(select count(*)::int from ${vote} where ${vote.meetingId} = ${meetingIds})`;
const commentsOf = (meetingIds: SQL) =>
  sql`(select count(*)::int from ${comment} where ${comment.meetingId} = ${meetingIds} and ${comment.status} <> 'removed')`;

/**
 * The consultation's meetings, newest first, with what each holds: only `facilitatorId`'s when
 * given (a facilitator sees their own), all of them otherwise (moderators, admins).
 */
export async function listMeetings(
  db: Queryable,
  input: { consultationId: number; facilitatorId?: string; page: number },
) {
  const where = and(
    eq(meeting.consultationId, input.consultationId),
    input.facilitatorId === undefined ? undefined : eq(meeting.facilitatorId, input.facilitatorId),
  );
  const [total] = await db.select({ count: count() }).from(meeting).where(where);
  const pageCount = Math.max(1, Math.ceil((total?.count ?? 0) / meetingsPerPage));
  const page = Math.min(Math.max(1, input.page), pageCount);
  const rows = await db
    .select({
      id: meeting.id,
      heldOn: meeting.heldOn,
      country: meeting.country,
      place: meeting.place,
      language: meeting.language,
      peoplePresent: meeting.peoplePresent,
      status: meeting.status,
      facilitatorName: user.name,
      votes: votesOf(sql`${meeting.id}`).mapWith(Number),
      comments: commentsOf(sql`${meeting.id}`).mapWith(Number),
    })
    .from(meeting)
    .leftJoin(user, eq(user.id, meeting.facilitatorId))
    .where(where)
    .orderBy(desc(meeting.heldOn), desc(meeting.id))
    .limit(meetingsPerPage)
    .offset((page - 1) * meetingsPerPage);
  return { meetings: rows, page, pageCount, total: total?.count ?? 0 };
}

export type MeetingListRow = Awaited<ReturnType<typeof listMeetings>>["meetings"][number];

/**
 * Per facilitator, what their meetings that still count hold: the figures a moderator watches for
 * one person outweighing the consultation. Voided meetings count nowhere, here neither.
 */
export async function facilitatorTotals(db: Queryable, consultationId: number) {
  return db
    .select({
      facilitatorId: meeting.facilitatorId,
      name: user.name,
      meetings: count(),
      peoplePresent: sql<number>`sum(${meeting.peoplePresent})::int`,
      votes: sql<number>`sum(${votesOf(sql`${meeting.id}`)})::int`,
      comments: sql<number>`sum(${commentsOf(sql`${meeting.id}`)})::int`,
    })
    .from(meeting)
    .leftJoin(user, eq(user.id, meeting.facilitatorId))
    .where(and(eq(meeting.consultationId, consultationId), eq(meeting.status, "recorded")))
    .groupBy(meeting.facilitatorId, user.name)
    .orderBy(desc(count()));
}

export type FacilitatorTotals = Awaited<ReturnType<typeof facilitatorTotals>>[number];

/**
 * What has been typed in for a meeting so far, per priority: votes, comments, and the paper ballot
 * numbers used. The entry limit (decision 0045) is read from the same figures.
 */
export async function meetingEntries(db: Queryable, meetingId: number) {
  // One after the other: inside a transaction the three would queue on its one connection anyway.
  const votes = await db
    .select({ priorityId: vote.priorityId, value: vote.value, count: count() })
    .from(vote)
    .where(eq(vote.meetingId, meetingId))
    .groupBy(vote.priorityId, vote.value);
  const comments = await db
    .select({ priorityId: comment.priorityId, count: count() })
    .from(comment)
    .where(and(eq(comment.meetingId, meetingId), sql`${comment.status} <> 'removed'`, isNotNull(comment.priorityId)))
    .groupBy(comment.priorityId);
  const ballots = await db
    .selectDistinct({ ballot: ballotAllocation.meetingBallot })
    .from(ballotAllocation)
    .where(eq(ballotAllocation.meetingId, meetingId));
  const perPriority = new Map<number, { agree: number; disagree: number; pass: number; comments: number }>();
  const entryOf = (priorityId: number) => {
    let entry = perPriority.get(priorityId);
    if (!entry) perPriority.set(priorityId, (entry = { agree: 0, disagree: 0, pass: 0, comments: 0 }));
    return entry;
  };
  for (const row of votes) entryOf(row.priorityId)[row.value] = row.count;
  for (const row of comments) if (row.priorityId !== null) entryOf(row.priorityId).comments = row.count;
  return {
    perPriority,
    ballotNumbers: new Set(ballots.map((row) => row.ballot).filter((ballot): ballot is number => ballot !== null)),
  };
}

export type MeetingEntries = Awaited<ReturnType<typeof meetingEntries>>;

export const votesOnPriority = (entry: { agree: number; disagree: number; pass: number } | undefined) =>
  entry ? entry.agree + entry.disagree + entry.pass : 0;

type Refusal = { ok: false } & MeetingRefusal;
const refuse = (refusal: MeetingRefusal): Refusal => ({ ok: false, ...refusal });

/**
 * Checks a whole batch against what the meeting already holds, as if its contributions were stored
 * one after the other: the first one at fault refuses the batch.
 */
function checkBatch(
  contributions: readonly MeetingContribution[],
  context: {
    peoplePresent: number;
    budget: number | null;
    approved: ReadonlySet<number>;
    entries: MeetingEntries;
  },
): Refusal | null {
  const { peoplePresent, budget, approved, entries } = context;
  const votes = new Map([...entries.perPriority].map(([id, entry]) => [id, votesOnPriority(entry)]));
  const comments = new Map([...entries.perPriority].map(([id, entry]) => [id, entry.comments]));
  const ballotNumbers = new Set(entries.ballotNumbers);
  const addVotes = (index: number, priorityId: number, added: number) => {
    if (!approved.has(priorityId)) return refuse({ reason: "unknown-priority", index, priorityId });
    const already = votes.get(priorityId) ?? 0;
    if (already + added > peoplePresent) {
      return refuse({ reason: "too-many-votes", index, priorityId, left: peoplePresent - already });
    }
    votes.set(priorityId, already + added);
    return null;
  };
  for (const [index, contribution] of contributions.entries()) {
    let refusal: Refusal | null = null;
    if (contribution.kind === "vote-counts") {
      const { agree, disagree, pass } = contribution;
      refusal = addVotes(index, contribution.priorityId, agree + disagree + pass);
    } else if (contribution.kind === "comment") {
      const { priorityId } = contribution;
      const already = comments.get(priorityId) ?? 0;
      if (!approved.has(priorityId)) refusal = refuse({ reason: "unknown-priority", index, priorityId });
      else if (already + 1 > peoplePresent) {
        refusal = refuse({ reason: "too-many-comments", index, priorityId, left: peoplePresent - already });
      } else comments.set(priorityId, already + 1);
    } else {
      refusal = checkPaperBallot(index, contribution, { peoplePresent, budget, ballotNumbers });
      for (const { priorityId } of contribution.votes) refusal ??= addVotes(index, priorityId, 1);
      for (const { priorityId } of contribution.points) {
        if (!approved.has(priorityId)) refusal ??= refuse({ reason: "unknown-priority", index, priorityId });
      }
    }
    if (refusal) return refusal;
  }
  return null;
}

function checkPaperBallot(
  index: number,
  ballot: PaperBallotContribution,
  context: { peoplePresent: number; budget: number | null; ballotNumbers: Set<number> },
): Refusal | null {
  const { ballotNumber } = ballot;
  if (!Number.isInteger(ballotNumber) || ballotNumber < 1 || ballotNumber > context.peoplePresent) {
    return refuse({ reason: "ballot-number-out-of-range", index, ballotNumber, peoplePresent: context.peoplePresent });
  }
  if (context.ballotNumbers.has(ballotNumber)) return refuse({ reason: "ballot-number-used", index, ballotNumber });
  for (const list of [ballot.votes, ballot.points]) {
    const seen = new Set<number>();
    for (const { priorityId } of list) {
      if (seen.has(priorityId)) return refuse({ reason: "same-priority-twice", index, priorityId });
      seen.add(priorityId);
    }
  }
  const total = ballot.points.reduce((sum, allocation) => sum + allocation.points, 0);
  if (total > 0 && context.budget === null) return refuse({ reason: "no-points-ballot", index });
  if (context.budget !== null && total > context.budget) {
    return refuse({ reason: "over-budget", index, total, budget: context.budget });
  }
  // Numbers of ballots with points are kept with them; a ballot of votes alone leaves no trace of
  // its number, the per-priority vote limit bounds it instead.
  if (total > 0) context.ballotNumbers.add(ballotNumber);
  return null;
}

/**
 * Stores a batch of a meeting's contributions in one transaction, all or nothing: vote counts (one
 * vote row per person counted), paper ballots (their votes, and their points as ballot rows of the
 * meeting's ballot `ballotNumber`), comments (through the consultation's moderation mode, as a web
 * comment). `importId` marks the rows a spreadsheet import stored, so undoing it removes exactly
 * them. Refused, with nothing stored, when the meeting is voided, the consultation is not open, or a
 * contribution breaks a limit (see `MeetingRefusal`).
 */
export async function storeMeetingContributions(
  db: Queryable,
  target: Pick<MeetingRow, "id" | "consultationId">,
  contributions: readonly MeetingContribution[],
  options: { importId?: number; enteredById?: string | null } = {},
): Promise<StoreContributionsResult> {
  return db.transaction(async (tx): Promise<StoreContributionsResult> => {
    // The meeting's row lock makes two batches for one meeting (two tabs, the form and an import)
    // check the entry limit one after the other.
    const [current] = await tx
      .select({
        status: meeting.status,
        peoplePresent: meeting.peoplePresent,
        facilitatorId: meeting.facilitatorId,
        phase: consultation.phase,
        budget: consultation.ballotBudget,
        moderationMode: consultation.moderationMode,
      })
      .from(meeting)
      .innerJoin(consultation, eq(consultation.id, meeting.consultationId))
      .where(and(eq(meeting.id, target.id), eq(meeting.consultationId, target.consultationId)))
      .for("update", { of: meeting });
    if (!current || current.status === "voided") return refuse({ reason: "meeting-voided" });
    if (current.phase !== "open") return refuse({ reason: "not-open" });

    const mentioned = [
      ...new Set(
        contributions.flatMap((c) =>
          c.kind === "paper-ballot" ? [...c.votes, ...c.points].map((p) => p.priorityId) : [c.priorityId],
        ),
      ),
    ];
    // Shared locks: a moderator cannot hide one of these priorities until the batch is stored.
    const approvedRows =
      mentioned.length === 0
        ? []
        : await tx
            .select({ id: priority.id })
            .from(priority)
            .where(
              and(
                eq(priority.consultationId, target.consultationId),
                eq(priority.status, "approved"),
                inArray(priority.id, mentioned),
              ),
            )
            .for("share");
    const refusal = checkBatch(contributions, {
      peoplePresent: current.peoplePresent,
      budget: current.budget,
      approved: new Set(approvedRows.map((row) => row.id)),
      entries: await meetingEntries(tx, target.id),
    });
    if (refusal) return refusal;

    const source = {
      consultationId: target.consultationId,
      channel: "meeting" as const,
      meetingId: target.id,
      meetingImportId: options.importId ?? null,
    };
    const enteredById = options.enteredById === undefined ? current.facilitatorId : options.enteredById;
    const votes = contributions.flatMap((c) => {
      if (c.kind === "vote-counts") {
        return (["agree", "disagree", "pass"] as const).flatMap((value) =>
          Array.from({ length: c[value] }, () => ({ ...source, enteredById, priorityId: c.priorityId, value })),
        );
      }
      if (c.kind === "paper-ballot") return c.votes.map((v) => ({ ...source, enteredById, ...v }));
      return [];
    });
    const points = contributions.flatMap((c) =>
      c.kind === "paper-ballot"
        ? c.points.filter((p) => p.points > 0).map((p) => ({ ...source, ...p, meetingBallot: c.ballotNumber }))
        : [],
    );
    // Inserted in slices: a large meeting's votes would exceed PostgreSQL's 65,535 parameters.
    for (let start = 0; start < votes.length; start += 5_000) {
      await tx.insert(vote).values(votes.slice(start, start + 5_000));
    }
    if (points.length > 0) await tx.insert(ballotAllocation).values(points);
    const comments: { id: number; status: "pending" | "published" }[] = [];
    for (const c of contributions) {
      if (c.kind !== "comment") continue;
      const posted = await postComment(tx, {
        ...c,
        consultationId: target.consultationId,
        parentId: null,
        status: statusOnPosting(current.moderationMode),
        meeting: { meetingId: target.id, enteredById, importId: options.importId ?? null },
      });
      // The priority was checked and locked above: only a broken invariant lands here.
      if (!posted.ok) throw new Error(`meeting comment refused: ${posted.reason}`);
      comments.push({ id: posted.id, status: posted.status });
    }
    const ballots = new Set(points.map((p) => p.meetingBallot)).size;
    return { ok: true, votes: votes.length, ballots, comments };
  });
}

export type VoidMeetingResult = { ok: true } | { ok: false; reason: "unknown-meeting" | "already-voided" };

/**
 * A moderator's decision that a meeting's input counts nowhere: its votes and ballot points are
 * deleted (so no count, report, export or API answer can include them, however it is computed) and
 * its comments hidden (kept for the moderators, shown nowhere). The meeting itself stays, voided,
 * with the reason, and the moderation log records the decision with what was taken away.
 */
export async function voidMeeting(
  db: Queryable,
  input: { consultationId: number; meetingId: number; moderatorId: string; reason: string },
): Promise<VoidMeetingResult> {
  return db.transaction(async (tx): Promise<VoidMeetingResult> => {
    const [current] = await tx
      .select({ status: meeting.status })
      .from(meeting)
      .where(and(eq(meeting.id, input.meetingId), eq(meeting.consultationId, input.consultationId)))
      .for("update");
    if (!current) return { ok: false, reason: "unknown-meeting" };
    if (current.status === "voided") return { ok: false, reason: "already-voided" };
    const deletedVotes = await tx.delete(vote).where(eq(vote.meetingId, input.meetingId)).returning({ id: vote.id });
    const deletedBallots = await tx
      .select({ ballots: countDistinct(ballotAllocation.meetingBallot) })
      .from(ballotAllocation)
      .where(eq(ballotAllocation.meetingId, input.meetingId));
    await tx.delete(ballotAllocation).where(eq(ballotAllocation.meetingId, input.meetingId));
    const hidden = await tx
      .update(comment)
      .set({ status: "hidden", updatedAt: new Date() })
      .where(and(eq(comment.meetingId, input.meetingId), inArray(comment.status, ["pending", "published"])))
      .returning({ id: comment.id });
    await tx
      .update(meeting)
      .set({ status: "voided", voidedReason: input.reason, voidedById: input.moderatorId, voidedAt: new Date() })
      .where(eq(meeting.id, input.meetingId));
    await recordAction(tx, {
      consultationId: input.consultationId,
      targetType: "meeting",
      targetId: input.meetingId,
      action: "void",
      actorId: input.moderatorId,
      reason: input.reason,
      details: {
        votes: deletedVotes.length,
        ballots: deletedBallots[0]?.ballots ?? 0,
        hiddenComments: hidden.map((row) => row.id),
      },
    });
    return { ok: true };
  });
}

/** The comments typed in for a meeting, oldest first, whatever their status (the facilitator's record). */
export async function listMeetingComments(db: Queryable, meetingId: number) {
  return db
    .select({
      id: comment.id,
      priorityId: comment.priorityId,
      body: comment.body,
      stance: comment.stance,
      language: comment.language,
      status: comment.status,
    })
    .from(comment)
    .where(eq(comment.meetingId, meetingId))
    .orderBy(comment.createdAt, comment.id);
}
