/**
 * Issue 16: the SMS and USSD gateways' callbacks, driven with the request shapes of their public
 * documentation, in Kiswahili, French and Arabic: bad signatures (401, nothing stored), replays
 * (stored once), unknown keywords, out-of-range numbers, a closed consultation, and a burst of
 * 1,000 messages from 500 phones. Real routes, real database (PGlite, and PostgreSQL when set).
 */
import { and, count, eq, inArray, isNotNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { consultation, outboxSms, phone, phoneMessage, vote } from "~db/schema";
import { twilioSignature, webhookSignature } from "~/phones/gateways";
import { action as atSms } from "~/routes/gateways+/africastalking.sms";
import { action as atUssd } from "~/routes/gateways+/africastalking.ussd";
import { action as twilioSms } from "~/routes/gateways+/twilio.sms";
import { action as webhookSms } from "~/routes/gateways+/webhook.sms";
import { call } from "../support/actions";
import { createConsultation } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const AT_SECRET = "at-callback-secret-for-tests";
const TWILIO_TOKEN = "twilio-auth-token-for-tests";
const WEBHOOK_SECRET = "webhook-secret-for-tests";
// Read once by getEnv(), before the database opens.
process.env.AFRICASTALKING_CALLBACK_SECRET = AT_SECRET;
process.env.TWILIO_AUTH_TOKEN = TWILIO_TOKEN;
process.env.SMS_WEBHOOK_SECRET = WEBHOOK_SECRET;
process.env.PHONE_CONSULTATION = "phones-open";

const db = setupTestDatabase();
let open: { id: number; priorityIds: number[] };

beforeAll(async () => {
  open = await createConsultation(db(), { slug: "phones-open" }, 4);
});

let sequence = 0;
const nextId = (prefix: string) => `${prefix}_${process.pid}_${++sequence}`;

/** Africa's Talking's two-way SMS callback, as its documentation shows it. */
function atMessage(from: string, text: string, id = nextId("ATXid")) {
  return { from, to: "21525", text, date: "2026-12-05 08:30:00", id, linkId: "SampleLinkId123" };
}

const postAt = (fields: Record<string, string>, secret = AT_SECRET) =>
  call(atSms, { path: `/gateways/africastalking/sms?secret=${encodeURIComponent(secret)}`, params: {}, fields });

async function postTwilio(fields: Record<string, string>, token = TWILIO_TOKEN) {
  const signature = twilioSignature(token, "http://localhost:3000/gateways/twilio/sms", Object.entries(fields));
  const request = new Request("http://localhost:3000/gateways/twilio/sms", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "X-Twilio-Signature": signature },
  });
  const response = await twilioSms({ request, params: {}, context: {} });
  return { status: response.status, body: await response.text() };
}

async function postWebhook(payload: object, secret = WEBHOOK_SECRET) {
  const body = JSON.stringify(payload);
  const request = new Request("http://localhost:3000/gateways/webhook/sms", {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json", "X-Baraza-Gateway-Signature": webhookSignature(secret, body) },
  });
  const response = await webhookSms({ request, params: {}, context: {} });
  return { status: response.status, body: await response.text() };
}

const phoneVotes = async () =>
  (
    await db()
      .select({ n: count() })
      .from(vote)
      .where(and(eq(vote.consultationId, open.id), isNotNull(vote.phoneId)))
  )[0]!.n;
const messages = async () => (await db().select({ n: count() }).from(phoneMessage))[0]!.n;
const lastReplyTo = async (number: string) =>
  (await db().select({ body: outboxSms.body }).from(outboxSms).where(eq(outboxSms.toNumber, number))).at(-1)?.body;

describe("Africa's Talking SMS", () => {
  it("records a vote in Kiswahili once, however often the gateway repeats the message", async () => {
    const message = atMessage("+254711000001", "KURA 2 KUBALI");
    expect((await postAt(message)).status).toBe(200);
    expect((await postAt(message)).status).toBe(200);
    const rows = await db().select().from(vote).where(eq(vote.priorityId, open.priorityIds[1]!));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: "agree", channel: "sms", userId: null });
    expect(await lastReplyTo("+254711000001")).toBe('Kipaumbele 2: kura yako "nakubali" imehifadhiwa.');
    expect((await db().select().from(outboxSms).where(eq(outboxSms.toNumber, "+254711000001"))).length).toBe(1);
    // The number itself is stored nowhere but in the outbox.
    const [stored] = await db().select().from(phone);
    expect(JSON.stringify(stored)).not.toContain("711000001");
    expect(stored).toMatchObject({ countryCode: "KE", language: "sw" });
  });

  it("refuses a wrong secret with 401 and stores nothing", async () => {
    const before = await messages();
    const answer = await postAt(atMessage("+254711000002", "KURA 1 KUBALI"), "not-the-secret-at-all");
    expect(answer.status).toBe(401);
    expect(await messages()).toBe(before);
    expect(await lastReplyTo("+254711000002")).toBeUndefined();
  });

  it("explains an unknown keyword and a number out of range in the sender's language", async () => {
    await postAt(atMessage("+254711000003", "MSAADA"));
    await postAt(atMessage("+254711000003", "habari yako"));
    expect(await lastReplyTo("+254711000003")).toBe("Ujumbe haueleweki. Tuma MSAADA kupata amri.");
    await postAt(atMessage("+254711000003", "KURA 9 KUBALI"));
    expect(await lastReplyTo("+254711000003")).toBe("Hakuna kipaumbele 9: vipo kuanzia 1 hadi 4.");
  });

  it("stops: no more messages to that phone", async () => {
    await postAt(atMessage("+254711000004", "ACHA"));
    expect(await lastReplyTo("+254711000004")).toBe("Hutapokea tena ujumbe kutoka Baraza.");
    await postAt(atMessage("+254711000004", "habari"));
    const replies = await db().select().from(outboxSms).where(eq(outboxSms.toNumber, "+254711000004"));
    expect(replies).toHaveLength(1);
  });
});

