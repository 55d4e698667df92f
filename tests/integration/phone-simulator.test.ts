/**
 * Issue 16: the staff's phone simulator (docs/decisions/0049). Who may use it; a USSD session
 * through it in Kiswahili, French and Arabic reaches "vote recorded" through the real callback code;
 * an SMS HELP is answered from the outbox; and nothing a simulated phone did is kept afterwards.
 * No gateway is configured in this file: the public callbacks answer 404 while the simulator works.
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { comment, outboxSms, phone, phoneMessage, vote } from "~db/schema";
import { supportedLanguages, type Language } from "~/platform/i18n/config";
import { phoneNumberHash } from "~/phones/sms.server";
import { defaultSimulatedNumber, isSimulatedNumber } from "~/phones/simulator";
import { action as atUssd } from "~/routes/gateways+/africastalking.ussd";
import { action, loader } from "~/routes/_staff+/staff.phone-simulator/route";
import type { SimulatorAnswer } from "~/routes/_staff+/staff.phone-simulator/simulator-post.server";
import { getEnv } from "~/platform/env.server";
import { call } from "../support/actions";
import { createCast, type Cast, type Role } from "../support/cast";
import { createConsultation } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";
import { text } from "../support/locales";
import { markSecondFactorEnrolled } from "../support/second-factor";

delete process.env.AFRICASTALKING_CALLBACK_SECRET;

const db = setupTestDatabase();
let cast: Cast;
let trial: { id: number; slug: string; priorityIds: number[] };

beforeAll(async () => {
  cast = await createCast(db(), async (person) => {
    await markSecondFactorEnrolled(db(), person.userId);
    return person;
  });
  // Created last, so the USSD menu lists it first (newest); found by its title all the same.
  trial = await createConsultation(db(), { title: { en: "Simulator trial" }, moderationMode: "post" }, 2);
});

const post = (role: Role, fields: Record<string, string>) =>
  call(action, { path: "/staff/phone-simulator", params: {}, fields, cookie: cast.people[role].cookie });

async function screen(role: Role, fields: Record<string, string>): Promise<SimulatorAnswer> {
  const answer = await post(role, fields);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as SimulatorAnswer;
}

/** Answers the screen of `previous`, as the page's form does with its hidden session fields. */
function reply(previous: SimulatorAnswer, typed: string) {
  if (!previous.session) throw new Error(`the session ended: ${previous.screen}`);
  return screen("moderator", {
    intent: "reply",
    number: previous.number,
    sessionId: previous.session.id,
    sessionText: previous.session.text,
    text: typed,
  });
}

const votesOn = async (priorityId: number) =>
  (await db().select({ n: count() }).from(vote).where(eq(vote.priorityId, priorityId)))[0]!.n;

async function leftBehind(number: string) {
  const hash = phoneNumberHash(getEnv().AUTH_SECRET, number);
  const phones = await db().select().from(phone).where(eq(phone.numberHash, hash));
  const outbox = await db().select().from(outboxSms).where(eq(outboxSms.toNumber, number));
  return { phones: phones.length, outbox: outbox.length };
}

describe("who may use the phone simulator", () => {
  it.each([
    ["visitor", 302],
    ["member", 403],
    ["institution", 403],
    ["moderator", 200],
    ["otherModerator", 200],
    ["admin", 200],
  ] as const)("%s: %s", async (role, status) => {
    const page = await call(loader, { path: "/staff/phone-simulator", params: {}, cookie: cast.people[role].cookie });
    expect(page.status).toBe(status);
    const posted = await post(role, { intent: "dial", number: "+447700900001" });
    expect(posted.status).toBe(status);
  });

  it("offers each staff member a number of their own in the reserved range", async () => {
    const page = await call(loader, {
      path: "/staff/phone-simulator",
      params: {},
      cookie: cast.people.moderator.cookie,
    });
    const { defaultNumber } = page.body as { defaultNumber: string };
    expect(defaultNumber).toBe(defaultSimulatedNumber(cast.people.moderator.userId!));
    expect(isSimulatedNumber(defaultNumber)).toBe(true);
  });
});

