/** Reading consultations and their priorities, with current vote counts. */
import { and, asc, desc, eq, getTableColumns, ne, sql } from "drizzle-orm";
import { consultation, institutionFollow, priority, vote, type VoteValue } from "~db/schema";
import { cacheFor } from "~/platform/cache.server";
import { notFromVoidedMeeting, participantCountSql } from "~/participation/counted-input.server";
import type { Database, Queryable } from "~/platform/db.server";
import type { ConsultationScope } from "~/platform/permissions.server";

export type ConsultationRow = typeof consultation.$inferSelect;
export type PriorityRow = typeof priority.$inferSelect;

export interface ConsultationListItem {
  slug: string;
  title: ConsultationRow["title"];
  summary: ConsultationRow["summary"];
  phase: ConsultationRow["phase"];
  opensAt: Date | null;
  closesAt: Date | null;
  isDemo: boolean;
  participantCount: number;
}

type ConsultationPhase = ConsultationRow["phase"];

/** The columns `effectivePhase` reads, for a query that lists consultations with their phase. */
export const phaseColumns = {
  phase: consultation.phase,
  opensAt: consultation.opensAt,
  closesAt: consultation.closesAt,
};

/**
 * The phase a consultation is in now. Staff set the phase; the clock moves an "open" consultation:
 * before `opensAt` it is not public yet (as a draft), from `closesAt` it is closed. Reading it at
 * request time is what makes the times hold without a scheduled job.
 */
export function effectivePhase(
  row: { phase: ConsultationPhase; opensAt: Date | null; closesAt: Date | null },
  now: Date = new Date(),
): ConsultationPhase {
  if (row.phase !== "open") return row.phase;
  if (row.opensAt && now < row.opensAt) return "draft";
  if (row.closesAt && now >= row.closesAt) return "closed";
  return "open";
}

/** Consultations a visitor may see (everything but drafts), newest first. */
export async function listVisibleConsultations(db: Queryable): Promise<ConsultationListItem[]> {
  const now = new Date();
  const rows = await db
    .select({
      slug: consultation.slug,
      title: consultation.title,
      summary: consultation.summary,
      ...phaseColumns,
      isDemo: consultation.isDemo,
      participantCount: participantCountSql(sql.raw(`"consultation"."id"`)).mapWith(Number),
    })
    .from(consultation)
    .where(ne(consultation.phase, "draft"))
    .orderBy(desc(consultation.opensAt), desc(consultation.id));
  return rows.map((row) => ({ ...row, phase: effectivePhase(row, now) })).filter((row) => row.phase !== "draft");
}

/**
 * A consultation and the part of it permissions look at, in one round trip (it is read by every
 * participation request). Both carry the effective phase, so every reader follows the clock.
 */
export async function findConsultationWithScope(
  db: Queryable,
  slug: string,
): Promise<{ consultation: ConsultationRow; scope: ConsultationScope } | null> {
  const stored = await readConsultationWithFollowers(db, slug);
  return stored && withEffectivePhase(stored);
}

interface StoredConsultation {
  row: ConsultationRow;
  followingInstitutionIds: number[];
}

async function readConsultationWithFollowers(db: Queryable, slug: string): Promise<StoredConsultation | null> {
  const [row] = await db
    .select({
      ...getTableColumns(consultation),
      followingInstitutionIds: sql<number[]>`array(
        select ${institutionFollow.institutionId} from ${institutionFollow}
        where ${institutionFollow.consultationId} = ${consultation.id})`,
    })
    .from(consultation)
    .where(eq(consultation.slug, slug))
    .limit(1);
  if (!row) return null;
  const { followingInstitutionIds, ...stored } = row;
  return { row: stored, followingInstitutionIds };
}

/** The stored row as of now: the phase follows the clock on every read, cached or not. */
function withEffectivePhase({ row, followingInstitutionIds }: StoredConsultation, now = new Date()) {
  const phase = effectivePhase(row, now);
  return {
    consultation: { ...row, phase },
    scope: {
      id: row.id,
      phase,
      owningInstitutionId: row.owningInstitutionId,
      followingInstitutionIds,
    } satisfies ConsultationScope,
  };
}

/**
 * `findConsultationWithScope` through the process's consultation cache (decision 0022): the
 * stored row and its followers are kept until a change to either is notified (a minute at most),
 * the phase is still worked out from the clock on every call.
 */
export async function findConsultationWithScopeCached(
  db: Database,
  slug: string,
): Promise<{ consultation: ConsultationRow; scope: ConsultationScope } | null> {
  const cache = cacheFor<StoredConsultation>(db, "consultation-by-slug", "consultation", {
    ttlMs: 60_000,
    maxEntries: 1_000,
  });
  const stored = await cache.get(slug, async () => {
    const found = await readConsultationWithFollowers(db, slug);
    return found && { value: found, tag: String(found.row.id) };
  });
  return stored && withEffectivePhase(stored);
}

export type VoteCounts = Record<VoteValue, number>;

export interface PriorityWithCounts extends PriorityRow {
  counts: VoteCounts;
}

/** The consultation's votable priorities in order, each with its agree/disagree/pass counts. */
export async function listPrioritiesWithCounts(db: Queryable, consultationId: number): Promise<PriorityWithCounts[]> {
  const [priorities, tallies] = await Promise.all([
    db
      .select()
      .from(priority)
      .where(and(eq(priority.consultationId, consultationId), eq(priority.status, "approved")))
      .orderBy(asc(priority.position), asc(priority.id)),
    db
      .select({ priorityId: vote.priorityId, value: vote.value, count: sql<number>`count(*)::int` })
      .from(vote)
      .where(and(eq(vote.consultationId, consultationId), notFromVoidedMeeting("vote")))
      .groupBy(vote.priorityId, vote.value),
  ]);
  return priorities.map((p) => {
    const counts: VoteCounts = { agree: 0, disagree: 0, pass: 0 };
    for (const tally of tallies) if (tally.priorityId === p.id) counts[tally.value] = tally.count;
    return { ...p, counts };
  });
}
