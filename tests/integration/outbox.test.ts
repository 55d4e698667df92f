import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliverDueMail, maxDeliveryAttempts, queueMail, type SendMail } from "~/platform/mail/outbox.server";
import { outboxMail } from "~db/schema";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

/** A real sender for tests: it records what it was given, and can be told to fail. */
function recordingSender(failuresBeforeSuccess = 0) {
  const sent: string[] = [];
  let failures = failuresBeforeSuccess;
  const send: SendMail = async (message) => {
    if (failures > 0) {
      failures--;
      throw new Error("SMTP server unavailable");
    }
    sent.push(`${message.to}: ${message.subject}`);
  };
  return { send, sent };
}

/** Makes every waiting mail due now, as if the back-off had passed. */
async function fastForward() {
  await db()
    .update(outboxMail)
    .set({ nextAttemptAt: sql`now()` });
}

describe("mail outbox", () => {
  it("queues a mail once per dedupe key", async () => {
    const message = { dedupeKey: "event-1:member-1", to: "a@example.org", subject: "Hello", text: "Body" };
    await queueMail(db(), message);
    await queueMail(db(), message);
    expect(await db().select().from(outboxMail).where(eq(outboxMail.dedupeKey, "event-1:member-1"))).toHaveLength(1);
  });

  it("sends due mail and marks it sent, so a second round sends nothing", async () => {
    const { send, sent } = recordingSender();
    expect(await deliverDueMail(db(), send)).toBe(1);
    expect(await deliverDueMail(db(), send)).toBe(0);
    expect(sent).toEqual(["a@example.org: Hello"]);
  });

  it("retries with back-off after a failure, then sends", async () => {
    await queueMail(db(), { dedupeKey: "retry", to: "b@example.org", subject: "Retry", text: "Body" });
    const { send, sent } = recordingSender(2);
    expect(await deliverDueMail(db(), send)).toBe(0);
    const [waiting] = await db().select().from(outboxMail).where(eq(outboxMail.dedupeKey, "retry"));
    expect(waiting?.status).toBe("pending");
    expect(waiting?.lastError).toBe("SMTP server unavailable");
    expect(waiting!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect(await deliverDueMail(db(), send)).toBe(0); // not due yet
    await fastForward();
    await deliverDueMail(db(), send);
    await fastForward();
    await deliverDueMail(db(), send);
    expect(sent).toEqual(["b@example.org: Retry"]);
  });

  it("gives up after the last attempt and keeps the error", async () => {
    await queueMail(db(), { dedupeKey: "doomed", to: "c@example.org", subject: "Doomed", text: "Body" });
    const { send } = recordingSender(Number.POSITIVE_INFINITY);
    for (let i = 0; i < maxDeliveryAttempts + 2; i++) {
      await fastForward();
      await deliverDueMail(db(), send);
    }
    const [row] = await db().select().from(outboxMail).where(eq(outboxMail.dedupeKey, "doomed"));
    expect(row?.status).toBe("failed");
    expect(row?.attempts).toBe(maxDeliveryAttempts);
  });

  it("takes back mail whose sender died mid-send once its lease runs out, and sends it once", async () => {
    await queueMail(db(), { dedupeKey: "orphan", to: "d@example.org", subject: "Orphan", text: "Body" });
    // A sender claimed the mail and died before recording the result.
    await db()
      .update(outboxMail)
      .set({ status: "sending", attempts: 1, lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(outboxMail.dedupeKey, "orphan"));
    const { send, sent } = recordingSender();
    await deliverDueMail(db(), send);
    await deliverDueMail(db(), send);
    expect(sent).toEqual(["d@example.org: Orphan"]);
  });
});
