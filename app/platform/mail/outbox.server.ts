/**
 * The mail outbox. Mail is written to `outbox_mail` (with a dedupe key, so an event never mails a
 * member twice) and sent by `deliverDueMail`, which claims rows with a lease: a sender that dies
 * mid-batch leaves its rows to be claimed again when the lease runs out, never lost.
 * Without SMTP_URL nothing is sent; the mails stay readable at /dev/outbox.
 */
import { createHash } from "node:crypto";
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { outboxMail } from "~db/schema";
import type { Database, Queryable } from "~/platform/db.server";
import { claimable, failedAttempt, leasedClaim } from "~/platform/backoff";

export interface MailMessage {
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  /** For mails a member can stop (notifications): the one-click unsubscribe address. */
  listUnsubscribeUrl?: string;
}

export const maxDeliveryAttempts = 6;

/** Queues a mail; a second call with the same dedupe key does nothing. */
export async function queueMail(db: Queryable, message: MailMessage): Promise<void> {
  await db
    .insert(outboxMail)
    .values({
      dedupeKey: message.dedupeKey,
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      listUnsubscribeUrl: message.listUnsubscribeUrl ?? null,
    })
    .onConflictDoNothing({ target: outboxMail.dedupeKey });
}

/** Queues many mails in a few statements; returns how many were new. */
export async function queueMails(db: Queryable, messages: readonly MailMessage[]): Promise<number> {
  let queued = 0;
  const chunk = 500;
  for (let start = 0; start < messages.length; start += chunk) {
    const rows = await db
      .insert(outboxMail)
      .values(
        messages.slice(start, start + chunk).map((m) => ({
          dedupeKey: m.dedupeKey,
          toAddress: m.to,
          subject: m.subject,
          textBody: m.text,
          listUnsubscribeUrl: m.listUnsubscribeUrl ?? null,
        })),
      )
      .onConflictDoNothing({ target: outboxMail.dedupeKey })
      .returning({ id: outboxMail.id });
    queued += rows.length;
  }
  return queued;
}

/**
 * The Message-ID of a mail, derived from its dedupe key. SMTP offers no exactly-once delivery: a
 * sender that dies after the server accepted a mail but before recording it as sent will send it
 * again once its lease runs out. Because both copies carry the same Message-ID, mail servers and
 * clients that deduplicate on it show the member one mail; "sent once" therefore means: accepted by
 * the SMTP server at least once, and never sent again after that was recorded.
 */
export function messageIdFor(dedupeKey: string): string {
  return `<${createHash("sha256").update(dedupeKey).digest("hex").slice(0, 32)}@outbox.baraza>`;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
  listUnsubscribeUrl?: string;
}

export type SendMail = (message: OutgoingMail) => Promise<void>;

/** Claims due mail under a lease and hands each to `send`; returns how many were sent. */
export async function deliverDueMail(db: Database, send: SendMail, batchSize = 20): Promise<number> {
  const claimed = await db
    .update(outboxMail)
    .set(leasedClaim(outboxMail))
    .where(
      inArray(
        outboxMail.id,
        db
          .select({ id: outboxMail.id })
          .from(outboxMail)
          .where(claimable(outboxMail))
          .orderBy(asc(outboxMail.id))
          .limit(batchSize)
          .for("update", { skipLocked: true }),
      ),
    )
    .returning();

  let sent = 0;
  for (const mail of claimed) {
    try {
      await send({
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.textBody,
        messageId: messageIdFor(mail.dedupeKey),
        ...(mail.listUnsubscribeUrl ? { listUnsubscribeUrl: mail.listUnsubscribeUrl } : {}),
      });
      await db
        .update(outboxMail)
        .set({ status: "sent", sentAt: sql`now()`, lockedUntil: null, lastError: null })
        .where(eq(outboxMail.id, mail.id));
      sent++;
    } catch (error) {
      await db
        .update(outboxMail)
        .set(failedAttempt(mail.attempts, maxDeliveryAttempts, error).set)
        .where(eq(outboxMail.id, mail.id));
    }
  }
  return sent;
}

export function createSmtpSender(smtpUrl: string, from: string): SendMail {
  return createMailSender(nodemailer.createTransport(smtpUrl), from);
}

/**
 * The headers a mail carries beyond nodemailer's own: for a notification, `List-Unsubscribe` with
 * the member's signed address and `List-Unsubscribe-Post` (RFC 8058), so a mail client can offer its
 * own "Unsubscribe" button, which posts `List-Unsubscribe=One-Click` to that address.
 */
export function mailHeaders(mail: Pick<OutgoingMail, "listUnsubscribeUrl">): Record<string, string> {
  if (!mail.listUnsubscribeUrl) return {};
  return { "List-Unsubscribe": `<${mail.listUnsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** A sender over any nodemailer transport (SMTP in production, a stream in tests). */
export function createMailSender(transport: Pick<Transporter, "sendMail">, from: string): SendMail {
  return async (mail) => {
    const { to, subject, text, messageId } = mail;
    await transport.sendMail({ from, to, subject, text, messageId, headers: mailHeaders(mail) });
  };
}

/** The newest mails, to one address if given, for the development outbox page. */
export async function listRecentMail(db: Database, limit = 50, toAddress?: string) {
  return db
    .select()
    .from(outboxMail)
    .where(toAddress ? eq(outboxMail.toAddress, toAddress) : undefined)
    .orderBy(desc(outboxMail.id))
    .limit(limit);
}
