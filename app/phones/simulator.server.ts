/**
 * What the phone simulator leaves behind: nothing (docs/decisions/0049). A simulated phone goes
 * through the real endpoints, so its vote, ballot points and comment are written like anyone's; right
 * after each screen the phone is erased, which takes them with it (the foreign keys cascade), and so
 * is any reply queued for its number.
 */
import { eq } from "drizzle-orm";
import { outboxSms, phone } from "~db/schema";
import type { Database } from "~/platform/db.server";
import { phoneNumberHash } from "~/phones/sms.server";
import { isSimulatedNumber } from "~/phones/simulator";

export async function forgetSimulatedPhone(db: Database, secret: string, number: string): Promise<void> {
  // Never a real participant's phone, whatever a caller passes.
  if (!isSimulatedNumber(number)) throw new Error("not a simulated number");
  await db.transaction(async (tx) => {
    await tx.delete(phone).where(eq(phone.numberHash, phoneNumberHash(secret, number)));
    await tx.delete(outboxSms).where(eq(outboxSms.toNumber, number));
  });
}

/** The reply queued for a simulated message, before the phone is forgotten. */
export async function queuedReply(db: Database, dedupeKey: string): Promise<string | undefined> {
  const [row] = await db.select({ body: outboxSms.body }).from(outboxSms).where(eq(outboxSms.dedupeKey, dedupeKey));
  return row?.body;
}
