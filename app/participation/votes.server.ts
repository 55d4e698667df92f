/** Agree / disagree / pass votes: one per member per priority, changeable while open. */
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { rowId } from "~/platform/zod-fields";
import { vote, voteValue, type VoteValue } from "~db/schema";
import type { Queryable } from "~/platform/db.server";

export const voteForm = z.object({
  priorityId: rowId("participation:errors.unknownPriority"),
  value: z.enum(voteValue.enumValues, { error: "participation:errors.voteValue" }),
});

export type CastVoteResult = { ok: true } | { ok: false; reason: "unknown-priority" };

/**
 * Records or changes a member's vote in one statement: the priority must belong to this
 * consultation and be votable, and the unique index turns a second vote into a change.
 */
export async function castVote(
  db: Queryable,
  input: { consultationId: number; priorityId: number; userId: string; value: VoteValue; enteredById?: string },
): Promise<CastVoteResult> {
  const rows = await db.execute(sql`
    insert into ${vote} (consultation_id, priority_id, user_id, value, entered_by_id)
    select p.consultation_id, p.id, ${input.userId}, ${input.value}, ${input.enteredById ?? null}
    from priority p
    where p.id = ${input.priorityId} and p.consultation_id = ${input.consultationId} and p.status = 'approved'
    on conflict (priority_id, user_id)
      do update set value = excluded.value, updated_at = now()
    returning ${vote.id}
  `);
  const inserted = (rows as unknown as { rows: unknown[] }).rows.length;
  return inserted === 1 ? { ok: true } : { ok: false, reason: "unknown-priority" };
}

/** The member's votes in a consultation, by priority id. */
export async function findOwnVotes(
  db: Queryable,
  userId: string,
  consultationId: number,
): Promise<Map<number, VoteValue>> {
  const rows = await db
    .select({ priorityId: vote.priorityId, value: vote.value })
    .from(vote)
    .where(and(eq(vote.userId, userId), eq(vote.consultationId, consultationId)));
  return new Map(rows.map((row) => [row.priorityId, row.value]));
}
