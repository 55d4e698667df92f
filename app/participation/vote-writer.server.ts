/**
 * Group commit for votes (docs/decisions/0029-votes-written-together.md): votes that arrive while
 * the previous batch is being written wait for it, then go together — their rate-limit counters in
 * one statement, the votes themselves in another. Each caller's promise settles only after the
 * statement holding its vote has committed, so an acknowledged vote is a stored vote.
 *
 * With no other vote in flight a vote is written at once, alone: batching adds no wait when the
 * site is quiet, and gathers more votes per statement the busier it gets.
 */
import { sql, type SQL } from "drizzle-orm";
import { rateLimit, vote, type VoteValue } from "~db/schema";
import { queryRows, type Database } from "~/platform/db.server";
import { rateLimitRules, type RateLimitRule } from "~/platform/rate-limit.server";
import { castVote, type CastVoteResult } from "~/participation/votes.server";

export interface VoteToWrite {
  consultationId: number;
  priorityId: number;
  userId: string;
  value: VoteValue;
}

export type GroupedVoteResult = CastVoteResult | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

interface Pending {
  vote: VoteToWrite;
  limits: ReadonlyArray<readonly [RateLimitRule, string]>;
  resolve: (result: GroupedVoteResult) => void;
  reject: (error: unknown) => void;
}

/** Most votes in one statement: five parameters each, far below PostgreSQL's 65,535. */
const maxBatch = 1_000;

class VoteWriter {
  private queue: Pending[] = [];
  private writing = false;

  constructor(private readonly db: Database) {}

  submit(vote: VoteToWrite, limits: Pending["limits"]): Promise<GroupedVoteResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ vote, limits, resolve, reject });
      // Votes submitted in the same tick go together even when nothing is being written.
      if (!this.writing) {
        this.writing = true;
        queueMicrotask(() => void this.drain());
      }
    });
  }

  private async drain() {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, maxBatch);
      try {
        await this.write(batch);
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    this.writing = false;
  }

  private async write(batch: Pending[]) {
    const decisions = await consumeTogether(this.db, batch);
    const allowed: Pending[] = [];
    batch.forEach((pending, index) => {
      const retryAfterSeconds = decisions[index]!;
      if (retryAfterSeconds > 0) pending.resolve({ ok: false, reason: "rate-limited", retryAfterSeconds });
      else allowed.push(pending);
    });
    if (allowed.length === 0) return;
    let written: Set<string>;
    try {
      written = await writeVotes(this.db, allowed);
    } catch {
      // One bad vote (a member deleted meanwhile, say) fails the whole statement: write each
      // alone, so that only that one fails and every other is written and acknowledged.
      await Promise.all(
        allowed.map(async (pending) => {
          try {
            pending.resolve(await castVote(this.db, pending.vote));
          } catch (error) {
            pending.reject(error);
          }
        }),
      );
      return;
    }
    for (const pending of allowed) {
      pending.resolve(
        written.has(pairKey(pending.vote.priorityId, pending.vote.userId))
          ? { ok: true }
          : { ok: false, reason: "unknown-priority" },
      );
    }
  }
}

const pairKey = (priorityId: number, userId: string) => `${priorityId}/${userId}`;

/**
 * One upsert for every rate-limit key of the batch, counting as many points on a key as the batch
 * has votes on it, with rate-limiter-flexible's rules (app/platform/rate-limit.server.ts reads the same
 * rows): an expired window starts again. Returns, per vote, 0 when allowed, else the seconds to wait.
 */
async function consumeTogether(db: Database, batch: readonly Pending[]): Promise<number[]> {
  const keys = new Map<string, { rule: RateLimitRule; count: number }>();
  for (const pending of batch) {
    for (const [rule, key] of pending.limits) {
      const full = `${rule}:${key}`;
      const entry = keys.get(full);
      if (entry) entry.count++;
      else keys.set(full, { rule, count: 1 });
    }
  }
  if (keys.size === 0) return batch.map(() => 0);
  const now = new Date();
  const rows = sql.join(
    [...keys].map(
      ([key, { rule, count }]) =>
        sql`(${key}, ${count}::int, ${new Date(now.getTime() + rateLimitRules[rule].duration * 1000).toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  const nowParam = now.toISOString();
  const stored = await queryRows<{ key: string; points: number; expire: string | Date | null }>(
    db,
    sql`insert into ${rateLimit} (key, points, expire) values ${rows}
        on conflict (key) do update set
          points = case when ${rateLimit.expire} <= ${nowParam}::timestamptz then excluded.points
                        else ${rateLimit.points} + excluded.points end,
          expire = case when ${rateLimit.expire} <= ${nowParam}::timestamptz then excluded.expire
                        else ${rateLimit.expire} end
        returning key, points, expire`,
  );
  const after = new Map(stored.map((row) => [row.key, row]));
  // The n-th vote of the batch on a key consumed the points before the batch plus n.
  const seen = new Map<string, number>();
  return batch.map((pending) => {
    let waitMs = 0;
    for (const [rule, key] of pending.limits) {
      const full = `${rule}:${key}`;
      const row = after.get(full)!;
      const position = (seen.get(full) ?? 0) + 1;
      seen.set(full, position);
      const consumed = row.points - keys.get(full)!.count + position;
      if (consumed > rateLimitRules[rule].points) {
        const expire = row.expire === null ? 0 : new Date(row.expire).getTime();
        waitMs = Math.max(waitMs, expire - now.getTime(), 1);
      }
    }
    return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
  });
}

/**
 * The batch's votes in one INSERT … SELECT: each only if its priority is this consultation's and
 * approved; a second vote on a pair changes it. A pair twice in one batch keeps the later value,
 * as if written one after the other. Rows go in a fixed order, so that two processes' batches take
 * their row locks in the same order and never deadlock. Returns the pairs written.
 */
async function writeVotes(db: Database, batch: readonly Pending[]): Promise<Set<string>> {
  const latest = new Map<string, VoteToWrite>();
  for (const { vote: v } of batch) latest.set(pairKey(v.priorityId, v.userId), v);
  const values: SQL[] = [...latest.values()].map(
    (v) => sql`(${v.consultationId}::int, ${v.priorityId}::int, ${v.userId}::text, ${v.value}::vote_value)`,
  );
  const rows = await queryRows<{ priority_id: number; user_id: string }>(
    db,
    sql`insert into ${vote} (consultation_id, priority_id, user_id, value)
        select p.consultation_id, p.id, v.user_id, v.value
        from (values ${sql.join(values, sql`, `)}) as v(consultation_id, priority_id, user_id, value)
        join priority p on p.id = v.priority_id and p.consultation_id = v.consultation_id and p.status = 'approved'
        order by p.id, v.user_id
        on conflict (priority_id, user_id)
          do update set value = excluded.value, updated_at = now()
        returning priority_id, user_id`,
  );
  return new Set(rows.map((row) => pairKey(Number(row.priority_id), row.user_id)));
}

const writers = new WeakMap<Database, VoteWriter>();

/**
 * Counts the vote against `limits` and records it (or changes the member's earlier vote), written
 * together with the votes arriving meanwhile. Settles after the commit that holds it.
 */
export function castVoteTogether(
  db: Database,
  vote: VoteToWrite,
  limits: ReadonlyArray<readonly [RateLimitRule, string]>,
): Promise<GroupedVoteResult> {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new VoteWriter(db)));
  return writer.submit(vote, limits);
}
