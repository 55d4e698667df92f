/** Institutions and their members, as admins manage them. */
import { asc, eq } from "drizzle-orm";
import { institution } from "~db/schema";
import type { Database, Queryable } from "~/platform/db.server";
import { slugTakenByAnother } from "~/staff/slugs.server";
import type { InstitutionInput } from "~/staff/staff-forms";

export type InstitutionRow = typeof institution.$inferSelect;

export async function listInstitutions(db: Queryable): Promise<InstitutionRow[]> {
  return db.select().from(institution).orderBy(asc(institution.slug));
}

export async function findInstitution(db: Queryable, slug: string): Promise<InstitutionRow | null> {
  const [row] = await db.select().from(institution).where(eq(institution.slug, slug)).limit(1);
  return row ?? null;
}

export type InstitutionSaveResult = { ok: true; slug: string } | { ok: false; field: "slug"; error: string };

/** Creates the institution, or changes the one with `institutionId`; refused when the slug is taken. */
export async function saveInstitution(
  db: Database,
  input: InstitutionInput,
  institutionId: number | null,
): Promise<InstitutionSaveResult> {
  return db.transaction(async (tx) => {
    if (await slugTakenByAnother(tx, institution, input.slug, institutionId)) {
      return { ok: false, field: "slug", error: "staff:errors.slugTaken" };
    }
    if (institutionId === null) await tx.insert(institution).values(input);
    else await tx.update(institution).set(input).where(eq(institution.id, institutionId));
    return { ok: true, slug: input.slug };
  });
}
