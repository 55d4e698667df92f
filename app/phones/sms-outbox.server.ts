/**
 * Sending the SMS of `outbox_sms` (docs/decisions/0048): replies to Africa's Talking's callbacks and
 * our own messages (link codes). Rows are claimed under a lease and retried with back-off like
 * `outbox_mail`; each goes through the gateway it came from, or (ours) through the first gateway
 * configured to send. The number is in clear in this table only, so a sent row is deleted and a row
 * that failed for good loses its number and keeps its error. Without a configured gateway nothing
 * is claimed: the rows wait, readable by the staff simulator.
 */
import { and, asc, eq, inArray, isNull, notLike, or } from "drizzle-orm";
import { outboxSms } from "~db/schema";
import { claimable, failedAttempt, leasedClaim } from "~/platform/backoff";
import type { Database, Queryable } from "~/platform/db.server";
import type { Env } from "~/platform/env.server";
import { webhookSignature } from "~/phones/gateways";
import type { PhoneGateway } from "~/phones/sms.server";
import { simulatedNumberPrefix } from "~/phones/simulator";

export interface OutgoingSms {
  to: string;
  body: string;
}

export type SendSms = (message: OutgoingSms) => Promise<void>;

export type SmsSenders = Partial<Record<PhoneGateway, SendSms>>;

/** Attempts before a message is given up: 30 s, 1, 2, 4, 8 min apart, about a quarter of an hour. */
export const maxSmsAttempts = 6;

/** A gateway that answers too slowly counts as a failed attempt, retried later. */
const requestTimeoutMs = 15_000;

type SenderEnv = Pick<
  Env,
  | "AFRICASTALKING_USERNAME"
  | "AFRICASTALKING_API_KEY"
  | "AFRICASTALKING_SENDER_ID"
  | "AFRICASTALKING_API_URL"
  | "TWILIO_ACCOUNT_SID"
  | "TWILIO_AUTH_TOKEN"
  | "TWILIO_FROM"
  | "TWILIO_API_URL"
  | "SMS_WEBHOOK_SEND_URL"
  | "SMS_WEBHOOK_SECRET"
>;

/** The gateways whose sending credentials are configured, in order of preference for our own messages. */
export function smsSenders(env: SenderEnv): SmsSenders {
  const senders: SmsSenders = {};
  if (env.AFRICASTALKING_USERNAME && env.AFRICASTALKING_API_KEY) {
    senders.africastalking = africasTalkingSender({
      baseUrl: env.AFRICASTALKING_API_URL,
      username: env.AFRICASTALKING_USERNAME,
      apiKey: env.AFRICASTALKING_API_KEY,
      from: env.AFRICASTALKING_SENDER_ID,
    });
  }
  if (env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM) {
    senders.twilio = twilioSender({
      baseUrl: env.TWILIO_API_URL,
      accountSid: env.TWILIO_ACCOUNT_SID,
      authToken: env.TWILIO_AUTH_TOKEN,
      from: env.TWILIO_FROM,
    });
  }
  if (env.SMS_WEBHOOK_SEND_URL && env.SMS_WEBHOOK_SECRET) {
    senders.webhook = webhookSender({ url: env.SMS_WEBHOOK_SEND_URL, secret: env.SMS_WEBHOOK_SECRET });
  }
  return senders;
}

async function post(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, { ...init, method: "POST", signal: AbortSignal.timeout(requestTimeoutMs) });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`the gateway answered ${response.status}`);
  }
  return response;
}

