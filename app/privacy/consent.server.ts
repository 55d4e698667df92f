/**
 * Consents a member gives and withdraws (issue 14 item 7, docs/decisions/0021): to having their
 * profile answers counted in totals ("statistics") and to e-mail notifications ("notifications").
 *
 * Every change is a new `consent_record` row with the date and the version of the wording the member
 * was shown; the profile's `stats_consent` and `notify_by_email` columns are updated in the same
 * transaction. Those columns are the current state that every report, breakdown, opinion-group
 * composition and export reads when it is built, so a withdrawal takes the member out of everything
 * built afterwards.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { consentPurposes, consentRecord, profile, type ConsentPurpose } from "~db/schema";
import type { Queryable } from "~/platform/db.server";

/**
 * The version of the words each consent is given with (`privacy:consents.<purpose>.wording` and the
 * profile form's own label). Change the version whenever those words change in any language.
 */
export const consentWordingVersions: Record<ConsentPurpose, string> = {
  statistics: "1",
  notifications: "1",
};

/** The profile column that holds each purpose's current state. */
const profileColumn = { statistics: "statsConsent", notifications: "notifyByEmail" } as const;

export const consentForm = z.object({
  purpose: z.enum(consentPurposes, { error: "privacy:consents.errors.purpose" }),
  choice: z.enum(["give", "withdraw"], { error: "privacy:consents.errors.choice" }),
});

export interface CurrentConsent {
  purpose: ConsentPurpose;
  given: boolean;
  /** When the current choice was recorded; null when it was never changed (the default). */
  at: Date | null;
  wordingVersion: string | null;
}

/**
 * Records the member's choice for `purpose` and makes it the current state. Choosing what is already
 * the state records nothing: the date shown stays when the choice was made. True when it changed.
 */
export async function setConsent(
  db: Queryable,
  userId: string,
  purpose: ConsentPurpose,
  given: boolean,
  at?: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    // One change at a time per member: two tabs posting at once must not leave the record and the
    // profile disagreeing.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`consent:${userId}`}))`);
    const current = await currentConsents(tx, userId);
    const now = current.find((c) => c.purpose === purpose);
    if (now?.given === given) return false;
    const column = profileColumn[purpose];
    await tx
      .insert(profile)
      .values({ userId, [column]: given })
      .onConflictDoUpdate({ target: profile.userId, set: { [column]: given, updatedAt: sql`now()` } });
    await tx.insert(consentRecord).values({
      userId,
      purpose,
      given,
      wordingVersion: consentWordingVersions[purpose],
      ...(at ? { at } : {}),
    });
    return true;
  });
}

/**
 * Records the consents a profile form save changed, in the caller's transaction; `before` is the
 * stored profile (or the defaults when there was none).
 */
export async function recordConsentChanges(
  tx: Queryable,
  userId: string,
  before: ConsentColumns,
  after: ConsentColumns,
): Promise<void> {
  const changes = consentPurposes.filter((purpose) => before[profileColumn[purpose]] !== after[profileColumn[purpose]]);
  if (changes.length === 0) return;
  await tx.insert(consentRecord).values(
    changes.map((purpose) => ({
      userId,
      purpose,
      given: after[profileColumn[purpose]],
      wordingVersion: consentWordingVersions[purpose],
    })),
  );
}

export interface ConsentColumns {
  statsConsent: boolean;
  notifyByEmail: boolean;
}

/** What a member who never chose has: no statistics, e-mail notifications on. */
const defaults: Record<ConsentPurpose, boolean> = { statistics: false, notifications: true };

/** The member's current choice for every purpose, with when and under which wording it was made. */
export async function currentConsents(db: Queryable, userId: string): Promise<CurrentConsent[]> {
  const [stored] = await db
    .select({ statsConsent: profile.statsConsent, notifyByEmail: profile.notifyByEmail })
    .from(profile)
    .where(eq(profile.userId, userId))
    .limit(1);
  return Promise.all(
    consentPurposes.map(async (purpose) => {
      const [latest] = await db
        .select({ given: consentRecord.given, at: consentRecord.at, wordingVersion: consentRecord.wordingVersion })
        .from(consentRecord)
        .where(and(eq(consentRecord.userId, userId), eq(consentRecord.purpose, purpose)))
        .orderBy(desc(consentRecord.at), desc(consentRecord.id))
        .limit(1);
      const given = stored ? stored[profileColumn[purpose]] : defaults[purpose];
      // The profile column is the state; a record only dates it when the two agree.
      const dated = latest && latest.given === given ? latest : null;
      return { purpose, given, at: dated?.at ?? null, wordingVersion: dated?.wordingVersion ?? null };
    }),
  );
}

/** Every record of the member, oldest first (the history shown on the profile and in their data). */
export async function consentHistory(db: Queryable, userId: string) {
  return db
    .select({
      purpose: consentRecord.purpose,
      given: consentRecord.given,
      wordingVersion: consentRecord.wordingVersion,
      at: consentRecord.at,
    })
    .from(consentRecord)
    .where(eq(consentRecord.userId, userId))
    .orderBy(consentRecord.at, consentRecord.id);
}
