/** Consultations and institutions are named by a slug in their addresses: one slug, one row. */
import { eq } from "drizzle-orm";
import type { consultation, institution } from "~db/schema";
import type { Queryable } from "~/platform/db.server";

/** Whether `slug` already names a row of `table` other than the one with `ownId` (null: a new row). */
export async function slugTakenByAnother(
  db: Queryable,
  table: typeof consultation | typeof institution,
  slug: string,
  ownId: number | null,
): Promise<boolean> {
  const [taken] = await db.select({ id: table.id }).from(table).where(eq(table.slug, slug)).limit(1);
  return taken !== undefined && taken.id !== ownId;
}
