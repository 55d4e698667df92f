/**
 * What the actions of the staff pages have in common: saving a settings form, giving a role to an
 * account and taking it back, refusing an intent no form of the page posts.
 */
import type { z } from "zod";
import { redirectWithFlash } from "~/web/flash.server";
import { formFailure, parseForm } from "~/web/form-failures.server";
import type { Queryable } from "~/platform/db.server";
import { grantRole, removeRole, type Role } from "~/staff/people.server";
import { emailForm, userIdForm } from "~/staff/staff-forms";
import { parseSubmission } from "~/web/forms.server";

type SaveResult = { ok: true; slug: string } | { ok: false; field: string; error: string };

/**
 * Saves a settings form (consultation, institution) and goes to the saved page under `pagesUnder`;
 * refused fields go back next to the form, a field that clashes with another record (the slug) is a 409.
 */
export async function saveSettings<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  save: (input: z.output<S>) => Promise<SaveResult>,
  { pagesUnder, message }: { pagesUnder: string; message: string },
) {
  const parsed = parseSubmission(schema, formData);
  if (!parsed.ok) return parsed.answer;
  const saved = await save(parsed.data);
  if (!saved.ok) return formFailure(formData, { fieldErrors: { [saved.field]: saved.error } }, 409);
  return redirectWithFlash(`${pagesUnder}/${saved.slug}`, { message });
}

/** What each role section's posts say back. */
const roleFlashes: Record<Role, { granted: string; alreadyHeld: string; removed: string }> = {
  moderator: {
    granted: "staff:flash.moderatorAssigned",
    alreadyHeld: "staff:flash.alreadyModerator",
    removed: "staff:flash.moderatorRemoved",
  },
  facilitator: {
    granted: "staff:flash.facilitatorAssigned",
    alreadyHeld: "staff:flash.alreadyFacilitator",
    removed: "staff:flash.facilitatorRemoved",
  },
  institutionMember: {
    granted: "staff:flash.memberAdded",
    alreadyHeld: "staff:flash.alreadyMember",
    removed: "staff:flash.memberRemoved",
  },
};

/**
 * A post of a role section: with `addIntent`, gives `role` over `overId` to the account with the
 * posted e-mail (saying whether it already held it); otherwise takes it back from the posted person,
 * a person who did not hold it being a 404. Back at `backTo` either way. `grantedById` is who gave it.
 */
export async function answerRolePost(
  formData: FormData,
  db: Queryable,
  {
    role,
    overId,
    addIntent,
    backTo,
    grantedById = null,
  }: { role: Role; overId: number; addIntent: string; backTo: string; grantedById?: string | null },
) {
  const flashes = roleFlashes[role];
  if (formData.get("intent") === addIntent) {
    const parsed = parseSubmission(emailForm, formData);
    if (!parsed.ok) return parsed.answer;
    const result = await grantRole(db, role, overId, parsed.data.email, grantedById);
    if (!result.ok) return formFailure(formData, { fieldErrors: { email: "staff:errors.noAccount" } }, 404);
    const message = result.alreadyHeld ? flashes.alreadyHeld : flashes.granted;
    return redirectWithFlash(backTo, { message, values: { email: parsed.data.email } });
  }
  const parsed = parseForm(userIdForm, formData);
  const removed = parsed.ok && (await removeRole(db, role, overId, parsed.data.userId));
  if (!removed) return formFailure(formData, { fieldErrors: {}, formError: "staff:errors.unknownPerson" }, 404);
  return redirectWithFlash(backTo, { message: flashes.removed });
}

export function unknownIntent(formData: FormData) {
  return formFailure(formData, { fieldErrors: {}, formError: "staff:errors.unknownAction" }, 400);
}
