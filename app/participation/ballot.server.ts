/**
 * The points ballot: each member spreads the consultation's budget of points over its approved
 * priorities, changeable while open; results are total points, share of all points and how many
 * members gave any.
 */
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { rowId } from "~/platform/zod-fields";
import { ballotAllocation, priority } from "~db/schema";
import type { Queryable } from "~/platform/db.server";
import { localize } from "~/platform/i18n/localize";
import type { ConsultationReader } from "~/consultations/reader";
import { resultsVisibleTo } from "~/participation/results";
import { ballotSourceKey, notFromVoidedMeeting } from "~/participation/counted-input.server";

export interface Allocation {
  priorityId: number;
  points: number;
}

/** The form names each input `points.<priority id>`. */
export const pointsFieldPrefix = "points.";

const priorityIdSchema = rowId("participation:errors.unknownPriority");

/** A blank input means no points; anything else must be written as a whole number, 0 or more. */
const pointsSchema = z
  .string({ error: "ballot:errors.wholeNumber" })
  .trim()
  .regex(/^\d*$/, "ballot:errors.wholeNumber")
  .transform((text) => (text === "" ? 0 : Number(text)));

export type ParsedBallot =
  { ok: true; allocations: Allocation[] } | { ok: false; fieldErrors: Record<string, string>; formError: string };

/**
 * Reads the `points.<id>` fields of a post. A field name that is not a priority id, or the same id
 * twice, can only come from a tampered form: refused as a whole.
 */
export function parseBallotForm(formData: FormData): ParsedBallot {
  const allocations: Allocation[] = [];
  const seen = new Set<number>();
  const fieldErrors: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (!name.startsWith(pointsFieldPrefix)) continue;
    const id = priorityIdSchema.safeParse(name.slice(pointsFieldPrefix.length));
    if (!id.success || seen.has(id.data)) {
      return { ok: false, fieldErrors: {}, formError: "ballot:errors.unknownPriority" };
    }
    seen.add(id.data);
    const points = pointsSchema.safeParse(value);
    if (points.success) allocations.push({ priorityId: id.data, points: points.data });
    else fieldErrors[name] = points.error.issues[0]?.message ?? "ballot:errors.wholeNumber";
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors, formError: "ballot:errors.checkFields" };
  return { ok: true, allocations };
}

export type SaveBallotResult =
  { ok: true } | { ok: false; reason: "over-budget"; total: number } | { ok: false; reason: "unknown-priority" };

/**
 * Replaces the member's whole ballot in one transaction: every posted priority must be one of this
 * consultation's approved priorities, zero points store no row.
 */
export async function saveBallot(
  db: Queryable,
  input: { consultationId: number; userId: string; budget: number; allocations: readonly Allocation[] },
): Promise<SaveBallotResult> {
  const { consultationId, userId, budget, allocations } = input;
  const total = allocations.reduce((sum, allocation) => sum + allocation.points, 0);
  if (total > budget) return { ok: false, reason: "over-budget", total };

  return db.transaction(async (tx) => {
    // Two posts by one member at once would otherwise interleave their deletes and inserts and
    // could together exceed the budget: one member's ballot changes one at a time.
    await tx.execute(sql`select pg_advisory_xact_lock(${consultationId}::int, hashtext(${userId}))`);
    const ids = allocations.map((allocation) => allocation.priorityId);
    if (ids.length > 0) {
      // Shared locks: a moderator cannot hide one of these priorities until the ballot is saved.
      const approved = await tx
        .select({ id: priority.id })
        .from(priority)
        .where(
          and(eq(priority.consultationId, consultationId), eq(priority.status, "approved"), inArray(priority.id, ids)),
        )
        .for("share");
      if (approved.length !== new Set(ids).size) return { ok: false, reason: "unknown-priority" } as const;
    }
    await tx
      .delete(ballotAllocation)
      .where(and(eq(ballotAllocation.consultationId, consultationId), eq(ballotAllocation.userId, userId)));
    const rows = allocations
      .filter((allocation) => allocation.points > 0)
      .map((allocation) => ({ consultationId, userId, ...allocation }));
    if (rows.length > 0) await tx.insert(ballotAllocation).values(rows);
    return { ok: true } as const;
  });
}

