/**
 * What a phone writes besides votes: ballot points and comments, with the web's rules (the budget,
 * the consultation's moderation mode). A phone linked to an account writes as that account
 * (docs/decisions/0040), so a person keeps one ballot and one author across channels.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import { ballotAllocation, comment } from "~db/schema";
import type { Queryable } from "~/platform/db.server";
import { holdIfSpam } from "~/moderation/records.server";
import type { PhoneRow } from "~/phones/sms.server";

type Channel = "sms" | "ussd";

export type PhoneBallotResult = { ok: true } | { ok: false; reason: "over-budget"; total: number };

/** Replaces the phone's (or its account's) whole ballot in the consultation. */
export async function savePhoneBallot(
  tx: Queryable,
  input: {
    consultationId: number;
    budget: number;
    allocations: { priorityId: number; points: number }[];
    phone: PhoneRow;
    channel: Channel;
  },
): Promise<PhoneBallotResult> {
  const total = input.allocations.reduce((sum, allocation) => sum + allocation.points, 0);
  if (total > input.budget) return { ok: false, reason: "over-budget", total };
  const owner = input.phone.userId
    ? eq(ballotAllocation.userId, input.phone.userId)
    : eq(ballotAllocation.phoneId, input.phone.id);
  await tx.delete(ballotAllocation).where(and(eq(ballotAllocation.consultationId, input.consultationId), owner));
  const rows = input.allocations
    .filter((allocation) => allocation.points > 0)
    .map((allocation) => ({
      consultationId: input.consultationId,
      priorityId: allocation.priorityId,
      points: allocation.points,
      channel: input.channel,
      ...(input.phone.userId ? { userId: input.phone.userId } : { phoneId: input.phone.id }),
    }));
  if (rows.length > 0) await tx.insert(ballotAllocation).values(rows);
  return { ok: true };
}

/** A repeated comment (a gateway's retry under a new id, a USSD session replayed) is not stored twice. */
const duplicateWindowSeconds = 10 * 60;

export type PhoneCommentResult = { ok: true; status: "pending" | "published" } | { ok: false; reason: "duplicate" };

export async function postPhoneComment(
  tx: Queryable,
  input: {
    consultationId: number;
    priorityId: number;
    moderationMode: "pre" | "post";
    body: string;
    language: string;
    phone: PhoneRow;
    channel: Channel;
  },
): Promise<PhoneCommentResult> {
  const [duplicate] = await tx
    .select({ id: comment.id })
    .from(comment)
    .where(
      and(
        eq(comment.phoneId, input.phone.id),
        eq(comment.priorityId, input.priorityId),
        eq(comment.body, input.body),
        gt(comment.createdAt, sql`now() - make_interval(secs => ${duplicateWindowSeconds})`),
      ),
    )
    .limit(1);
  if (duplicate) return { ok: false, reason: "duplicate" };
  // Pre-moderation holds it for the moderators, as it does a web comment.
  const status = input.moderationMode === "pre" ? "pending" : "published";
  const [row] = await tx
    .insert(comment)
    .values({
      consultationId: input.consultationId,
      priorityId: input.priorityId,
      authorId: input.phone.userId,
      phoneId: input.phone.id,
      body: input.body,
      language: input.language,
      status,
      channel: input.channel,
    })
    .returning({ id: comment.id });
  // Post-moderation: one that looks like spam goes to the queue, as a web comment does.
  if (status === "pending") return { ok: true, status };
  const author = input.phone.userId ? { authorId: input.phone.userId } : { phoneId: input.phone.id };
  const held = await holdIfSpam(tx, {
    consultationId: input.consultationId,
    commentId: row!.id,
    body: input.body,
    ...author,
  });
  return { ok: true, status: held };
}
