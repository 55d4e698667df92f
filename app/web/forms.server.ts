/**
 * The one way an action reads a posted form (decision 0042): parsed with its zod schema into typed
 * values, or the 400 answer carrying the field errors and everything typed, `intent` included, so
 * the page refills the form that was posted and only that one (`failureFor`).
 */
import type { z } from "zod";
import { formFailure, parseForm } from "~/web/form-failures.server";

/** `multiple` names fields posted several times (checkboxes): they are read as lists. */
export function parseSubmission<S extends z.ZodType>(schema: S, formData: FormData, multiple: readonly string[] = []) {
  const parsed = parseForm(schema, formData, multiple);
  if (parsed.ok) return parsed;
  return { ok: false as const, answer: formFailure(formData, { fieldErrors: parsed.fieldErrors }) };
}
