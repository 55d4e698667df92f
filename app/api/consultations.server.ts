/**
 * What institutions read about their consultations: the list with live participation figures (for
 * the portal and the API) and the JSON bodies of the read-only API. Only published content: no
 * author, no e-mail, no hidden comment ever goes into these answers.
 */
import { and, asc, count, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { ballotAllocation, consultation, institutionFollow } from "~db/schema";
import {
  effectivePhase,
  findConsultationWithScope,
  listPrioritiesWithCounts,
  type ConsultationRow,
} from "~/consultations/consultations.server";
import type { Queryable } from "~/platform/db.server";
import { supportedLanguages } from "~/platform/i18n/config";
import { summarizeVotes } from "~/participation/results";
import {
  countedComments,
  countedVotes,
  notFromVoidedMeeting,
  participantCountSql,
} from "~/participation/counted-input.server";
import { canTokenRead, type ConsultationScope } from "~/platform/permissions.server";
import { buildConsultationReport } from "~/reports/report.server";
import { reportChannels } from "~/reports/report-model";
import { listPublicResponses } from "~/responses/responses.server";
import { listPublicSummaries } from "~/summaries/summaries.server";

export interface InstitutionConsultation {
  id: number;
  slug: string;
  title: ConsultationRow["title"];
  phase: ConsultationRow["phase"];
  opensAt: Date | null;
  closesAt: Date | null;
  owningInstitutionId: number | null;
  /** Whether one of the institutions asked for owns it (else they follow it). */
  owned: boolean;
  participants: number;
  votes: number;
  publishedComments: number;
}

/** Consultations of these institutions that are not drafts, even by the clock (not open yet). */
function ofInstitutions(institutionIds: readonly number[]): SQL | undefined {
  const ids = [...institutionIds];
  return and(
    or(
      inArray(consultation.owningInstitutionId, ids),
      sql`exists (select 1 from ${institutionFollow} where ${institutionFollow.consultationId} = ${consultation.id}
        and ${inArray(institutionFollow.institutionId, ids)})`,
    ),
    ne(consultation.phase, "draft"),
    sql`not (${consultation.phase} = 'open' and ${consultation.opensAt} is not null and ${consultation.opensAt} > now())`,
  );
}

/**
 * Figures per consultation row. Written with table aliases because Drizzle leaves columns
 * unqualified inside a select list, which a correlated subquery cannot tell apart.
 */
const outerId = sql.raw(`"consultation"."id"`);
const participantCount = participantCountSql(outerId).mapWith(Number);
const voteCount = sql<number>`(select count(*)::int from vote v where ${countedVotes("v", outerId)})`;
/** Published comments on the consultation itself or on an approved priority: what anyone may read. */
const publishedCommentCount = sql<number>`(select count(*)::int from comment c where ${countedComments("c", outerId)})`;

/** The consultations these institutions own or follow, oldest first, a page at a time. */
export async function listInstitutionConsultations(
  db: Queryable,
  institutionIds: readonly number[],
  page: { offset: number; limit: number } = { offset: 0, limit: 500 },
): Promise<{ items: InstitutionConsultation[]; total: number }> {
  if (institutionIds.length === 0) return { items: [], total: 0 };
  const where = ofInstitutions(institutionIds);
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: consultation.id,
        slug: consultation.slug,
        title: consultation.title,
        phase: consultation.phase,
        opensAt: consultation.opensAt,
        closesAt: consultation.closesAt,
        owningInstitutionId: consultation.owningInstitutionId,
        participants: participantCount,
        votes: voteCount,
        publishedComments: publishedCommentCount,
      })
      .from(consultation)
      .where(where)
      .orderBy(asc(consultation.id))
      .offset(page.offset)
      .limit(page.limit),
    db.select({ total: count() }).from(consultation).where(where),
  ]);
  const now = new Date();
  return {
    items: rows.map((row) => ({
      ...row,
      phase: effectivePhase(row, now),
      owned: row.owningInstitutionId !== null && institutionIds.includes(row.owningInstitutionId),
    })),
    total: totals?.total ?? 0,
  };
}

