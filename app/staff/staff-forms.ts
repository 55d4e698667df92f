/**
 * The forms of the staff console, as zod schemas whose messages are i18n keys. Texts in several
 * languages arrive as one field per language (`title_fr`), so an error can point at the very box
 * to correct; lists (countries, communities, institutions) arrive joined by commas (see
 * `joinListFields`), so every form goes through the app's one `parseForm`.
 */
import countries from "i18n-iso-countries";
import { z } from "zod";
import { priorityCategories, productTypes, regionalEconomicCommunities } from "~db/vocabulary";
import type { LocalizedText } from "~db/schema";
import { isSupportedLanguage, supportedLanguages, type Language } from "~/platform/i18n/config";
import { rowId } from "~/platform/zod-fields";
import { consultationPhases } from "~/staff/phases";

export const moderationModes = ["pre", "post"] as const;
export const resultsVisibilities = ["always", "after_vote", "after_close"] as const;

/** Fields posted as several values (a multiple select, a group of checkboxes). */
export const listFields = ["regionCountries", "regionCommunities", "followingInstitutionIds"] as const;

/** The same form data with each list field's values joined by commas into one value. */
export function joinListFields(formData: FormData, fields: readonly string[] = listFields): FormData {
  const joined = new FormData();
  for (const [key, value] of formData) if (!fields.includes(key)) joined.append(key, value);
  for (const field of fields) {
    const values = formData.getAll(field).filter((value): value is string => typeof value === "string" && value !== "");
    if (values.length > 0) joined.set(field, values.join(","));
  }
  return joined;
}

/** The values of a list field as `joinListFields` sent them back to refill the form. */
export function splitListValue(value: string | undefined): string[] {
  return value ? value.split(",") : [];
}

/** The name of the field holding `field` in `language`, e.g. `title_fr`. */
export function localizedFieldName<F extends string>(field: F, language: Language): `${F}_${Language}` {
  return `${field}_${language}`;
}

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

const optionalText = (max: number, message: string) =>
  z.preprocess((value) => value ?? "", z.string({ error: message }).trim().max(max, message));

/** One optional text field per supported language. */
function localizedFields<F extends string>(field: F, max: number, message: string) {
  return Object.fromEntries(
    supportedLanguages.map((language) => [localizedFieldName(field, language), optionalText(max, message)]),
  ) as Record<`${F}_${Language}`, ReturnType<typeof optionalText>>;
}

/** The languages that have a text, as stored: blank ones are left out. */
function collectLocalized<F extends string>(data: Record<`${F}_${Language}`, string>, field: F): LocalizedText {
  const text: LocalizedText = {};
  for (const language of supportedLanguages) {
    const value = data[localizedFieldName(field, language)];
    if (value) text[language] = value;
  }
  return text;
}

/** The form values of a stored text, one field per language. */
export function localizedValues(field: string, text: LocalizedText): Record<string, string> {
  return Object.fromEntries(
    supportedLanguages.map((language) => [localizedFieldName(field, language), text[language] ?? ""]),
  );
}

const slug = z
  .string({ error: "staff:errors.slug" })
  .trim()
  .toLowerCase()
  .min(2, "staff:errors.slug")
  .max(80, "staff:errors.slug")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "staff:errors.slug")
  // "/staff/consultations/new" and "/staff/institutions/new" are the creation pages.
  .refine((value) => value !== "new", "staff:errors.slug");

/** A whole number from `min` to `max`; anything else is `message`. */
const wholeNumber = (min: number, max: number, message: string) =>
  z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);

const dateTimeLocal = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A `datetime-local` value, read as UTC (the form says so). */
const utcDateTime = (message: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: message })
      .regex(dateTimeLocal, message)
      .transform((value) => new Date(`${value}:00Z`))
      .refine((date) => !Number.isNaN(date.getTime()), message)
      .optional(),
  );

/** The value a `datetime-local` input shows for a stored time (UTC). */
export function toDateTimeLocal(value: Date | string | null | undefined): string {
  return value ? new Date(value).toISOString().slice(0, 16) : "";
}

const countryCodes: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === "string" && value !== "" ? value.split(",") : []), z.array(item));

