/**
 * The participant profile: everything optional, used only for aggregated statistics and only with
 * the member's explicit consent. The declared interest lets reports show results with and without
 * members who work for, or are funded by, commercial or procurement interests.
 */
import { eq, sql } from "drizzle-orm";
import countries from "i18n-iso-countries";
import { z } from "zod";
import { ageBands, genders, interestKinds, profile, stakeholderGroups } from "~db/schema";
import type { Queryable } from "~/platform/db.server";
import { recordConsentChanges } from "~/privacy/consent.server";
import { supportedLanguages } from "~/platform/i18n/config";
import { countryName } from "~/platform/format";
import { declaredInterestAnswers } from "~/participation/profile-fields";

const countryCodes: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));

const countryOptionsByLanguage = new Map<string, ReadonlyArray<{ code: string; name: string }>>();

/** Every ISO 3166-1 alpha-2 country, named and sorted in the reader's language. */
export function countryOptions(language: string): ReadonlyArray<{ code: string; name: string }> {
  let options = countryOptionsByLanguage.get(language);
  if (!options) {
    const collator = new Intl.Collator(language);
    options = [...countryCodes]
      .map((code) => ({ code, name: countryName(code, language) }))
      .sort((a, b) => collator.compare(a.name, b.name));
    countryOptionsByLanguage.set(language, options);
  }
  return options;
}

/** A form field left empty is "not answered"; anything else must be one of the choices. */
const optionalChoice = <T extends readonly [string, ...string[]]>(choices: T, message: string) =>
  z.preprocess((value) => (value === "" ? undefined : value), z.enum(choices, { error: message }).optional());

/** A checkbox posts "yes" when ticked and nothing when not; any other value was not sent by our form. */
const checkbox = (message: string) =>
  z.preprocess((value) => value ?? "no", z.enum(["yes", "no"], { error: message })).transform((v) => v === "yes");

export const profileForm = z
  .object({
    displayName: z.preprocess(
      (value) => value ?? "",
      z.string({ error: "profile:errors.displayNameTooLong" }).trim().max(80, "profile:errors.displayNameTooLong"),
    ),
    country: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .string({ error: "profile:errors.country" })
        .refine((code) => countryCodes.has(code), "profile:errors.country")
        .optional(),
    ),
    stakeholderGroup: optionalChoice(stakeholderGroups, "profile:errors.stakeholderGroup"),
    ageBand: optionalChoice(ageBands, "profile:errors.ageBand"),
    gender: optionalChoice(genders, "profile:errors.gender"),
    preferredLanguage: optionalChoice(supportedLanguages, "profile:errors.preferredLanguage"),
    declaredInterest: optionalChoice(declaredInterestAnswers, "profile:errors.declaredInterest"),
    interestKind: optionalChoice(interestKinds, "profile:errors.interestKind"),
    statsConsent: checkbox("profile:errors.checkbox"),
    notifyByEmail: checkbox("profile:errors.checkbox"),
    notifyInApp: checkbox("profile:errors.checkbox"),
  })
  .superRefine((input, context) => {
    if (input.declaredInterest === "yes" && !input.interestKind) {
      context.addIssue({ code: "custom", path: ["interestKind"], message: "profile:errors.interestKindRequired" });
    }
    if (input.declaredInterest !== "yes" && input.interestKind) {
      context.addIssue({ code: "custom", path: ["interestKind"], message: "profile:errors.interestKindWithoutYes" });
    }
  });

export type ProfileInput = z.infer<typeof profileForm>;

export type ProfileRow = typeof profile.$inferSelect;

/** What a member who never saved the profile has: nothing answered, no consent. */
function emptyProfile(userId: string): ProfileRow {
  return {
    userId,
    displayName: null,
    country: null,
    stakeholderGroup: null,
    ageBand: null,
    gender: null,
    preferredLanguage: null,
    hasDeclaredInterest: null,
    interestKind: null,
    statsConsent: false,
    notifyByEmail: true,
    notifyInApp: true,
    isDemo: false,
    updatedAt: new Date(0),
  };
}

export async function loadProfile(db: Queryable, userId: string): Promise<ProfileRow> {
  const [row] = await db.select().from(profile).where(eq(profile.userId, userId)).limit(1);
  return row ?? emptyProfile(userId);
}

const declaredInterestValue = { yes: true, no: false, "prefer-not": null } as const;

export async function saveProfile(db: Queryable, userId: string, input: ProfileInput): Promise<void> {
  const values = {
    displayName: input.displayName || null,
    country: input.country ?? null,
    stakeholderGroup: input.stakeholderGroup ?? null,
    ageBand: input.ageBand ?? null,
    gender: input.gender ?? null,
    preferredLanguage: input.preferredLanguage ?? null,
    // "Prefer not to say" and "not answered" both mean: nothing declared.
    hasDeclaredInterest: input.declaredInterest === undefined ? null : declaredInterestValue[input.declaredInterest],
    interestKind: input.interestKind ?? null,
    statsConsent: input.statsConsent,
    notifyByEmail: input.notifyByEmail,
    notifyInApp: input.notifyInApp,
    updatedAt: sql`now()`,
  };
  await db.transaction(async (tx) => {
    // The same lock as setConsent's, so a consent given on the panel and a form save do not cross.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`consent:${userId}`}))`);
    const before = await loadProfile(tx, userId);
    await tx
      .insert(profile)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: profile.userId, set: values });
    // A consent ticked or unticked on the form is recorded like one given or withdrawn on the panel.
    await recordConsentChanges(tx, userId, before, values);
  });
}

/**
 * The stored profile as the form posts it (field name → value; an unticked checkbox is absent), so
 * the page fills its form the same way from what is stored and from a refused post.
 */
export function profileFormValues(row: ProfileRow): Record<string, string> {
  const values: Record<string, string> = {
    displayName: row.displayName ?? "",
    country: row.country ?? "",
    stakeholderGroup: row.stakeholderGroup ?? "",
    ageBand: row.ageBand ?? "",
    gender: row.gender ?? "",
    preferredLanguage: row.preferredLanguage ?? "",
    declaredInterest: row.hasDeclaredInterest === null ? "prefer-not" : row.hasDeclaredInterest ? "yes" : "no",
    interestKind: row.interestKind ?? "",
  };
  if (row.statsConsent) values.statsConsent = "yes";
  if (row.notifyByEmail) values.notifyByEmail = "yes";
  if (row.notifyInApp) values.notifyInApp = "yes";
  return values;
}
