/** Flags: a member's report on a comment or a proposal, one per member per item, never on their own. */
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { rowId } from "~/platform/zod-fields";
import { comment, flag, flagReasons, priority } from "~db/schema";
import { rowOfConsultation, type Queryable } from "~/platform/db.server";
import { holdIfFlaggedEnough } from "~/moderation/records.server";

export const flagForm = z
  .object({
    targetType: z.enum(["comment", "priority"], { error: "participation:errors.unknownItem" }),
    targetId: rowId("participation:errors.unknownItem"),
    reason: z.enum(flagReasons, { error: "participation:flag.errors.reasonRequired" }),
    note: z.string().trim().max(1000, "participation:flag.errors.noteTooLong").optional(),
  })
  .refine((input) => input.reason !== "other" || (input.note ?? "").length >= 3, {
    path: ["note"],
    message: "participation:flag.errors.noteRequired",
  });

export type FlagInput = z.infer<typeof flagForm>;

export type FlagResult = { ok: true } | { ok: false; reason: "unknown-item" | "own-item" | "already-flagged" };

/** The author of a flaggable item in this consultation, or null when there is no such visible item. */
async function findFlaggableAuthor(
  db: Queryable,
  consultationId: number,
  target: Pick<FlagInput, "targetType" | "targetId">,
): Promise<string | null> {
  if (target.targetType === "comment") {
    const [row] = await db
      .select({ authorId: comment.authorId })
      .from(comment)
      .where(and(rowOfConsultation(comment, consultationId, target.targetId), eq(comment.status, "published")));
    // A former participant's comment (author erased) can be flagged like any other.
    return row ? (row.authorId ?? "") : null;
  }
  const [row] = await db
    .select({ authorId: priority.proposedById })
    .from(priority)
    .where(
      and(
        rowOfConsultation(priority, consultationId, target.targetId),
        // Pending, rejected or hidden proposals are not visible to other members.
        eq(priority.status, "approved"),
      ),
    );
  // Staff-written priorities have no author (null): only member proposals can be flagged.
  return row?.authorId ?? null;
}

export async function flagContent(
  db: Queryable,
  input: FlagInput & { consultationId: number; reporterId: string },
): Promise<FlagResult> {
  return db.transaction(async (tx): Promise<FlagResult> => {
    const authorId = await findFlaggableAuthor(tx, input.consultationId, input);
    if (authorId === null) return { ok: false, reason: "unknown-item" };
    if (authorId === input.reporterId) return { ok: false, reason: "own-item" };
    const inserted = await tx
      .insert(flag)
      .values({
        consultationId: input.consultationId,
        targetType: input.targetType,
        targetId: input.targetId,
        reporterId: input.reporterId,
        reason: input.reason,
        note: input.note || null,
      })
      .onConflictDoNothing()
      .returning({ id: flag.id });
    if (inserted.length === 0) return { ok: false, reason: "already-flagged" };
    if (input.targetType === "comment") {
      await holdIfFlaggedEnough(tx, { consultationId: input.consultationId, commentId: input.targetId });
    }
    return { ok: true };
  });
}
