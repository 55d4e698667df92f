/**
 * Phone input treated like web input (issue 16; docs/decisions/0048): a comment under
 * pre-moderation is answered "once a moderator approves it" by SMS and USSD; the spam check holds a
 * phone's comment as it does a web one, and says so by SMS and USSD; a flood from one number is held, not counted; and a phone's
 * comment shows as "a participant by SMS" (translated), never its number. Real routes and database.
 */
import { createElement } from "react";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { comment, consultation, moderationAction, phoneMessage, vote } from "~db/schema";
import { useAuthorName } from "~/components/author-name";
import { webhookSignature } from "~/phones/gateways";
import { listComments } from "~/participation/comments.server";
import { listModerationQueue, queueQuery } from "~/moderation/queue.server";
import { action as atUssd } from "~/routes/gateways+/africastalking.ussd";
import { action as webhookSms } from "~/routes/gateways+/webhook.sms";
import { call } from "../support/actions";
import { createConsultation } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { renderInLanguage } from "../support/render";

const AT_SECRET = "at-callback-secret-for-gap-tests";
const WEBHOOK_SECRET = "webhook-secret-for-gap-tests";
process.env.AFRICASTALKING_CALLBACK_SECRET = AT_SECRET;
process.env.SMS_WEBHOOK_SECRET = WEBHOOK_SECRET;
process.env.PHONE_CONSULTATION = "phones-gaps";

const db = setupTestDatabase();
let open: { id: number; priorityIds: number[] };

beforeAll(async () => {
  open = await createConsultation(db(), { slug: "phones-gaps", moderationMode: "post" }, 3);
});

let sequence = 0;
async function sms(from: string, text: string): Promise<string> {
  const body = JSON.stringify({ id: `gap_${process.pid}_${++sequence}`, from, text });
  const request = new Request("http://localhost:3000/gateways/webhook/sms", {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Baraza-Gateway-Signature": webhookSignature(WEBHOOK_SECRET, body),
    },
  });
  const response = await webhookSms({ request, params: {}, context: {} });
  expect(response.status).toBe(200);
  return ((await response.json()) as { reply: string }).reply;
}

async function ussd(phoneNumber: string, text: string): Promise<string> {
  const answer = await call(atUssd, {
    path: `/gateways/africastalking/ussd?secret=${AT_SECRET}`,
    params: {},
    fields: { sessionId: `ATUid_${++sequence}`, serviceCode: "*384*123#", phoneNumber, text },
  });
  return String(answer.body);
}

const commentsOn = (priorityId: number) =>
  db()
    .select()
    .from(comment)
    .where(and(eq(comment.consultationId, open.id), eq(comment.priorityId, priorityId)));

describe("phone comments go through moderation like web ones", () => {
  it("answers a comment under pre-moderation with 'once a moderator approves it', by SMS and USSD", async () => {
    await db().update(consultation).set({ moderationMode: "pre" }).where(eq(consultation.id, open.id));
    try {
      expect(await sms("+254722000001", "MAONI 1 Maji safi kwa kila kijiji")).toBe(
        "Maoni yako kuhusu kipaumbele 1 yatachapishwa baada ya msimamizi kuyaidhinisha.",
      );
      // USSD: English (1), the consultation, priorities, priority 2, comment (4), the text.
      const screen = await ussd("+254722000002", "1*1*1*2*4*Local factories please");
      expect(screen).toBe("END Your comment on priority 2 will be published once a moderator approves it.");
      const stored = [...(await commentsOn(open.priorityIds[0]!)), ...(await commentsOn(open.priorityIds[1]!))];
      expect(
        stored
          .filter((row) => row.status === "pending")
          .map((row) => row.channel)
          .sort(),
      ).toEqual(["sms", "ussd"]);
    } finally {
      await db().update(consultation).set({ moderationMode: "post" }).where(eq(consultation.id, open.id));
    }
  });

  it("holds a phone's comment that shows spam signals, with the automatic hold on record", async () => {
    const links = "COMMENT 3 see http://a.example http://b.example http://c.example now";
    expect(await sms("+254722000003", links)).toBe(
      "Your comment on priority 3 will be published once a moderator approves it.",
    );
    const [held] = (await commentsOn(open.priorityIds[2]!)).filter((row) => row.body.includes("a.example"));
    expect(held).toMatchObject({ status: "pending", channel: "sms", authorId: null });
    const [hold] = await db()
      .select()
      .from(moderationAction)
      .where(and(eq(moderationAction.targetType, "comment"), eq(moderationAction.targetId, String(held!.id))));
    expect(hold).toMatchObject({ action: "hold", reason: "spam-signals", automatic: true });

    // By USSD too: a comment the spam check holds is not answered "received".
    const screen = await ussd("+254722000006", "1*1*1*3*4*see http://a.example http://b.example http://c.example");
    expect(screen).toBe("END Your comment on priority 3 will be published once a moderator approves it.");
    const [heldByUssd] = (await commentsOn(open.priorityIds[2]!)).filter((row) => row.channel === "ussd");
    expect(heldByUssd).toMatchObject({ status: "pending" });

    // The same long text from a second number is "repeated text": held too; an ordinary one is published.
    const repeated = "COMMENT 3 Build regional vaccine factories in every region";
    expect(await sms("+254722000004", repeated)).toBe("Your comment on priority 3 is received.");
    expect(await sms("+254722000005", repeated)).toContain("once a moderator approves it");
  });
});

describe("a flood from one number", () => {
  it("is answered 'held' and changes nothing once the number passes its limit", async () => {
    const number = "+254722000010";
    for (let message = 1; message <= 30; message++) await sms(number, "VOTE 1 AGREE");
    expect(await sms(number, "VOTE 1 DISAGREE")).toBe(
      "Too many messages from this number: nothing was recorded. Try again later.",
    );
    const heldMessages = await db().select().from(phoneMessage).where(eq(phoneMessage.held, true));
    expect(heldMessages).toHaveLength(1);
    const [kept] = await db()
      .select({ value: vote.value })
      .from(vote)
      .where(and(eq(vote.priorityId, open.priorityIds[0]!), eq(vote.phoneId, heldMessages[0]!.phoneId)));
    expect(kept!.value).toBe("agree");
  });
});

describe("how a phone's comment is signed", () => {
  it("shows 'a participant by SMS' in the thread and the moderation queue, never the number", async () => {
    await sms("+254722000020", "COMMENT 2 Mobile clinics for the villages");
    const listing = await listComments(
      db(),
      { consultationId: open.id, priorityId: open.priorityIds[1]!, viewerId: null },
      { sort: "newest", page: 1 },
    );
    const fromPhone = listing.threads.find((thread) => thread.body === "Mobile clinics for the villages");
    expect(fromPhone).toMatchObject({ authorName: null, channel: "sms" });
    const queue = await listModerationQueue(db(), open.id, queueQuery.parse({}));
    const heldBySms = queue.items.find((item) => typeof item.body === "string" && item.body.includes("a.example"));
    expect(heldBySms).toMatchObject({ authorName: null, channel: "sms" });

    const Signature = ({ channel }: { channel: string | null }) => useAuthorName()({ authorName: null, channel });
    const signed = async (channel: string | null, language: "en" | "sw" | "ar") =>
      renderInLanguage(createElement(Signature, { channel }), language);
    expect(await signed("sms", "en")).toBe("a participant by SMS");
    expect(await signed("ussd", "sw")).toBe("mshiriki kwa USSD");
    expect(await signed("sms", "ar")).toBe("مشارك عبر الرسائل القصيرة");
    expect(await signed(null, "en")).toBe("a former participant");
  });
});
