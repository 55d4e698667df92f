/**
 * Parsing form posts with zod. Schemas use i18n keys as their messages, so an error reaches the
 * page as a key the page translates; what the user typed is sent back to refill the form.
 */
import { data } from "@remix-run/node";
import type { z } from "zod";
import type { Database } from "~/platform/db.server";
import { consumeRateLimit, type RateLimitRule } from "~/platform/rate-limit.server";

export type FieldErrors = Record<string, string>;

export interface FormFailure {
  fieldErrors: FieldErrors;
  formError?: string;
  /** Extra values for the translated message, e.g. minutes to wait. */
  formErrorValues?: Record<string, string | number>;
  values: Record<string, string>;
}

/** Everything posted except secrets, to refill the form. */
export function echoValues(formData: FormData, secretFields: readonly string[] = ["password"]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !secretFields.includes(key)) values[key] = value;
  }
  return values;
}

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/** `multiple` names fields posted several times (checkboxes): they are read as lists. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  multiple: readonly string[] = [],
): ParsedForm<z.infer<S>> {
  const values: Record<string, unknown> = Object.fromEntries(formData);
  for (const name of multiple) values[name] = formData.getAll(name);
  const result = schema.safeParse(values);
  if (result.success) {
    const fieldErrors = nulCharacterErrors(result.data);
    return Object.keys(fieldErrors).length === 0 ? { ok: true, data: result.data } : { ok: false, fieldErrors };
  }
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

/**
 * PostgreSQL stores no U+0000 in text or jsonb: a parsed value still holding one would fail its
 * query (a 500), so it is refused here, next to the field, whatever the form's schema. Schemas that
 * clean control characters away (comment bodies) never get here with one.
 */
function nulCharacterErrors(data: unknown): FieldErrors {
  const fieldErrors: FieldErrors = {};
  if (!data || typeof data !== "object") return fieldErrors;
  for (const [name, value] of Object.entries(data)) {
    if ([value].flat().some((item) => typeof item === "string" && item.includes("\u0000"))) {
      fieldErrors[name] = "common:formInput.nulCharacter";
    }
  }
  return fieldErrors;
}

/** The 4xx answer to a form that cannot be accepted as posted. */
export function formFailure(
  formData: FormData,
  failure: Omit<FormFailure, "values">,
  status = 400,
  headers?: HeadersInit,
) {
  return data<FormFailure>({ ...failure, values: echoValues(formData) }, { status, headers });
}

/** The 429 answer, saying in whole minutes when to try again. */
export function rateLimitedFailure(formData: FormData, retryAfterSeconds: number, message: string) {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return formFailure(formData, { fieldErrors: {}, formError: message, formErrorValues: { count: minutes } }, 429, {
    "Retry-After": String(retryAfterSeconds),
  });
}

/** Counts this post against `checks`: over a limit, the 429 answer saying `message`; else null. */
export async function rateLimitRefusal(
  db: Database,
  checks: Array<[RateLimitRule, string]>,
  formData: FormData,
  message: string,
) {
  const limit = await consumeRateLimit(db, checks);
  return limit.allowed ? null : rateLimitedFailure(formData, limit.retryAfterSeconds, message);
}
