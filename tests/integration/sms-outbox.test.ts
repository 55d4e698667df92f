/**
 * The SMS sender (app/phones/sms-outbox.server.ts, docs/decisions/0048) against a real HTTP server
 * standing in for the gateways: each gateway's request shape, a retry after a 500, the final
 * failure, and the number gone from the database once sent or given up.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxSms } from "~db/schema";
import { webhookSignature } from "~/phones/gateways";
import { deliverDueSms, maxSmsAttempts, queueSms, smsSenders, type SmsSenders } from "~/phones/sms-outbox.server";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server;
let baseUrl: string;
const received: Received[] = [];
/** The statuses the stand-in gateway answers with, in turn; 201 with a success once they run out. */
let answers: number[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ path: request.url ?? "", headers: request.headers, body });
      const status = answers.shift() ?? 201;
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(
        JSON.stringify({ SMSMessageData: { Recipients: [{ statusCode: 101, status: "Success", number: "x" }] } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  received.length = 0;
  answers = [];
  await db().delete(outboxSms);
});

const senders = (): SmsSenders =>
  smsSenders({
    AFRICASTALKING_USERNAME: "sandbox",
    AFRICASTALKING_API_KEY: "at-api-key",
    AFRICASTALKING_SENDER_ID: "BARAZA",
    AFRICASTALKING_API_URL: baseUrl,
    TWILIO_ACCOUNT_SID: "AC123",
    TWILIO_AUTH_TOKEN: "twilio-auth-token-for-tests",
    TWILIO_FROM: "+15005550006",
    TWILIO_API_URL: baseUrl,
    SMS_WEBHOOK_SEND_URL: `${baseUrl}/outgoing`,
    SMS_WEBHOOK_SECRET: "webhook-secret-for-tests",
  });

const rows = () => db().select().from(outboxSms);
/** Makes every waiting row due now, as the back-off would after its pause. */
const makeDue = () =>
  db()
    .update(outboxSms)
    .set({ nextAttemptAt: sql`now()` });

describe("sending queued SMS", () => {
  it("sends through each row's gateway in its request shape and deletes the row, number and all", async () => {
    await db()
      .insert(outboxSms)
      .values([
        { dedupeKey: "at:1", gateway: "africastalking", toNumber: "+254711000001", body: "Kura imepokelewa" },
        { dedupeKey: "tw:1", gateway: "twilio", toNumber: "+221770000001", body: "Vote reçu" },
        { dedupeKey: "wh:1", gateway: "webhook", toNumber: "+201000000001", body: "تم استلام صوتك" },
      ]);
    expect(await deliverDueSms(db(), senders())).toBe(3);
    expect(await rows()).toEqual([]);

    const [at, twilio, webhook] = received;
    expect(at!.path).toBe("/version1/messaging");
    expect(at!.headers.apikey).toBe("at-api-key");
    expect(Object.fromEntries(new URLSearchParams(at!.body))).toEqual({
      username: "sandbox",
      to: "+254711000001",
      message: "Kura imepokelewa",
      from: "BARAZA",
    });
    expect(twilio!.path).toBe("/2010-04-01/Accounts/AC123/Messages.json");
    expect(twilio!.headers.authorization).toBe(
      `Basic ${Buffer.from("AC123:twilio-auth-token-for-tests").toString("base64")}`,
    );
    expect(Object.fromEntries(new URLSearchParams(twilio!.body))).toEqual({
      To: "+221770000001",
      From: "+15005550006",
      Body: "Vote reçu",
    });
    expect(webhook!.path).toBe("/outgoing");
    expect(JSON.parse(webhook!.body)).toEqual({ to: "+201000000001", text: "تم استلام صوتك" });
    expect(webhook!.headers["x-baraza-gateway-signature"]).toBe(
      webhookSignature("webhook-secret-for-tests", webhook!.body),
    );
  });

  it("retries after the gateway answers 500, not before the back-off, and then sends", async () => {
    await queueSms(db(), { dedupeKey: "code:1", to: "+254711000002", body: "Code 123456" });
    answers = [500];
    expect(await deliverDueSms(db(), senders())).toBe(0);
    const [waiting] = await rows();
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, toNumber: "+254711000002" });
    expect(waiting!.lastError).toContain("500");
    expect(waiting!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);

    expect(await deliverDueSms(db(), senders())).toBe(0);
    expect(received).toHaveLength(1);

    await makeDue();
    expect(await deliverDueSms(db(), senders())).toBe(1);
    expect(received).toHaveLength(2);
    expect(await rows()).toEqual([]);
  });

  it("treats Africa's Talking refusing the recipient inside a 201 as a failure", async () => {
    await db()
      .insert(outboxSms)
      .values({ dedupeKey: "at:2", gateway: "africastalking", toNumber: "+254711000003", body: "x" });
    const refusal = createServer((_request, response) => {
      response.writeHead(201, { "Content-Type": "application/json" });
      response.end(
        JSON.stringify({ SMSMessageData: { Recipients: [{ statusCode: 406, status: "UserInBlacklist" }] } }),
      );
    });
    await new Promise<void>((resolve) => refusal.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(refusal.address() as AddressInfo).port}`;
      const refused = smsSenders({
        AFRICASTALKING_USERNAME: "sandbox",
        AFRICASTALKING_API_KEY: "k",
        AFRICASTALKING_SENDER_ID: undefined,
        AFRICASTALKING_API_URL: url,
        TWILIO_ACCOUNT_SID: undefined,
        TWILIO_AUTH_TOKEN: undefined,
        TWILIO_FROM: undefined,
        TWILIO_API_URL: url,
        SMS_WEBHOOK_SEND_URL: undefined,
        SMS_WEBHOOK_SECRET: undefined,
      });
      expect(await deliverDueSms(db(), refused)).toBe(0);
      const [row] = await rows();
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row!.lastError).toContain("UserInBlacklist");
    } finally {
      await new Promise<void>((resolve) => refusal.close(() => resolve()));
    }
  });

  it("gives up after the last attempt: the row stays as failed with its error, without the number", async () => {
    await queueSms(db(), { dedupeKey: "code:2", to: "+254711000004", body: "Code 654321" });
    answers = Array.from({ length: maxSmsAttempts }, () => 500);
    for (let attempt = 1; attempt <= maxSmsAttempts; attempt++) {
      await makeDue();
      expect(await deliverDueSms(db(), senders())).toBe(0);
    }
    const [failed] = await rows();
    expect(failed).toMatchObject({ status: "failed", attempts: maxSmsAttempts, toNumber: null });
    expect(failed!.lastError).toContain("500");
    await makeDue();
    expect(await deliverDueSms(db(), senders())).toBe(0);
    expect(received).toHaveLength(maxSmsAttempts);
  });

  it("without a gateway configured to send, claims nothing and the rows wait", async () => {
    await queueSms(db(), { dedupeKey: "code:3", to: "+254711000005", body: "Code 111111" });
    await db()
      .insert(outboxSms)
      .values({ dedupeKey: "tw:2", gateway: "twilio", toNumber: "+254711000006", body: "reply" });
    expect(await deliverDueSms(db(), {})).toBe(0);
    // A reply through Twilio waits for Twilio; our own message takes the gateway there is.
    const onlyAt = { africastalking: senders().africastalking! };
    expect(await deliverDueSms(db(), onlyAt)).toBe(1);
    const left = await rows();
    expect(left.map((row) => row.dedupeKey)).toEqual(["tw:2"]);
    expect(left[0]).toMatchObject({ status: "pending", attempts: 0 });
    expect(await db().select().from(outboxSms).where(eq(outboxSms.toNumber, "+254711000005"))).toEqual([]);
  });
});