/** A consultation the token's institution may read, or null (as if it did not exist). */
export async function findTokenConsultation(
  db: Queryable,
  institutionId: number,
  slug: string,
): Promise<{ consultation: ConsultationRow; scope: ConsultationScope } | null> {
  const found = await findConsultationWithScope(db, slug);
  return found && canTokenRead(institutionId, found.scope) ? found : null;
}

export function consultationDetail(row: ConsultationRow, scope: ConsultationScope) {
  return {
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    context: row.context,
    defaultLocale: row.defaultLocale,
    phase: scope.phase,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    ballotBudget: row.ballotBudget,
    regionCountries: row.regionCountries,
    regionCommunities: row.regionCommunities,
  };
}

/** Per approved priority: vote counts with the 95 % Wilson interval of agreement, and ballot points. */
export async function consultationResults(db: Queryable, consultationId: number) {
  const [priorities, points] = await Promise.all([
    listPrioritiesWithCounts(db, consultationId),
    db
      .select({
        priorityId: ballotAllocation.priorityId,
        points: sql<number>`coalesce(sum(${ballotAllocation.points}), 0)::int`,
        allocators: sql<number>`count(*) filter (where ${ballotAllocation.points} > 0)::int`,
      })
      .from(ballotAllocation)
      .where(and(eq(ballotAllocation.consultationId, consultationId), notFromVoidedMeeting("ballot_allocation")))
      .groupBy(ballotAllocation.priorityId),
  ]);
  return priorities.map((p) => {
    const { counts, total, agreeShare, agreeInterval } = summarizeVotes(p.counts);
    const ballot = points.find((row) => row.priorityId === p.id);
    return {
      priorityId: p.id,
      position: p.position,
      title: p.title,
      category: p.category,
      votes: { ...counts, total },
      agreeShare,
      agreeInterval95: agreeInterval,
      ballotPoints: ballot?.points ?? 0,
      ballotAllocators: ballot?.allocators ?? 0,
    };
  });
}

/**
 * The report's breakdowns as data: participation per week, participants by country, AU region, REC,
 * stakeholder group, language, age band and gender (consented profiles only), votes, ballots and
 * comments by channel (web, meeting, SMS, USSD), and each priority's
 * votes without declared commercial interests. A `null` count is under the small-cell threshold; a
 * `"withheld"` one is hidden only to protect another and may be of any size.
 */
export async function consultationBreakdowns(db: Queryable, row: ConsultationRow, smallCellThreshold: number) {
  const report = await buildConsultationReport(db, row, row.defaultLocale, smallCellThreshold);
  return {
    smallCellThreshold,
    participants: report.figures.participants,
    weekly: report.weekly,
    breakdowns: report.breakdowns,
    channels: { categories: reportChannels, ...report.channels },
    withoutDeclaredInterest: report.priorities.map((p) => ({
      priorityId: p.id,
      votes: { ...p.withoutInterest.counts, total: p.withoutInterest.total },
      agreeShare: p.withoutInterest.agreeShare,
      agreeInterval95: p.withoutInterest.agreeInterval,
    })),
  };
}

/** Published summaries in every language they are written in (no fallbacks); quotes carry no names. */
export async function consultationSummaries(db: Queryable, row: Pick<ConsultationRow, "id" | "defaultLocale">) {
  const perLanguage = await Promise.all(supportedLanguages.map((language) => listPublicSummaries(db, row, language)));
  return perLanguage
    .flat()
    .filter((s) => !s.isFallback)
    .map(({ priorityId, language, publishedAt, segments }) => ({
      priorityId,
      locale: language,
      publishedAt,
      segments: segments.map((segment) =>
        segment.kind === "html"
          ? segment
          : {
              kind: "quote" as const,
              quote: {
                commentId: segment.quote.commentId,
                body: segment.quote.body,
                language: segment.quote.language,
                stakeholderGroup: segment.quote.stakeholderGroup,
                country: segment.quote.country,
              },
            },
      ),
    }));
}

export async function consultationResponses(db: Queryable, consultationId: number) {
  const responses = await listPublicResponses(db, consultationId);
  return responses.map(({ id, title, body, publishedAt, commitments }) => ({
    id,
    title,
    body,
    publishedAt,
    commitments,
  }));
}
