/**
 * Staff-written priorities of a consultation. Hiding takes a priority off every public page (only
 * `approved` ones are shown) and is logged like a moderator's decision; restoring undoes it.
 */
import { and, asc, eq } from "drizzle-orm";
import { moderationAction, priority } from "~db/schema";
import { rowOfConsultation, type Database, type Queryable } from "~/platform/db.server";
import type { PriorityInput } from "~/staff/staff-forms";

export type StaffPriority = typeof priority.$inferSelect;

/** Every priority of the consultation, whatever its status, in the order members see them. */
export async function listStaffPriorities(db: Queryable, consultationId: number): Promise<StaffPriority[]> {
  return db
    .select()
    .from(priority)
    .where(eq(priority.consultationId, consultationId))
    .orderBy(asc(priority.position), asc(priority.id));
}

export async function findStaffPriority(
  db: Queryable,
  consultationId: number,
  priorityId: number,
): Promise<StaffPriority | null> {
  const [row] = await db
    .select()
    .from(priority)
    .where(rowOfConsultation(priority, consultationId, priorityId))
    .limit(1);
  return row ?? null;
}

export async function createStaffPriority(
  db: Queryable,
  consultationId: number,
  input: PriorityInput,
): Promise<number> {
  const [row] = await db
    .insert(priority)
    .values({ ...input, consultationId, status: "approved" })
    .returning({ id: priority.id });
  if (!row) throw new Error("priority not inserted");
  return row.id;
}

/** False when the priority is not one of this consultation's. */
export async function updateStaffPriority(
  db: Queryable,
  consultationId: number,
  priorityId: number,
  input: PriorityInput,
): Promise<boolean> {
  const updated = await db
    .update(priority)
    .set({ ...input, updatedAt: new Date() })
    .where(rowOfConsultation(priority, consultationId, priorityId))
    .returning({ id: priority.id });
  return updated.length > 0;
}

/**
 * Hides an approved priority, or shows a hidden one again. False when there was nothing to change
 * (another consultation's priority, or not in the status the move starts from).
 */
export async function setPriorityHidden(
  db: Database,
  input: { consultationId: number; priorityId: number; actorId: string; hidden: boolean },
): Promise<boolean> {
  const [from, to] = input.hidden ? (["approved", "hidden"] as const) : (["hidden", "approved"] as const);
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(priority)
      .set({ status: to, updatedAt: new Date() })
      .where(and(rowOfConsultation(priority, input.consultationId, input.priorityId), eq(priority.status, from)))
      .returning({ id: priority.id });
    if (updated.length === 0) return false;
    await tx.insert(moderationAction).values({
      consultationId: input.consultationId,
      targetType: "priority",
      targetId: String(input.priorityId),
      action: input.hidden ? "hide" : "restore",
      actorId: input.actorId,
    });
    return true;
  });
}
