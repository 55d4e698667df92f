/**
 * The phone simulator's driver (docs/decisions/0049): each post of the staff page becomes the request
 * Africa's Talking would send (its USSD or two-way SMS callback, form-encoded, the secret in the
 * callback URL), answered in-process by the very code behind app/routes/gateways+. It is signed with
 * the configured AFRICASTALKING_CALLBACK_SECRET, or, on an install with no gateway, with a secret
 * this process makes up and never shows: the public callback stays a 404 there.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { getDb } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { forgetSimulatedPhone, queuedReply } from "~/phones/simulator.server";
import { answerAfricasTalkingSms, answerAfricasTalkingUssd } from "~/web/africastalking-callbacks.server";

/** The service code and short code the simulated phone dials and writes to; gateways' sample values. */
export const simulatedServiceCode = "*384*16#";
const simulatedShortCode = "21525";

let processSecret: string | undefined;

function simulatorSecret(): string {
  processSecret ??= randomBytes(32).toString("base64url");
  return getEnv().AFRICASTALKING_CALLBACK_SECRET ?? processSecret;
}

/** A USSD session: its id, and everything typed so far joined by `*`, as the gateway sends it. */
export interface UssdSession {
  id: string;
  text: string;
}

export interface SimulatedScreen {
  text: string;
  /** The session is over (USSD `END`); an SMS always is. */
  end: boolean;
}

async function post(
  origin: string,
  path: string,
  fields: Record<string, string>,
  answer: (request: Request, secret: string) => Promise<Response>,
): Promise<string> {
  const secret = simulatorSecret();
  const url = `${origin}${path}?secret=${encodeURIComponent(secret)}`;
  const request = new Request(url, { method: "POST", body: new URLSearchParams(fields) });
  const response = await answer(request, secret);
  const body = await response.text();
  // The simulator builds well-formed requests: any refusal is a bug to see, not a screen to show.
  if (!response.ok) throw new Error(`simulated gateway request answered ${response.status}: ${body}`);
  return body;
}

/** Forgets the simulated phone after `work`, whatever happens (docs/decisions/0049). */
async function thenForget<T>(number: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    await forgetSimulatedPhone(await getDb(), getEnv().AUTH_SECRET, number);
  }
}

export function newUssdSession(): UssdSession {
  return { id: `simulator-${randomUUID()}`, text: "" };
}

export async function simulateUssd(origin: string, number: string, session: UssdSession): Promise<SimulatedScreen> {
  const fields = { sessionId: session.id, serviceCode: simulatedServiceCode, phoneNumber: number, text: session.text };
  const body = await thenForget(number, () =>
    post(origin, "/gateways/africastalking/ussd", fields, answerAfricasTalkingUssd),
  );
  return { text: body.replace(/^(CON|END) /, ""), end: !body.startsWith("CON ") };
}

/** An SMS, and the reply queued for the number in the outbox (empty if none was). */
export async function simulateSms(origin: string, number: string, text: string): Promise<SimulatedScreen> {
  const id = `simulator-${randomUUID()}`;
  const date = new Date().toISOString().slice(0, 19).replace("T", " ");
  const fields = { from: number, to: simulatedShortCode, text, date, id };
  const reply = await thenForget(number, async () => {
    await post(origin, "/gateways/africastalking/sms", fields, answerAfricasTalkingSms);
    return queuedReply(await getDb(), `africastalking:${id}`);
  });
  return { text: reply ?? "", end: true };
}
