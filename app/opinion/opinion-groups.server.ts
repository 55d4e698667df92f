/**
 * Opinion groups kept current: computed from the votes on approved priorities, stored per
 * consultation with the vote count and time they came from, and recomputed by a background
 * worker when enough changed, never on the request path (docs/opinion-groups.md).
 *
 * One computation at a time per consultation: the computation runs in a transaction that first
 * takes a transaction-level advisory lock on the consultation. A second process that finds the
 * lock taken gives up ("busy"); one that gets it after the first has committed finds the result
 * up to date. Reading the votes in that transaction also makes the stored vote count exactly the
 * count the result was computed from.
 */
import { and, eq, isNotNull, or, sql } from "drizzle-orm";
import { consultation, opinionGroupsResult, priority, profile, vote } from "~db/schema";
import { stakeholderGroups, type StakeholderGroup } from "~db/vocabulary";
import { queryRows, type Database, type Queryable, type Transaction } from "~/platform/db.server";
import { protectTable, type ProtectedTable } from "~/reports/small-cells";
import { DEFAULT_SMALL_CELL_THRESHOLD } from "~/reports/small-cells";
import {
  computeOpinionGroups,
  DEFAULT_MIN_GROUP_SIZE,
  DEFAULT_MIN_PARTICIPANTS,
  type GroupLabel,
} from "~/opinion/index";
import {
  DEFAULT_RECOMPUTE_POLICY,
  isGroupLabel,
  needsRecompute,
  toStoredOpinionGroups,
  votesChanged,
  type OpinionGroupsSummary,
  type RecomputePolicy,
  type VoteFingerprint,
  UNGROUPED,
} from "~/opinion/stored";

/** First key of the two-key advisory lock; the second is the consultation id. */
const OPINION_GROUPS_LOCK = 727_275;

export type RecomputeOutcome = "computed" | "unchanged" | "busy";

export interface RecomputeSettings {
  /**
   * The deployment's small-cell threshold (SMALL_CELL_THRESHOLD): no opinion group is smaller
   * than it, nor than DEFAULT_MIN_GROUP_SIZE.
   */
  readonly smallCellThreshold?: number;
}

/**
 * The votes opinion groups are computed from: those on approved priorities with a participant
 * behind them, a member or a phone. A meeting's votes are counted ballots with nobody to group.
 */
const groupedVotes = and(
  eq(priority.id, vote.priorityId),
  eq(priority.status, "approved"),
  or(isNotNull(vote.userId), isNotNull(vote.phoneId)),
);

async function currentFingerprint(db: Queryable, consultationId: number): Promise<VoteFingerprint> {
  const [row] = await db
    .select({ voteCount: sql<number>`count(*)::int`, latestVoteAt: sql<string | null>`max(${vote.updatedAt})` })
    .from(vote)
    .innerJoin(priority, groupedVotes)
    .where(eq(vote.consultationId, consultationId));
  return { voteCount: row?.voteCount ?? 0, latestVoteAt: toDate(row?.latestVoteAt) };
}

function toDate(value: string | Date | null | undefined): Date | null {
  return value === null || value === undefined ? null : new Date(value);
}

async function storedFingerprint(
  db: Queryable,
  consultationId: number,
): Promise<(VoteFingerprint & { computedAt: Date }) | null> {
  const [row] = await db
    .select({
      computedAt: opinionGroupsResult.computedAt,
      voteCount: opinionGroupsResult.voteCount,
      latestVoteAt: sql<string | null>`${opinionGroupsResult.result}->>'latestVoteAt'`,
    })
    .from(opinionGroupsResult)
    .where(eq(opinionGroupsResult.consultationId, consultationId));
  return row ? { ...row, latestVoteAt: toDate(row.latestVoteAt) } : null;
}

/** Each group's members in the stored result, so that a recomputation starts from them. */
async function storedMembers(db: Queryable, consultationId: number): Promise<string[][]> {
  const [row] = await db
    .select({ members: sql<Record<string, string[]> | null>`${opinionGroupsResult.result}->'members'` })
    .from(opinionGroupsResult)
    .where(eq(opinionGroupsResult.consultationId, consultationId));
  return Object.entries(row?.members ?? {})
    .filter(([label]) => isGroupLabel(label))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, members]) => members);
}

