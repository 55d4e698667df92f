/**
 * A post of the phone simulator, read and carried out: the form's fields checked (the number in the
 * reserved range, something to send), then the USSD session continued or the SMS sent through
 * app/web/phone-simulator.server.ts.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { isSimulatedNumber } from "~/phones/simulator";
import { ussdCommentMaxLength } from "~/phones/ussd-menu";
import { newUssdSession, simulateSms, simulateUssd, type UssdSession } from "~/web/phone-simulator.server";
import { parseForm, type FieldErrors } from "~/web/form-failures.server";

export const simulatorChannels = ["ussd", "sms"] as const;
export type SimulatorChannel = (typeof simulatorChannels)[number];

/** An SMS of three parts at most: what a handset sends as one message. */
const smsMaxLength = 459;

const number = z
  .string({ error: "phones:simulator.errors.number" })
  .transform((value) => value.replace(/[\s-]/g, ""))
  .refine(isSimulatedNumber, "phones:simulator.errors.number");

const entry = (max: number) =>
  z
    .string({ error: "phones:simulator.errors.text" })
    .trim()
    .min(1, "phones:simulator.errors.text")
    .max(max, "phones:simulator.errors.tooLong");

/** The buttons: dial the service code (a new USSD session), reply on the USSD screen, send an SMS. */
export const simulatorIntents = ["dial", "reply", "sms"] as const;

const simulatorForm = z.discriminatedUnion(
  "intent",
  [
    // Dialling opens a new session: the gateway's first request has an empty `text`.
    z.object({ intent: z.literal("dial"), number }),
    z.object({
      intent: z.literal("reply"),
      number,
      sessionId: z.string().regex(/^simulator-[0-9a-f-]{36}$/, "phones:simulator.errors.session"),
      sessionText: z.string().max(2000, "phones:simulator.errors.session"),
      text: entry(ussdCommentMaxLength),
    }),
    z.object({ intent: z.literal("sms"), number, text: entry(smsMaxLength) }),
  ],
  { error: "phones:simulator.errors.session" },
);

/** What the page shows after a post: the screen, and the session to continue (none once it ended). */
export interface SimulatorAnswer {
  /** New for every answer, so the screen takes focus again even when its text did not change. */
  answerId: string;
  channel: SimulatorChannel;
  number: string;
  /** What the phone sent: the USSD entry (empty when dialling) or the SMS. */
  sent: string;
  screen: string;
  session: UssdSession | null;
}

export type SimulatorPost = { ok: true; answer: SimulatorAnswer } | { ok: false; fieldErrors: FieldErrors };

export async function simulatorPost(formData: FormData, origin: string): Promise<SimulatorPost> {
  const parsed = parseForm(simulatorForm, formData);
  if (!parsed.ok) return parsed;
  const form = parsed.data;
  const channel: SimulatorChannel = form.intent === "sms" ? "sms" : "ussd";
  const answer = { answerId: randomUUID(), channel, number: form.number };
  if (form.intent === "sms") {
    const reply = await simulateSms(origin, form.number, form.text);
    return { ok: true, answer: { ...answer, sent: form.text, screen: reply.text, session: null } };
  }
  const session =
    form.intent === "dial"
      ? newUssdSession()
      : { id: form.sessionId, text: form.sessionText === "" ? form.text : `${form.sessionText}*${form.text}` };
  const screen = await simulateUssd(origin, form.number, session);
  const sent = form.intent === "dial" ? "" : form.text;
  return { ok: true, answer: { ...answer, sent, screen: screen.text, session: screen.end ? null : session } };
}
