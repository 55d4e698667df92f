/**
 * What each SMS/USSD gateway sends and how it proves it is the gateway (docs/decisions/0039):
 * Twilio signs each request (X-Twilio-Signature: base64 HMAC-SHA1 of the callback URL and the sorted
 * form fields, keyed with the account's auth token); the generic webhook signs its JSON body
 * (X-Baraza-Gateway-Signature: sha256=<hex HMAC-SHA256>); Africa's Talking signs nothing, so its
 * callback URL carries a secret. Every comparison takes constant time.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/** Equal strings, compared in time that does not depend on where they differ (nor on their lengths). */
export function sameSecret(expected: string, given: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(expected), digest(given)) && expected.length > 0;
}

/** Twilio's request signature: https://www.twilio.com/docs/usage/security#validating-requests */
export function twilioSignature(authToken: string, url: string, params: Iterable<[string, string]>): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const data = url + sorted.map(([name, value]) => name + value).join("");
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/** An international number as gateways send it: `+` and 7 to 15 digits (E.164). */
export const e164 = (message?: string) =>
  z
    .string({ error: message })
    .trim()
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, message));

/** One incoming SMS, whatever gateway brought it. */
export interface InboundSms {
  messageId: string;
  from: string;
  text: string;
}

const messageId = z.string().trim().min(1).max(200);
const body = z.string().max(2000);

/** Africa's Talking's two-way SMS callback (form fields `from`, `to`, `text`, `date`, `id`). */
export const africasTalkingSms = z
  .object({ from: e164(), to: z.string(), text: body, date: z.string(), id: messageId })
  .transform(({ id, from, text }): InboundSms => ({ messageId: id, from, text }));

/** Twilio's incoming message webhook (form fields `From`, `Body`, `MessageSid`, among others). */
export const twilioSms = z
  .object({ From: e164(), Body: body, MessageSid: messageId })
  .transform(({ MessageSid, From, Body }): InboundSms => ({ messageId: MessageSid, from: From, text: Body }));

/** The generic JSON webhook: `{ "id": …, "from": "+…", "text": … }`. */
export const webhookSms = z
  .object({ id: messageId, from: e164(), text: body })
  .transform(({ id, from, text }): InboundSms => ({ messageId: id, from, text }));

/** Africa's Talking's USSD callback: the whole session's input so far in `text`. */
export const africasTalkingUssd = z.object({
  sessionId: messageId,
  serviceCode: z.string().max(40),
  phoneNumber: e164(),
  text: z.string().max(2000).default(""),
});

/** TwiML for a reply: one message back to the sender. */
export function twiml(reply: string): string {
  const escaped = reply.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escaped}</Message></Response>`;
}

/**
 * The country of a number from its calling code, for the African Union's members (the consultations'
 * region); elsewhere, or for a code several countries share, none.
 */
const callingCodes: Record<string, string> = {
  "20": "EG",
  "211": "SS",
  "212": "MA",
  "213": "DZ",
  "216": "TN",
  "218": "LY",
  "220": "GM",
  "221": "SN",
  "222": "MR",
  "223": "ML",
  "224": "GN",
  "225": "CI",
  "226": "BF",
  "227": "NE",
  "228": "TG",
  "229": "BJ",
  "230": "MU",
  "231": "LR",
  "232": "SL",
  "233": "GH",
  "234": "NG",
  "235": "TD",
  "236": "CF",
  "237": "CM",
  "238": "CV",
  "239": "ST",
  "240": "GQ",
  "241": "GA",
  "242": "CG",
  "243": "CD",
  "244": "AO",
  "245": "GW",
  "248": "SC",
  "249": "SD",
  "250": "RW",
  "251": "ET",
  "252": "SO",
  "253": "DJ",
  "254": "KE",
  "255": "TZ",
  "256": "UG",
  "257": "BI",
  "258": "MZ",
  "260": "ZM",
  "261": "MG",
  "263": "ZW",
  "264": "NA",
  "265": "MW",
  "266": "LS",
  "267": "BW",
  "268": "SZ",
  "269": "KM",
  "27": "ZA",
  "291": "ER",
};

export function countryOfNumber(number: string): string | null {
  const digits = number.slice(1);
  for (const length of [3, 2]) {
    const country = callingCodes[digits.slice(0, length)];
    if (country) return country;
  }
  return null;
}