describe("Twilio SMS", () => {
  it("answers a signed French vote in TwiML, and a replay with the same answer, stored once", async () => {
    const fields = {
      From: "+221770000001",
      To: "+15005550006",
      Body: "VOTER 3 CONTRE",
      MessageSid: nextId("SM"),
      AccountSid: "AC1",
    };
    const first = await postTwilio(fields);
    expect(first.status).toBe(200);
    expect(first.body).toContain("<Message>Priorité 3 : votre vote « contre » est enregistré.</Message>");
    expect(await postTwilio(fields)).toEqual(first);
    expect(await db().select().from(vote).where(eq(vote.priorityId, open.priorityIds[2]!))).toHaveLength(1);
  });

  it("refuses a bad signature with 401 and stores nothing", async () => {
    const before = await messages();
    const answer = await postTwilio(
      { From: "+221770000002", Body: "VOTER 1 POUR", MessageSid: nextId("SM") },
      "another-token-entirely",
    );
    expect(answer.status).toBe(401);
    expect(await messages()).toBe(before);
  });
});

describe("generic webhook", () => {
  it("answers an Arabic vote in JSON, and refuses a bad signature", async () => {
    const answer = await postWebhook({ id: nextId("w"), from: "+212600000001", text: "صوت ٤ معارض" });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ reply: "الأولوية 4: سُجِّل تصويتك «معارض»." });
    const before = await messages();
    expect(
      (await postWebhook({ id: nextId("w"), from: "+212600000002", text: "صوت 1 موافق" }, "wrong-secret-xxxxxxxx"))
        .status,
    ).toBe(401);
    expect(await messages()).toBe(before);
  });
});

describe("a closed consultation", () => {
  it("records nothing and says so", async () => {
    await db().update(consultation).set({ phase: "closed" }).where(eq(consultation.id, open.id));
    try {
      const before = await phoneVotes();
      const answer = await postWebhook({ id: nextId("w"), from: "+33600000001", text: "VOTER 1 POUR" });
      expect(JSON.parse(answer.body)).toEqual({ reply: "Cette consultation est close : rien n'a été enregistré." });
      expect(await phoneVotes()).toBe(before);
    } finally {
      await db().update(consultation).set({ phase: "open" }).where(eq(consultation.id, open.id));
    }
  });
});

describe("Africa's Talking USSD", () => {
  const ussd = (phoneNumber: string, text: string, secret = AT_SECRET) =>
    call(atUssd, {
      path: `/gateways/africastalking/ussd?secret=${encodeURIComponent(secret)}`,
      params: {},
      fields: { sessionId: "ATUid_1", serviceCode: "*384*123#", phoneNumber, networkCode: "63902", text },
    });

  it("walks the menu in Arabic to a vote, stored once with channel ussd", async () => {
    const first = await ussd("+212600000010", "");
    expect(first.body).toMatch(/^CON Baraza\n1 English/);
    expect(String((await ussd("+212600000010", "4")).body)).toMatch(/^CON اختر مشاورة:/);
    const done = await ussd("+212600000010", "4*1*1*1*1");
    expect(done.body).toBe("END شكراً: سُجِّل تصويتك.");
    await ussd("+212600000010", "4*1*1*1*1");
    const rows = await db()
      .select()
      .from(vote)
      .where(and(eq(vote.priorityId, open.priorityIds[0]!), eq(vote.channel, "ussd")));
    expect(rows).toHaveLength(1);
  });

  it("refuses a wrong secret with 401", async () => {
    expect((await ussd("+212600000011", "", "nope-nope-nope-nope")).status).toBe(401);
  });
});

describe("a burst", () => {
  it("takes 1,000 messages from 500 phones: every valid vote stored once, every sender answered", async () => {
    const senders = Array.from({ length: 500 }, (_, index) => `+2547${String(20_000_000 + index)}`);
    const burst = senders.flatMap((from, index) => [
      atMessage(from, `KURA ${(index % 4) + 1} ${index % 2 ? "KATAA" : "KUBALI"}`),
      // Every fifth phone sends nonsense as its second message; the others vote on a second priority.
      atMessage(from, index % 5 === 0 ? "xyz" : `VOTE ${((index + 1) % 4) + 1} PASS`),
    ]);
    const before = await phoneVotes();
    const queue = [...burst];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let message = queue.shift(); message; message = queue.shift()) {
          expect((await postAt(message)).status).toBe(200);
          // PGlite works on this thread: let Vitest's own messages through between two requests.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }),
    );
    expect((await phoneVotes()) - before).toBe(500 + 400);
    const answered = await db().select({ n: count() }).from(outboxSms).where(eq(outboxSms.gateway, "africastalking"));
    expect(answered[0]!.n).toBeGreaterThanOrEqual(1000);
    const perSender = await db()
      .select({ to: outboxSms.toNumber, n: count() })
      .from(outboxSms)
      .where(inArray(outboxSms.toNumber, senders))
      .groupBy(outboxSms.toNumber);
    expect(perSender).toHaveLength(500);
    expect(perSender.filter((row) => row.n !== 2)).toEqual([]);
  }, 600_000);
});