async function computeAndStore(
  tx: Transaction,
  consultationId: number,
  fingerprint: VoteFingerprint,
  settings: RecomputeSettings,
): Promise<void> {
  const started = performance.now();
  const [statements, votes, previousGroups] = await Promise.all([
    tx
      .select({ id: priority.id })
      .from(priority)
      .where(and(eq(priority.consultationId, consultationId), eq(priority.status, "approved"))),
    tx
      .select({
        participantId: sql<string>`coalesce(${vote.userId}, 'phone:' || ${vote.phoneId})`,
        statementId: vote.priorityId,
        value: vote.value,
      })
      .from(vote)
      .innerJoin(priority, groupedVotes)
      .where(eq(vote.consultationId, consultationId)),
    storedMembers(tx, consultationId),
  ]);
  const minGroupSize = Math.max(DEFAULT_MIN_GROUP_SIZE, settings.smallCellThreshold ?? DEFAULT_SMALL_CELL_THRESHOLD);
  const minParticipants = Math.max(DEFAULT_MIN_PARTICIPANTS, minGroupSize);
  const result = computeOpinionGroups(votes, {
    statementIds: statements.map((s) => s.id),
    minParticipants,
    minGroupSize,
    previousGroups,
  });
  const stored = toStoredOpinionGroups(result, { minParticipants, latestVoteAt: fingerprint.latestVoteAt });
  const row = {
    computedAt: new Date(),
    voteCount: votes.length,
    participantCount: result.participantsTotal,
    result: stored as unknown as Record<string, unknown>,
    durationMs: Math.round(performance.now() - started),
  };
  await tx
    .insert(opinionGroupsResult)
    .values({ consultationId, ...row })
    .onConflictDoUpdate({ target: opinionGroupsResult.consultationId, set: row });
}

/**
 * Computes and stores the consultation's groups unless the stored result already reflects every
 * vote (or `force`), or another computation of it is running.
 */
