/** Institutions and their members, as admins manage them. */
import { and, asc, eq } from "drizzle-orm";
import { institution, institutionMember, user } from "../../db/schema";
import type { Database, Queryable } from "../db.server";
import { findUserIdByEmail, roleHolderColumns, type GrantResult, type RoleHolder } from "./people.server";
import type { InstitutionInput } from "./staff-forms";

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
    const [taken] = await tx
      .select({ id: institution.id })
      .from(institution)
      .where(eq(institution.slug, input.slug))
      .limit(1);
    if (taken && taken.id !== institutionId) return { ok: false, field: "slug", error: "staff:errors.slugTaken" };
    if (institutionId === null) await tx.insert(institution).values(input);
    else await tx.update(institution).set(input).where(eq(institution.id, institutionId));
    return { ok: true, slug: input.slug };
  });
}

export async function listInstitutionMembers(db: Queryable, institutionId: number): Promise<RoleHolder[]> {
  return db
    .select(roleHolderColumns)
    .from(institutionMember)
    .innerJoin(user, eq(user.id, institutionMember.userId))
    .where(eq(institutionMember.institutionId, institutionId))
    .orderBy(asc(user.name), asc(user.email));
}

export async function addInstitutionMember(db: Queryable, institutionId: number, email: string): Promise<GrantResult> {
  const userId = await findUserIdByEmail(db, email);
  if (!userId) return { ok: false, reason: "no-account" };
  const inserted = await db
    .insert(institutionMember)
    .values({ institutionId, userId })
    .onConflictDoNothing()
    .returning({ userId: institutionMember.userId });
  return { ok: true, alreadyHeld: inserted.length === 0 };
}

export async function removeInstitutionMember(db: Queryable, institutionId: number, userId: string): Promise<boolean> {
  const removed = await db
    .delete(institutionMember)
    .where(and(eq(institutionMember.institutionId, institutionId), eq(institutionMember.userId, userId)))
    .returning({ userId: institutionMember.userId });
  return removed.length > 0;
}