describe("a USSD session through the simulator", () => {
  it("is answered though no gateway is configured, whose public callback does not exist", async () => {
    const direct = await call(atUssd, {
      path: "/gateways/africastalking/ussd",
      params: {},
      fields: { sessionId: "x", serviceCode: "*384#", phoneNumber: "+254711000001", text: "" },
    });
    expect(direct.status).toBe(404);
    const first = await screen("moderator", { intent: "dial", number: "+447700900010" });
    expect(first.screen).toMatch(/^Baraza\n1 English\n2 Français/);
    expect(first.session?.text).toBe("");
  });

  it.each(["sw", "fr", "ar"] as const)("in %s reaches 'vote recorded', and the vote is not kept", async (language) => {
    const number = `+4477009001${supportedLanguages.indexOf(language)}0`;
    const before = await votesOn(trial.priorityIds[0]!);
    const dialled = await screen("moderator", { intent: "dial", number });
    const consultations = await reply(dialled, String(supportedLanguages.indexOf(language as Language) + 1));
    expect(consultations.screen).toContain(text(language, "phones", "ussd.chooseConsultation"));
    const listed = /(\d) Simulator trial/.exec(consultations.screen)?.[1];
    expect(listed, consultations.screen).toBeDefined();
    const menu = await reply(consultations, listed!);
    const priorities = await reply(menu, "1");
    expect(priorities.screen).toContain(text(language, "phones", "ussd.priorities"));
    const first = await reply(priorities, "1");
    expect(first.screen).toContain(text(language, "phones", "ussd.agree"));
    const done = await reply(first, "1");
    expect(done.screen).toBe(text(language, "phones", "ussd.voted"));
    expect(done.session).toBeNull();
    // The vote was written through the real path, then taken away with the simulated phone.
    expect(await votesOn(trial.priorityIds[0]!)).toBe(before);
    expect(await leftBehind(number)).toEqual({ phones: 0, outbox: 0 });
  });

  it("keeps the session when an answer is refused, and says why next to the field", async () => {
    const dialled = await screen("moderator", { intent: "dial", number: "+447700900020" });
    const refused = await post("moderator", {
      intent: "reply",
      number: "+447700900020",
      sessionId: dialled.session!.id,
      sessionText: "",
      text: "  ",
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      fieldErrors: { text: "phones:simulator.errors.text" },
      values: { sessionId: dialled.session!.id },
    });
  });
});

describe("SMS through the simulator", () => {
  it("answers HELP with the reply queued for the number, which is then gone from the outbox", async () => {
    const answer = await screen("moderator", { intent: "sms", number: "+447700900030", text: "HELP" });
    expect(answer.screen).toBe(text("en", "phones", "sms.help"));
    expect(answer.sent).toBe("HELP");
    expect(await leftBehind("+447700900030")).toEqual({ phones: 0, outbox: 0 });
  });

  it("votes and comments in French as a real sender would, and keeps neither", async () => {
    const number = "+447700900031";
    const votes = async () => (await db().select({ n: count() }).from(vote))[0]!.n;
    const before = await votes();
    const voted = await screen("moderator", { intent: "sms", number, text: "VOTER 1 POUR" });
    expect(voted.screen).toMatch(/^Priorité 1 : votre vote « pour » est enregistré\.$/);
    const commented = await screen("moderator", { intent: "sms", number, text: "COMMENTAIRE 1 Très bonne idée" });
    expect(commented.screen).toBe(text("fr", "phones", "sms.commented", { number: 1 }));
    expect(await votes()).toBe(before);
    expect(await db().select().from(comment).where(eq(comment.body, "Très bonne idée"))).toHaveLength(0);
    expect(await db().select().from(phoneMessage)).toHaveLength(0);
    expect(await leftBehind(number)).toEqual({ phones: 0, outbox: 0 });
  });

  it("refuses a number outside the reserved range, next to the field, and sends nothing", async () => {
    const refused = await post("moderator", { intent: "sms", number: "+254711000001", text: "HELP" });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ fieldErrors: { number: "phones:simulator.errors.number" } });
    expect(await db().select().from(outboxSms)).toHaveLength(0);
    expect(await db().select().from(phone)).toHaveLength(0);
  });
});