/** The member's points in a consultation, by priority id. */
export async function findOwnAllocations(
  db: Queryable,
  userId: string,
  consultationId: number,
): Promise<Map<number, number>> {
  const rows = await db
    .select({ priorityId: ballotAllocation.priorityId, points: ballotAllocation.points })
    .from(ballotAllocation)
    .where(and(eq(ballotAllocation.userId, userId), eq(ballotAllocation.consultationId, consultationId)));
  return new Map(rows.map((row) => [row.priorityId, row.points]));
}

export interface BallotTallyRow {
  priorityId: number;
  title: typeof priority.$inferSelect.title;
  points: number;
  /** Members who gave this priority any points. */
  members: number;
  /** Its points as a share of all points given; null while nobody has given any. */
  share: number | null;
}

export interface BallotTally {
  /** The approved priorities in their order, each with its tally. */
  priorities: BallotTallyRow[];
  totalPoints: number;
  /** Members who gave points to at least one priority. */
  ballots: number;
}

/** Points per approved priority; points once given to a priority that is no longer approved do not count. */
export async function tallyBallot(db: Queryable, consultationId: number): Promise<BallotTally> {
  const approved = and(eq(priority.consultationId, consultationId), eq(priority.status, "approved"));
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        priorityId: priority.id,
        title: priority.title,
        points: sql<number>`coalesce(sum(${ballotAllocation.points}), 0)::int`,
        members: sql<number>`(count(*) filter (where ${ballotAllocation.points} > 0))::int`,
      })
      .from(priority)
      .leftJoin(
        ballotAllocation,
        and(eq(ballotAllocation.priorityId, priority.id), notFromVoidedMeeting("ballot_allocation")),
      )
      .where(approved)
      .groupBy(priority.id)
      .orderBy(asc(priority.position), asc(priority.id)),
    db
      .select({ ballots: sql<number>`count(distinct ${ballotSourceKey("ballot_allocation")})::int` })
      .from(ballotAllocation)
      .innerJoin(priority, eq(priority.id, ballotAllocation.priorityId))
      .where(and(approved, gt(ballotAllocation.points, 0), notFromVoidedMeeting("ballot_allocation"))),
  ]);
  const totalPoints = rows.reduce((sum, row) => sum + row.points, 0);
  return {
    priorities: rows.map((row) => ({ ...row, share: totalPoints === 0 ? null : row.points / totalPoints })),
    totalPoints,
    ballots: counted?.ballots ?? 0,
  };
}

/**
 * What the consultation page shows of the ballot: null when the consultation has none. Results
 * follow the consultation's visibility setting, "has voted" meaning "has given points"; hidden
 * results are not sent at all.
 */
export async function loadBallotSection(context: ConsultationReader) {
  const { db, consultation: row, actor, language } = context;
  if (row.ballotBudget === null) return null;
  const [tally, own] = await Promise.all([
    tallyBallot(db, row.id),
    actor.kind === "member" ? findOwnAllocations(db, actor.userId, row.id) : new Map<number, number>(),
  ]);
  const visible = resultsVisibleTo(row.resultsVisibility, { phase: row.phase, hasVoted: own.size > 0 });
  const hiddenReason = row.resultsVisibility === "after_close" ? ("after-close" as const) : ("after-vote" as const);
  return {
    budget: row.ballotBudget,
    priorities: tally.priorities.map((p) => ({
      id: p.priorityId,
      title: localize(p.title, language, row.defaultLocale),
      own: own.get(p.priorityId) ?? 0,
    })),
    results: visible
      ? {
          totalPoints: tally.totalPoints,
          ballots: tally.ballots,
          // Most points first: the ranking is what the ballot is for.
          ranking: tally.priorities
            .map(({ priorityId, points, share, members }) => ({ id: priorityId, points, share, members }))
            .sort((a, b) => b.points - a.points),
        }
      : null,
    resultsHidden: visible ? null : hiddenReason,
  };
}

export type BallotSection = NonNullable<Awaited<ReturnType<typeof loadBallotSection>>>;
