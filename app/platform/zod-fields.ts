/** Zod fields shared by many forms. Messages are i18n keys. */
import { z } from "zod";

/** The largest Postgres integer: a bigger id cannot exist, and would make the query itself fail. */
export const maxRowId = 2_147_483_647;

/** A row id posted by a form: anything else is answered with `message` (never reaches the database). */
export const rowId = (message: string) =>
  z.coerce.number({ error: message }).int(message).positive(message).max(maxRowId, message);

/** Control characters other than line breaks and tabs: invisible, and NUL cannot be stored at all. */
const controlCharacters = /(?![\n\t])\p{Cc}/gu;

/** A long text a member or staff wrote (comment, summary): one kind of line break, no control characters, trimmed. */
export const writtenText = (requiredMessage: string) =>
  z
    .string({ error: requiredMessage })
    .transform((text) => text.replace(/\r\n?/g, "\n").replace(controlCharacters, "").trim())
    .refine((text) => text.length > 0, requiredMessage);

/**
 * A short text, trimmed, of `min` to `max` characters. A missing field and a too short one share
 * `tooShort`; a too long one gets `tooLong`, the same message unless the form names it apart.
 */
export const trimmedText = (min: number, max: number, tooShort: string, tooLong = tooShort) =>
  z.string({ error: tooShort }).trim().min(min, tooShort).max(max, tooLong);

/** For `z.preprocess`: an empty form field counts as not sent, so `.optional()` accepts it. */
export const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
