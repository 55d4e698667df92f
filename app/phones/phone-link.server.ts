/**
 * Linking a phone to a web account (issue 16; docs/decisions/0040 and 0048): the member gives a
 * number, a six-digit code goes to it by SMS through the outbox, and the code typed back proves the
 * number is theirs. Only the code's hash is kept, for ten minutes and five tries. Once linked, what
 * the phone gave moves to the account, the account's own vote or ballot winning where both exist,
 * so the person counts once. The number itself is kept nowhere: the phone is known by its keyed
 * hash, and the profile shows the country and the last two digits.
 */
import { createHmac, randomInt } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { ballotAllocation, comment, phone, phoneLinkCode, vote } from "~db/schema";
import type { MaskedPhone } from "~/components/masked-phone";
import type { Database, Queryable } from "~/platform/db.server";
import { countryName } from "~/platform/format";
import { jobNames } from "~/platform/jobs/names";
import { wakeJob } from "~/platform/jobs/runner.server";
import { countryOfNumber, sameSecret } from "~/phones/gateways";
import { phoneNumberHash, upsertPhone } from "~/phones/sms.server";
import { queueSms } from "~/phones/sms-outbox.server";

export const linkCodeMinutes = 10;
export const linkCodeAttempts = 5;

/** The start of the outbox keys of a member's codes, so erasing the member can find them. */
export const linkCodeDedupePrefix = (userId: string) => `link:${userId}:`;

function codeHash(secret: string, userId: string, code: string): string {
  const key = createHmac("sha256", secret).update("baraza phone link code v1").digest();
  return createHmac("sha256", key).update(`${userId}:${code}`).digest("hex");
}

export interface LinkedPhone {
  id: number;
  countryCode: string | null;
  lastDigits: string | null;
}

export async function linkedPhones(db: Queryable, userId: string): Promise<LinkedPhone[]> {
  return db
    .select({ id: phone.id, countryCode: phone.countryCode, lastDigits: phone.lastDigits })
    .from(phone)
    .where(eq(phone.userId, userId))
    .orderBy(phone.id);
}

/** The member's linked phones as the profile shows them, countries named in `language`. */
export async function maskedPhones(db: Queryable, userId: string, language: string): Promise<MaskedPhone[]> {
  return (await linkedPhones(db, userId)).map((row) => ({
    id: row.id,
    country: row.countryCode ? countryName(row.countryCode, language) : null,
    digits: row.lastDigits ?? "",
  }));
}

/** The code waiting to be typed, if any, without its hash. */
export async function pendingLinkCode(db: Queryable, userId: string) {
  const [row] = await db
    .select({ lastDigits: phoneLinkCode.lastDigits, expiresAt: phoneLinkCode.expiresAt })
    .from(phoneLinkCode)
    .where(and(eq(phoneLinkCode.userId, userId), sql`${phoneLinkCode.expiresAt} > now()`));
  return row ?? null;
}

/**
 * Sends a new code to `number` (E.164), replacing any earlier one. `message` words the SMS in the
 * member's language around the code.
 */
export async function sendLinkCode(
  db: Database,
  input: { secret: string; userId: string; number: string; message: (code: string) => string },
): Promise<void> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const row = {
    numberHash: phoneNumberHash(input.secret, input.number),
    countryCode: countryOfNumber(input.number),
    lastDigits: input.number.slice(-2),
    codeHash: codeHash(input.secret, input.userId, code),
    attempts: 0,
    expiresAt: sql`now() + make_interval(mins => ${linkCodeMinutes})`,
  };
  await db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(phoneLinkCode)
      .values({ userId: input.userId, ...row })
      .onConflictDoUpdate({ target: phoneLinkCode.userId, set: { ...row, createdAt: sql`now()` } })
      .returning({ createdAt: phoneLinkCode.createdAt });
    await queueSms(tx, {
      dedupeKey: `${linkCodeDedupePrefix(input.userId)}${stored!.createdAt.toISOString()}`,
      to: input.number,
      body: input.message(code),
    });
  });
  wakeJob(jobNames.sms);
}

export type ConfirmLinkResult =
  { ok: true } | { ok: false; error: "noCode" | "expired" | "wrongCode" | "tooManyTries" };

