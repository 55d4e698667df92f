/**
 * The staff side of consultations: creating and editing them, moving them through their phases and
 * naming their moderators. Nothing here checks permissions: the routes do, through
 * app/platform/permissions.server.ts.
 */
import { and, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { consultation, institution, institutionFollow } from "~db/schema";
import { effectivePhase, phaseColumns, type ConsultationRow } from "~/consultations/consultations.server";
import type { Database, Queryable, Transaction } from "~/platform/db.server";
import type { ConsultationPhase, ConsultationScope } from "~/platform/permissions.server";
import { canMovePhase } from "~/staff/phases";
import { slugTakenByAnother } from "~/staff/slugs.server";
import type { ConsultationInput } from "~/staff/staff-forms";
import { emitConsultationClosed } from "~/webhooks/webhooks.server";

export interface StaffConsultationListItem {
  id: number;
  slug: string;
  title: ConsultationRow["title"];
  defaultLocale: string;
  /** The phase staff set. */
  phase: ConsultationPhase;
  /** The phase the clock makes of it now (see `effectivePhase`). */
  effectivePhase: ConsultationPhase;
  opensAt: Date | null;
  closesAt: Date | null;
}

/** Every consultation, drafts included, newest first. */
export async function listStaffConsultations(db: Queryable): Promise<StaffConsultationListItem[]> {
  const now = new Date();
  const rows = await db
    .select({
      id: consultation.id,
      slug: consultation.slug,
      title: consultation.title,
      defaultLocale: consultation.defaultLocale,
      ...phaseColumns,
    })
    .from(consultation)
    .orderBy(desc(consultation.createdAt), desc(consultation.id));
  return rows.map((row) => ({ ...row, effectivePhase: effectivePhase(row, now) }));
}

export interface StaffConsultation {
  /** As stored: `phase` is the phase staff set. */
  consultation: ConsultationRow;
  followingInstitutionIds: number[];
  effectivePhase: ConsultationPhase;
  /** For permission checks, with the effective phase like every other reader. */
  scope: ConsultationScope;
}

export async function findStaffConsultation(db: Queryable, slug: string): Promise<StaffConsultation | null> {
  const [row] = await db
    .select({
      ...getTableColumns(consultation),
      followingInstitutionIds: sql<number[]>`array(
        select ${institutionFollow.institutionId} from ${institutionFollow}
        where ${institutionFollow.consultationId} = ${consultation.id} order by 1)`,
    })
    .from(consultation)
    .where(eq(consultation.slug, slug))
    .limit(1);
  if (!row) return null;
  const { followingInstitutionIds, ...stored } = row;
  const phase = effectivePhase(stored);
  return {
    consultation: stored,
    followingInstitutionIds,
    effectivePhase: phase,
    scope: { id: stored.id, phase, owningInstitutionId: stored.owningInstitutionId, followingInstitutionIds },
  };
}

/** A refusal about one field of the form, as an i18n key. */
export type SaveResult = { ok: true; slug: string } | { ok: false; field: string; error: string };

async function checkReferences(
  tx: Transaction,
  input: ConsultationInput,
  consultationId: number | null,
): Promise<SaveResult | null> {
  if (await slugTakenByAnother(tx, consultation, input.slug, consultationId)) {
    return { ok: false, field: "slug", error: "staff:errors.slugTaken" };
  }
  const wanted = [...input.followingInstitutionIds, ...(input.owningInstitutionId ? [input.owningInstitutionId] : [])];
  if (wanted.length === 0) return null;
  const found = new Set(
    (await tx.select({ id: institution.id }).from(institution).where(inArray(institution.id, wanted))).map((r) => r.id),
  );
  if (input.owningInstitutionId && !found.has(input.owningInstitutionId)) {
    return { ok: false, field: "owningInstitutionId", error: "staff:errors.institution" };
  }
  if (input.followingInstitutionIds.some((id) => !found.has(id))) {
    return { ok: false, field: "followingInstitutionIds", error: "staff:errors.institution" };
  }
  return null;
}

function storedSettings({ followingInstitutionIds: _following, ...settings }: ConsultationInput) {
  return settings;
}

async function replaceFollowers(tx: Transaction, consultationId: number, institutionIds: readonly number[]) {
  await tx.delete(institutionFollow).where(eq(institutionFollow.consultationId, consultationId));
  if (institutionIds.length > 0) {
    await tx
      .insert(institutionFollow)
      .values(institutionIds.map((institutionId) => ({ institutionId, consultationId })));
  }
}

/** A new consultation, always a draft: opening it is a separate, confirmed step. */
export async function createConsultation(db: Database, input: ConsultationInput): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const refusal = await checkReferences(tx, input, null);
    if (refusal) return refusal;
    const [row] = await tx
      .insert(consultation)
      .values({ ...storedSettings(input), phase: "draft" })
      .returning({ id: consultation.id });
    if (!row) throw new Error("consultation not inserted");
    await replaceFollowers(tx, row.id, input.followingInstitutionIds);
    return { ok: true, slug: input.slug };
  });
}

/** Changes everything but the phase. */
export async function updateConsultation(
  db: Database,
  consultationId: number,
  input: ConsultationInput,
): Promise<SaveResult> {
  return db.transaction(async (tx) => {
    const refusal = await checkReferences(tx, input, consultationId);
    if (refusal) return refusal;
    await tx
      .update(consultation)
      .set({ ...storedSettings(input), updatedAt: new Date() })
      .where(eq(consultation.id, consultationId));
    await replaceFollowers(tx, consultationId, input.followingInstitutionIds);
    return { ok: true, slug: input.slug };
  });
}

export type PhaseChangeResult = { ok: true } | { ok: false; reason: "not-allowed" | "changed" };

/**
 * Moves the stored phase from `from` to `to`. `from` is the phase the person confirmed from: if
 * someone else moved the consultation meanwhile, nothing changes and they are told.
 */
export async function changePhase(
  db: Database,
  consultationId: number,
  from: ConsultationPhase,
  to: ConsultationPhase,
): Promise<PhaseChangeResult> {
  if (!canMovePhase(from, to)) return { ok: false, reason: "not-allowed" };
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(consultation)
      .set({ phase: to, updatedAt: new Date() })
      .where(and(eq(consultation.id, consultationId), eq(consultation.phase, from)))
      .returning({ id: consultation.id });
    if (updated.length === 0) return { ok: false, reason: "changed" } as const;
    if (to === "closed") await emitConsultationClosed(tx, consultationId);
    return { ok: true } as const;
  });
}