/** Adds "required in the default language" to each of `fields` left blank in that language. */
function requireInLanguage(
  data: Record<string, unknown>,
  fields: readonly string[],
  language: unknown,
  ctx: z.RefinementCtx,
) {
  if (!isSupportedLanguage(language)) return; // the language field has its own error
  for (const field of fields) {
    const name = localizedFieldName(field, language);
    if (!data[name]) ctx.addIssue({ code: "custom", path: [name], message: "staff:errors.requiredInDefaultLocale" });
  }
}

/**
 * Cross-field checks run even when other fields failed (zod skips them by default), so a refused
 * form lists every correction at once. They must then cope with fields left unparsed.
 */
const alwaysCheck = { when: () => true };

export const consultationForm = z
  .object({
    slug,
    ...localizedFields("title", 200, "staff:errors.titleTooLong"),
    ...localizedFields("summary", 1000, "staff:errors.summaryTooLong"),
    ...localizedFields("context", 10_000, "staff:errors.contextTooLong"),
    defaultLocale: z.enum(supportedLanguages, { error: "staff:errors.defaultLocale" }),
    regionCountries: list(z.string().refine((code) => countryCodes.has(code), "staff:errors.country")),
    regionCommunities: list(z.enum(regionalEconomicCommunities, { error: "staff:errors.community" })),
    opensAt: utcDateTime("staff:errors.dateTime"),
    closesAt: utcDateTime("staff:errors.dateTime"),
    moderationMode: z.enum(moderationModes, { error: "staff:errors.moderationMode" }),
    resultsVisibility: z.enum(resultsVisibilities, { error: "staff:errors.resultsVisibility" }),
    ballotBudget: z.preprocess(blankToUndefined, wholeNumber(1, 10_000, "staff:errors.ballotBudget").optional()),
    flagThreshold: z.preprocess(
      (value) => blankToUndefined(value) ?? 3,
      wholeNumber(1, 1000, "staff:errors.flagThreshold"),
    ),
    owningInstitutionId: z.preprocess(blankToUndefined, rowId("staff:errors.institution").optional()),
    followingInstitutionIds: list(rowId("staff:errors.institution")),
  })
  .superRefine((data, ctx) => {
    requireInLanguage(data, ["title", "summary"], data.defaultLocale, ctx);
    const { opensAt, closesAt } = data as { opensAt: unknown; closesAt: unknown };
    if (opensAt instanceof Date && closesAt instanceof Date && closesAt <= opensAt) {
      ctx.addIssue({ code: "custom", path: ["closesAt"], message: "staff:errors.closesBeforeOpens" });
    }
  }, alwaysCheck)
  .transform((data) => ({
    slug: data.slug,
    title: collectLocalized(data, "title"),
    summary: collectLocalized(data, "summary"),
    context: collectLocalized(data, "context"),
    defaultLocale: data.defaultLocale,
    regionCountries: [...new Set(data.regionCountries)],
    regionCommunities: [...new Set(data.regionCommunities)],
    opensAt: data.opensAt ?? null,
    closesAt: data.closesAt ?? null,
    moderationMode: data.moderationMode,
    resultsVisibility: data.resultsVisibility,
    ballotBudget: data.ballotBudget ?? null,
    flagThreshold: data.flagThreshold,
    owningInstitutionId: data.owningInstitutionId ?? null,
    // The owner reads the reports as owner; following as well would say nothing more.
    followingInstitutionIds: [...new Set(data.followingInstitutionIds)].filter((id) => id !== data.owningInstitutionId),
  }));

export type ConsultationInput = z.output<typeof consultationForm>;

/** A priority's texts must at least exist in its consultation's default language. */
export function priorityForm(defaultLocale: Language) {
  return z
    .object({
      ...localizedFields("title", 200, "staff:errors.titleTooLong"),
      ...localizedFields("body", 5000, "staff:errors.bodyTooLong"),
      category: z.enum(priorityCategories, { error: "staff:errors.category" }),
      productType: z.preprocess(
        blankToUndefined,
        z.enum(productTypes, { error: "staff:errors.productType" }).optional(),
      ),
      position: z.preprocess((value) => blankToUndefined(value) ?? 0, wholeNumber(0, 10_000, "staff:errors.position")),
    })
    .superRefine((data, ctx) => requireInLanguage(data, ["title", "body"], defaultLocale, ctx), alwaysCheck)
    .transform((data) => ({
      title: collectLocalized(data, "title"),
      body: collectLocalized(data, "body"),
      category: data.category,
      productType: data.productType ?? null,
      position: data.position,
    }));
}