/** Checks the typed code; right, it links the phone and moves its input to the account. */
export async function confirmLinkCode(
  db: Database,
  input: { secret: string; userId: string; code: string },
): Promise<ConfirmLinkResult> {
  return db.transaction(async (tx) => {
    const [pending] = await tx
      .select({
        numberHash: phoneLinkCode.numberHash,
        countryCode: phoneLinkCode.countryCode,
        lastDigits: phoneLinkCode.lastDigits,
        codeHash: phoneLinkCode.codeHash,
        attempts: phoneLinkCode.attempts,
        expired: sql<boolean>`${phoneLinkCode.expiresAt} <= now()`,
      })
      .from(phoneLinkCode)
      .where(eq(phoneLinkCode.userId, input.userId))
      .for("update");
    if (!pending) return { ok: false, error: "noCode" };
    if (pending.expired) {
      await tx.delete(phoneLinkCode).where(eq(phoneLinkCode.userId, input.userId));
      return { ok: false, error: "expired" };
    }
    if (!sameSecret(pending.codeHash, codeHash(input.secret, input.userId, input.code))) {
      // The last wrong try spends the code: guessing one in a million takes a new code every five tries.
      if (pending.attempts + 1 >= linkCodeAttempts) {
        await tx.delete(phoneLinkCode).where(eq(phoneLinkCode.userId, input.userId));
        return { ok: false, error: "tooManyTries" };
      }
      await tx
        .update(phoneLinkCode)
        .set({ attempts: pending.attempts + 1 })
        .where(eq(phoneLinkCode.userId, input.userId));
      return { ok: false, error: "wrongCode" };
    }
    await tx.delete(phoneLinkCode).where(eq(phoneLinkCode.userId, input.userId));
    const linked = await upsertPhone(tx, pending.numberHash, pending.countryCode);
    await tx.update(phone).set({ userId: input.userId, lastDigits: pending.lastDigits }).where(eq(phone.id, linked.id));
    await moveToAccount(tx, linked.id, input.userId);
    return { ok: true };
  });
}

/**
 * The phone's votes, ballots and comments become the account's (decision 0040): where the account
 * voted on the same priority, or has a ballot in the same consultation, the account's stands and
 * the phone's goes. Moved votes and ballots are the account's from then on, as a linked phone's
 * new votes are; comments keep their phone and channel, so they still show as sent by SMS or USSD.
 */
async function moveToAccount(tx: Queryable, phoneId: number, userId: string): Promise<void> {
  const accountVoted = tx.select({ priorityId: vote.priorityId }).from(vote).where(eq(vote.userId, userId));
  await tx
    .delete(vote)
    .where(and(eq(vote.phoneId, phoneId), isNull(vote.userId), inArray(vote.priorityId, accountVoted)));
  await tx
    .update(vote)
    .set({ userId, phoneId: null })
    .where(and(eq(vote.phoneId, phoneId), isNull(vote.userId)));

  const accountBallots = tx
    .selectDistinct({ consultationId: ballotAllocation.consultationId })
    .from(ballotAllocation)
    .where(eq(ballotAllocation.userId, userId));
  await tx
    .delete(ballotAllocation)
    .where(
      and(
        eq(ballotAllocation.phoneId, phoneId),
        isNull(ballotAllocation.userId),
        inArray(ballotAllocation.consultationId, accountBallots),
      ),
    );
  await tx
    .update(ballotAllocation)
    .set({ userId, phoneId: null })
    .where(and(eq(ballotAllocation.phoneId, phoneId), isNull(ballotAllocation.userId)));

  await tx.update(comment).set({ authorId: userId }).where(eq(comment.phoneId, phoneId));
}

/**
 * Unlinks one of the member's phones. What it gave while linked stays the account's: the phone
 * starts afresh as a participant of its own.
 */
export async function unlinkPhone(db: Queryable, userId: string, phoneId: number): Promise<boolean> {
  const rows = await db
    .update(phone)
    .set({ userId: null, lastDigits: null })
    .where(and(eq(phone.id, phoneId), eq(phone.userId, userId)))
    .returning({ id: phone.id });
  return rows.length > 0;
}
