/**
 * What the actions of the staff pages have in common: saving a settings form, giving a role to an
 * account and taking it back, refusing an intent no form of the page posts.
 */
import type { z } from "zod";
import { redirectWithFlash } from "~/web/flash.server";
import { formFailure, parseForm } from "~/web/form-failures.server";
import type { GrantResult } from "~/staff/people.server";
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

/** Gives a role to the account with the posted e-mail, saying whether it already held it. */
export async function grantRoleByEmail(
  formData: FormData,
  grant: (email: string) => Promise<GrantResult>,
  { backTo, granted, alreadyHeld }: { backTo: string; granted: string; alreadyHeld: string },
) {
  const parsed = parseSubmission(emailForm, formData);
  if (!parsed.ok) return parsed.answer;
  const result = await grant(parsed.data.email);
  if (!result.ok) return formFailure(formData, { fieldErrors: { email: "staff:errors.noAccount" } }, 404);
  const message = result.alreadyHeld ? alreadyHeld : granted;
  return redirectWithFlash(backTo, { message, values: { email: parsed.data.email } });
}

/** Takes a role back from the posted person; a person who did not hold it is a 404. */
export async function revokeRole(
  formData: FormData,
  revoke: (userId: string) => Promise<boolean>,
  { backTo, message }: { backTo: string; message: string },
) {
  const parsed = parseForm(userIdForm, formData);
  const removed = parsed.ok && (await revoke(parsed.data.userId));
  if (!removed) return formFailure(formData, { fieldErrors: {}, formError: "staff:errors.unknownPerson" }, 404);
  return redirectWithFlash(backTo, { message });
}

export function unknownIntent(formData: FormData) {
  return formFailure(formData, { fieldErrors: {}, formError: "staff:errors.unknownAction" }, 400);
}