/** https://developers.africastalking.com/docs/sms/sending/bulk: a form post, `apiKey` header. */
export function africasTalkingSender(config: {
  baseUrl: string;
  username: string;
  apiKey: string;
  from?: string | undefined;
}): SendSms {
  return async ({ to, body }) => {
    const form = new URLSearchParams({ username: config.username, to, message: body });
    if (config.from) form.set("from", config.from);
    const response = await post(new URL("/version1/messaging", config.baseUrl).href, {
      headers: { apiKey: config.apiKey, Accept: "application/json" },
      body: form,
    });
    // A 201 can still refuse the recipient (blacklisted, no credit): its own status code says so.
    const answer = (await response.json().catch(() => null)) as {
      SMSMessageData?: { Recipients?: { statusCode?: number; status?: string }[] };
    } | null;
    const recipient = answer?.SMSMessageData?.Recipients?.[0];
    if (!recipient || recipient.statusCode === undefined || recipient.statusCode < 100 || recipient.statusCode > 102) {
      throw new Error(`the gateway refused the message: ${recipient?.status ?? "no recipient in its answer"}`);
    }
  };
}

/** https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource */
export function twilioSender(config: {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
}): SendSms {
  const url = new URL(`/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`, config.baseUrl);
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`;
  return async ({ to, body }) => {
    const response = await post(url.href, {
      headers: { Authorization: authorization },
      body: new URLSearchParams({ To: to, From: config.from, Body: body }),
    });
    await response.body?.cancel();
  };
}

/** The generic gateway: `{ "to", "text" }` signed like the messages it sends us (decision 0039). */
export function webhookSender(config: { url: string; secret: string }): SendSms {
  return async ({ to, body }) => {
    const json = JSON.stringify({ to, text: body });
    const response = await post(config.url, {
      headers: {
        "Content-Type": "application/json",
        "X-Baraza-Gateway-Signature": webhookSignature(config.secret, json),
      },
      body: json,
    });
    await response.body?.cancel();
  };
}

/** The first gateway that can send our own messages, or null when none can (they wait). */
export function preferredSender(senders: SmsSenders): PhoneGateway | null {
  return (Object.keys(senders) as PhoneGateway[])[0] ?? null;
}

/** Queues an SMS of ours; `dedupeKey` makes queueing it twice do nothing. */
export async function queueSms(db: Queryable, message: OutgoingSms & { dedupeKey: string }): Promise<void> {
  await db
    .insert(outboxSms)
    .values({ dedupeKey: message.dedupeKey, gateway: null, toNumber: message.to, body: message.body })
    .onConflictDoNothing({ target: outboxSms.dedupeKey });
}

/** Claims due rows its senders can send, sends each, and returns how many went. */
export async function deliverDueSms(db: Database, senders: SmsSenders, batchSize = 20): Promise<number> {
  const gateways = Object.keys(senders) as PhoneGateway[];
  const fallback = preferredSender(senders);
  if (!fallback) return 0;
  const claimed = await db
    .update(outboxSms)
    .set(leasedClaim(outboxSms))
    .where(
      inArray(
        outboxSms.id,
        db
          .select({ id: outboxSms.id })
          .from(outboxSms)
          .where(
            and(
              claimable(outboxSms),
              or(isNull(outboxSms.gateway), inArray(outboxSms.gateway, gateways)),
              // The staff simulator's replies (decision 0049) are read on its screen, never sent.
              or(isNull(outboxSms.toNumber), notLike(outboxSms.toNumber, `${simulatedNumberPrefix}%`)),
            ),
          )
          .orderBy(asc(outboxSms.id))
          .limit(batchSize)
          .for("update", { skipLocked: true }),
      ),
    )
    .returning();

  let sent = 0;
  for (const row of claimed) {
    const send = senders[row.gateway ?? fallback];
    try {
      if (!send || !row.toNumber) throw new Error("no gateway or number to send it to");
      await send({ to: row.toNumber, body: row.body });
      await db.delete(outboxSms).where(eq(outboxSms.id, row.id));
      sent++;
    } catch (error) {
      const { giveUp, set } = failedAttempt(row.attempts, maxSmsAttempts, error);
      await db
        .update(outboxSms)
        .set({ ...set, ...(giveUp ? { toNumber: null } : {}) })
        .where(eq(outboxSms.id, row.id));
    }
  }
  return sent;
}