export type PriorityInput = z.output<ReturnType<typeof priorityForm>>;

export const institutionForm = z
  .object({
    slug,
    ...localizedFields("name", 200, "staff:errors.nameTooLong"),
    website: z.preprocess(
      blankToUndefined,
      z
        .url({ protocol: /^https?$/, error: "staff:errors.website" })
        .max(500, "staff:errors.website")
        .optional(),
    ),
  })
  // Every page falls back to English, so an institution always has an English name.
  .superRefine((data, ctx) => requireInLanguage(data, ["name"], "en", ctx), alwaysCheck)
  .transform((data) => ({ slug: data.slug, name: collectLocalized(data, "name"), website: data.website ?? null }));

export type InstitutionInput = z.output<typeof institutionForm>;

export const emailForm = z.object({
  email: z.string({ error: "staff:errors.email" }).trim().toLowerCase().email("staff:errors.email"),
});

export const userIdForm = z.object({ userId: z.string({ error: "staff:errors.unknownPerson" }).min(1).max(200) });

export const phaseForm = z.object({
  from: z.enum(consultationPhases, { error: "staff:errors.phase" }),
  to: z.enum(consultationPhases, { error: "staff:errors.phase" }),
});

/** A stored consultation as the values of its form (the shape a refused post sends back). */
export function consultationFormValues(
  row: {
    slug: string;
    title: LocalizedText;
    summary: LocalizedText;
    context: LocalizedText;
    defaultLocale: string;
    regionCountries: readonly string[];
    regionCommunities: readonly string[];
    opensAt: Date | null;
    closesAt: Date | null;
    moderationMode: string;
    resultsVisibility: string;
    ballotBudget: number | null;
    flagThreshold: number;
    owningInstitutionId: number | null;
  },
  followingInstitutionIds: readonly number[],
): Record<string, string> {
  return {
    slug: row.slug,
    ...localizedValues("title", row.title),
    ...localizedValues("summary", row.summary),
    ...localizedValues("context", row.context),
    defaultLocale: row.defaultLocale,
    regionCountries: row.regionCountries.join(","),
    regionCommunities: row.regionCommunities.join(","),
    opensAt: toDateTimeLocal(row.opensAt),
    closesAt: toDateTimeLocal(row.closesAt),
    moderationMode: row.moderationMode,
    resultsVisibility: row.resultsVisibility,
    ballotBudget: row.ballotBudget === null ? "" : String(row.ballotBudget),
    flagThreshold: String(row.flagThreshold),
    owningInstitutionId: row.owningInstitutionId === null ? "" : String(row.owningInstitutionId),
    followingInstitutionIds: followingInstitutionIds.join(","),
  };
}

/** What the creation form starts from. */
export const newConsultationValues: Record<string, string> = {
  defaultLocale: "en",
  moderationMode: "post",
  resultsVisibility: "always",
  flagThreshold: "3",
};

/** Reads the per-language texts back out of form values, for the completeness indicator. */
export function localizedFromValues(field: string, values: Record<string, string | undefined>): LocalizedText {
  return Object.fromEntries(
    supportedLanguages.map((language) => [language, values[localizedFieldName(field, language)] ?? ""]),
  );
}

/** A stored priority as the values of its form. */
export function priorityFormValues(row: {
  title: LocalizedText;
  body: LocalizedText;
  category: string;
  productType: string | null;
  position: number;
}): Record<string, string> {
  return {
    ...localizedValues("title", row.title),
    ...localizedValues("body", row.body),
    category: row.category,
    productType: row.productType ?? "",
    position: String(row.position),
  };
}

export const priorityIdForm = z.object({ priorityId: rowId("staff:errors.unknownPriority") });

/** A stored institution as the values of its form. */
export function institutionFormValues(row: { slug: string; name: LocalizedText; website: string | null }) {
  return { slug: row.slug, ...localizedValues("name", row.name), website: row.website ?? "" };
}
