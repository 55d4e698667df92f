/**
 * A mail sender process for tests/integration/outbox-crash.test.ts: the real `deliverDueMail` against
 * the database in DATA_DIR, "sending" each mail by appending a line to the file MAIL_SINK (after
 * SEND_DELAY_MS, so a test can kill it mid-batch), until no mail is due. Run with `node --import tsx`.
 */
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { closeDb, getDb } from "~/platform/db.server";
import { deliverDueMail, type SendMail } from "~/platform/mail/outbox.server";

const sink = process.env.MAIL_SINK;
if (!sink) throw new Error("MAIL_SINK is not set");
const delayMs = Number(process.env.SEND_DELAY_MS ?? "0");

const send: SendMail = async (mail) => {
  await sleep(delayMs);
  // Synchronous: once this returns, the mail counts as accepted, as after an SMTP server's 250 reply.
  fs.appendFileSync(sink, `${JSON.stringify({ messageId: mail.messageId, to: mail.to })}\n`);
};

const db = await getDb();
while ((await deliverDueMail(db, send, 10)) > 0) {
  // keep going until nothing is due
}
await closeDb();
