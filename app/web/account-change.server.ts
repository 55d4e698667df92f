/**
 * The first steps of a change a member makes to their own account (profile, consents, deletion):
 * the posted form read with its schema, then the per-member limit on account changes, which also
 * slows down password guesses from a session left open.
 */
import type { z } from "zod";
import type { Database } from "~/platform/db.server";
import type { Member } from "~/platform/permissions.server";
import { formFailure, parseForm, rateLimitRefusal } from "~/web/form-failures.server";

/**
 * The form's data, or the answer that refuses it: its field errors (under `summary`, the form's own
 * error, when given) or the 429 of a member changing their account too often.
 */
export async function parseAccountChange<S extends z.ZodType>(
  db: Database,
  actor: Member,
  formData: FormData,
  schema: S,
  summary?: string,
) {
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) {
    return {
      ok: false as const,
      answer: formFailure(formData, { fieldErrors: parsed.fieldErrors, formError: summary }),
    };
  }
  const limit = [["profilePerMember", actor.userId]] satisfies Parameters<typeof rateLimitRefusal>[1];
  const refused = await rateLimitRefusal(db, limit, formData, "participation:errors.rateLimited");
  return refused ? { ok: false as const, answer: refused } : parsed;
}