export async function recomputeOpinionGroups(
  db: Database,
  consultationId: number,
  options: RecomputeSettings & { force?: boolean } = {},
): Promise<RecomputeOutcome> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${OPINION_GROUPS_LOCK}::int, ${consultationId}::int) as locked`,
    );
    if (!lock?.locked) return "busy";
    const [stored, current] = await Promise.all([
      storedFingerprint(tx, consultationId),
      currentFingerprint(tx, consultationId),
    ]);
    if (!options.force && stored !== null && !votesChanged(stored, current)) return "unchanged";
    await computeAndStore(tx, consultationId, current, options);
    return "computed";
  });
}

interface FingerprintRow {
  consultation_id: number;
  vote_count: number;
  latest_vote_at: string | Date | null;
  stored_vote_count: number | null;
  stored_latest_vote_at: string | null;
  computed_at: string | Date | null;
}

/**
 * Recomputes, one after the other, every consultation (but drafts) whose result is out of date
 * under `policy`, until `signal` aborts (the process is stopping; the rest waits for another round).
 */
export async function recomputeStaleOpinionGroups(
  db: Database,
  now: Date = new Date(),
  policy: RecomputePolicy = DEFAULT_RECOMPUTE_POLICY,
  settings: RecomputeSettings = {},
  signal?: AbortSignal,
): Promise<{ consultationId: number; outcome: RecomputeOutcome }[]> {
  const rows = await queryRows<FingerprintRow>(
    db,
    sql`
      select c.id as consultation_id,
             coalesce(v.vote_count, 0)::int as vote_count,
             v.latest_vote_at,
             r.vote_count as stored_vote_count,
             r.result->>'latestVoteAt' as stored_latest_vote_at,
             r.computed_at
      from ${consultation} c
      left join (
        select v.consultation_id, count(*) as vote_count, max(v.updated_at) as latest_vote_at
        from ${vote} v join ${priority} p on p.id = v.priority_id and p.status = 'approved'
        group by v.consultation_id
      ) v on v.consultation_id = c.id
      left join ${opinionGroupsResult} r on r.consultation_id = c.id
      where c.phase <> 'draft'
      order by c.id
    `,
  );
  const due = rows.filter((row) =>
    needsRecompute(
      row.computed_at === null
        ? null
        : {
            computedAt: new Date(row.computed_at),
            voteCount: row.stored_vote_count ?? 0,
            latestVoteAt: toDate(row.stored_latest_vote_at),
          },
      { voteCount: row.vote_count, latestVoteAt: toDate(row.latest_vote_at) },
      now,
      policy,
    ),
  );
  const outcomes: { consultationId: number; outcome: RecomputeOutcome }[] = [];
  for (const row of due) {
    if (signal?.aborted) break;
    outcomes.push({
      consultationId: row.consultation_id,
      outcome: await recomputeOpinionGroups(db, row.consultation_id, settings),
    });
  }
  return outcomes;
}

// ───────────────────────────── reading ─────────────────────────────

/** Consenting members of each group by one profile answer, under the small-cell rule. */
export interface GroupComposition<C extends string = string> {
  /** Answers that occur at all, in the columns' order. */
  readonly categories: readonly C[];
  /** Rows in the order of the groups; `null` cells read "<5". */
  readonly table: ProtectedTable;
}

export interface OpinionGroupsView {
  readonly consultationId: number;
  readonly computedAt: string;
  readonly voteCount: number;
  readonly participantCount: number;
  readonly durationMs: number;
  readonly summary: OpinionGroupsSummary;
  /** Only members who gave `statsConsent`; empty when there are no groups. */
  readonly composition: {
    readonly stakeholderGroups: GroupComposition<StakeholderGroup>;
    readonly countries: GroupComposition;
  };
}

interface CompositionRow {
  label: string;
  stakeholder_group: StakeholderGroup | null;
  country: string | null;
  people: number;
}

function compositionTable<C extends string>(
  labels: readonly GroupLabel[],
  rows: readonly CompositionRow[],
  answerOf: (row: CompositionRow) => C | null,
  order: (a: C, b: C) => number,
): GroupComposition<C> {
  const counts = new Map<C, number[]>();
  for (const row of rows) {
    const answer = answerOf(row);
    const groupIndex = labels.indexOf(row.label as GroupLabel);
    if (answer === null || groupIndex < 0) continue;
    const column = counts.get(answer) ?? labels.map(() => 0);
    column[groupIndex]! += row.people;
    counts.set(answer, column);
  }
  const categories = [...counts.keys()].sort(order);
  const cells = labels.map((_, g) => categories.map((c) => counts.get(c)![g]!));
  return { categories, table: protectTable(cells) };
}

/**
 * Counted at read time from the stored member ids, so a member who withdraws consent leaves the
 * composition at once rather than at the next recomputation.
 */
async function loadComposition(
  db: Queryable,
  consultationId: number,
  labels: readonly GroupLabel[],
  stakeholderOrder: readonly StakeholderGroup[],
): Promise<OpinionGroupsView["composition"]> {
  const rows =
    labels.length === 0
      ? []
      : await queryRows<CompositionRow>(
          db,
          sql`
            select m.key as label, p.stakeholder_group, p.country, count(*)::int as people
            from ${opinionGroupsResult} r
            cross join lateral jsonb_each(r.result->'members') m
            cross join lateral jsonb_array_elements_text(m.value) u(user_id)
            join ${profile} p on p.user_id = u.user_id and p.stats_consent
            where r.consultation_id = ${consultationId}
            group by 1, 2, 3
          `,
        );
  return {
    stakeholderGroups: compositionTable(
      labels,
      rows,
      (row) => row.stakeholder_group,
      (a, b) => stakeholderOrder.indexOf(a) - stakeholderOrder.indexOf(b),
    ),
    countries: compositionTable(
      labels,
      rows,
      (row) => row.country,
      (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    ),
  };
}

export interface StoredOpinionGroupsRow {
  readonly computedAt: Date;
  readonly voteCount: number;
  readonly participantCount: number;
  readonly durationMs: number;
  readonly summary: OpinionGroupsSummary;
}

/** The stored result without member ids and without the composition, or null when none is stored yet. */
export async function loadOpinionGroupsSummary(
  db: Queryable,
  consultationId: number,
): Promise<StoredOpinionGroupsRow | null> {
  const [row] = await db
    .select({
      computedAt: opinionGroupsResult.computedAt,
      voteCount: opinionGroupsResult.voteCount,
      participantCount: opinionGroupsResult.participantCount,
      durationMs: opinionGroupsResult.durationMs,
      summary: sql<OpinionGroupsSummary>`${opinionGroupsResult.result} - 'members'`,
    })
    .from(opinionGroupsResult)
    .where(eq(opinionGroupsResult.consultationId, consultationId));
  return row ?? null;
}

/** The stored result of a consultation without member ids (JSON-serialisable), or null when none is stored yet. */
export async function loadOpinionGroups(db: Queryable, consultationId: number): Promise<OpinionGroupsView | null> {
  const row = await loadOpinionGroupsSummary(db, consultationId);
  if (!row) return null;
  const labels = row.summary.status === "ok" ? row.summary.groups.map((g) => g.label) : [];
  return {
    consultationId,
    computedAt: row.computedAt.toISOString(),
    voteCount: row.voteCount,
    participantCount: row.participantCount,
    durationMs: row.durationMs,
    summary: row.summary,
    composition: await loadComposition(db, consultationId, labels, stakeholderGroups),
  };
}

/**
 * The group a member was placed in by the stored result, UNGROUPED when placed in none (their
 * cluster was under the minimum size), or null (not placed, or nothing stored).
 */
export async function findOwnOpinionGroup(
  db: Queryable,
  consultationId: number,
  userId: string,
): Promise<GroupLabel | typeof UNGROUPED | null> {
  const [row] = await queryRows<{ label: string }>(
    db,
    sql`
      select m.key as label
      from ${opinionGroupsResult} r cross join lateral jsonb_each(r.result->'members') m
      where r.consultation_id = ${consultationId} and m.value ? ${userId}
    `,
  );
  if (row?.label === UNGROUPED) return UNGROUPED;
  return row && isGroupLabel(row.label) ? row.label : null;
}
