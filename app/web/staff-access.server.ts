/**
 * Who may use the staff console, checked by every loader and action of app/routes/staff*.tsx
 * through the edge's guard: visitors are sent to sign in, everyone but admins gets 403.
 */
import { getDb, type Database } from "~/platform/db.server";
import type { Language } from "~/platform/i18n/config";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { requireAbility } from "~/web/guard.server";
import { type Member } from "~/platform/permissions.server";
import { findStaffConsultation, type StaffConsultation } from "~/staff/consultations.server";
import { findInstitution, type InstitutionRow } from "~/staff/institutions.server";

export interface StaffContext {
  db: Database;
  actor: Member;
  language: Language;
}

/** A member allowed `action` outside any one consultation, with what every staff page needs. */
async function requireConsoleAbility(
  request: Request,
  action: "consultation.create" | "institution.manage",
): Promise<StaffContext> {
  const [{ actor }, language] = await Promise.all([requireAbility(request, action, null), getLanguage(request)]);
  return { db: await getDb(), actor, language };
}

/** The console itself: the list of consultations and creating one. */
export async function requireStaff(request: Request): Promise<StaffContext> {
  return requireConsoleAbility(request, "consultation.create");
}

/**
 * A consultation's settings, priorities and phase. Who may use the console is checked before the
 * slug is looked up, so that a draft answers exactly as a slug that names nothing (a visitor is sent
 * to sign in, anyone else but admins gets 403) and only the console's users learn that a slug is free.
 */
export async function requireStaffConsultation(
  request: Request,
  slug: string | undefined,
): Promise<StaffContext & StaffConsultation> {
  const context = await requireStaff(request);
  const found = await findStaffConsultation(context.db, slug ?? "");
  if (!found) throw new Response("Not Found", { status: 404 });
  await requireAbility(request, "consultation.edit", found.scope);
  return { ...found, ...context };
}

/** Naming moderators is a separate ability from editing the consultation. */
export async function requireRoleAssignment(request: Request): Promise<void> {
  await requireAbility(request, "role.assign", null);
}

export async function requireInstitutionManager(request: Request): Promise<StaffContext> {
  return requireConsoleAbility(request, "institution.manage");
}

export async function requireStaffInstitution(
  request: Request,
  slug: string | undefined,
): Promise<StaffContext & { institution: InstitutionRow }> {
  const context = await requireInstitutionManager(request);
  const found = await findInstitution(context.db, slug ?? "");
  if (!found) throw new Response("Not Found", { status: 404 });
  return { ...context, institution: found };
}
