/**
 * Linking a phone to an account from /profile/phone (docs/decisions/0040, 0048), through the real
 * route and database: the code goes out by SMS through the outbox and is kept only as a hash; a
 * wrong, malformed or expired code links nothing; five wrong tries spend it; the right one links the
 * phone and moves its votes, points and comments to the account, the account's vote winning; the
 * number is stored nowhere but the outbox. Then what the member's data download and erasure do
 * with linked phones.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ballotAllocation, comment, outboxSms, phone, phoneLinkCode, vote } from "~db/schema";
import { eraseAccount } from "~/accounts/erasure.server";
import { collectMemberData } from "~/accounts/member-data.server";
import { getEnv } from "~/platform/env.server";
import { postPhoneComment, savePhoneBallot } from "~/phones/phone-input.server";
import { castPhoneVote, phoneNumberHash, upsertPhone, type PhoneRow } from "~/phones/sms.server";
import { action, loader } from "~/routes/_member+/profile_.phone";
import { loader as profileLoader } from "~/routes/_member+/profile";
import { call, signUpMember } from "../support/actions";
import { createConsultation } from "../support/consultation-fixtures";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();
let consultation: { id: number; priorityIds: number[] };

beforeAll(async () => {
  consultation = await createConsultation(db(), { ballotBudget: 10 }, 3);
});

type Member = Awaited<ReturnType<typeof signUpMember>>;

const post = (who: Member, fields: Record<string, string>) =>
  call(action, { path: "/profile/phone", params: {}, fields, cookie: who.cookie });

let numbers = 0;
const newNumber = () => `+2547${String(process.pid % 1000).padStart(3, "0")}${String(++numbers).padStart(5, "0")}`;

/** Asks for a code for `number` and reads it from the SMS queued for that number, as the phone would. */
async function requestCode(who: Member, number: string): Promise<string> {
  const answer = await post(who, { intent: "send-code", number });
  expect(answer.status).toBe(302);
  const [sms] = await db()
    .select()
    .from(outboxSms)
    .where(eq(outboxSms.toNumber, number.replace(/\s/g, "")));
  const code = sms?.body.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error(`no code was queued for ${number}`);
  return code;
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

const phoneOf = async (number: string): Promise<PhoneRow | undefined> =>
  (
    await db()
      .select()
      .from(phone)
      .where(eq(phone.numberHash, phoneNumberHash(getEnv().AUTH_SECRET, number)))
  )[0];

describe("linking a phone", () => {
  it("sends a code by SMS, keeps only its hash, and links the phone once the right code comes back", async () => {
    const member = await signUpMember();
    const number = newNumber();
    const code = await requestCode(member, `${number.slice(0, 4)} ${number.slice(4, 7)} ${number.slice(7)}`);
    const [sms] = await db().select().from(outboxSms).where(eq(outboxSms.toNumber, number));
    expect(sms).toMatchObject({ gateway: null, status: "pending" });
    expect(sms!.body).toContain("Baraza");

    const [pending] = await db().select().from(phoneLinkCode).where(eq(phoneLinkCode.userId, member.userId));
    expect(pending!.lastDigits).toBe(number.slice(-2));
    expect(JSON.stringify(pending)).not.toContain(code);
    expect(JSON.stringify(pending)).not.toContain(number.slice(1));
    const page = (await call(loader, { path: "/profile/phone", params: {}, cookie: member.cookie })).body as {
      pending: { digits: string } | null;
    };
    expect(page.pending).toEqual({ digits: number.slice(-2) });

    const malformed = await post(member, { intent: "confirm-code", code: "12ab" });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ fieldErrors: { code: "profile:phone.errors.codeFormat" } });
    const mistaken = await post(member, { intent: "confirm-code", code: wrong(code) });
    expect(mistaken.status).toBe(400);
    expect(mistaken.body).toMatchObject({ fieldErrors: { code: "profile:phone.errors.wrongCode" } });
    expect(await phoneOf(number)).toBeUndefined();

    const linked = await post(member, { intent: "confirm-code", code: code.replace(/(\d{3})/, "$1 ") });
    expect(linked.status).toBe(302);
    expect(await phoneOf(number)).toMatchObject({
      userId: member.userId,
      countryCode: "KE",
      lastDigits: number.slice(-2),
    });
    expect(await db().select().from(phoneLinkCode).where(eq(phoneLinkCode.userId, member.userId))).toEqual([]);
    // The number in clear is in the outbox only, until sent: no other table holds it.
    const stored = await db().execute(sql`select row_to_json(p)::text as row from phone p`);
    expect(JSON.stringify(stored)).not.toContain(number.slice(1));

    const profile = (await call(profileLoader, { path: "/profile", params: {}, cookie: member.cookie })).body as {
      phones: { country: string; digits: string }[];
    };
    expect(profile.phones).toEqual([expect.objectContaining({ country: "Kenya", digits: number.slice(-2) })]);
  });

  it("refuses a number without its country code and a code nobody asked for", async () => {
    const member = await signUpMember();
    const bad = await post(member, { intent: "send-code", number: "0712 345 678" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      fieldErrors: { number: "profile:phone.errors.number" },
      values: { number: "0712 345 678" },
    });
    const unasked = await post(member, { intent: "confirm-code", code: "123456" });
    expect(unasked.body).toMatchObject({ fieldErrors: { code: "profile:phone.errors.noCode" } });
  });

  it("refuses an expired code, and spends a code after five wrong tries", async () => {
    const member = await signUpMember();
    const code = await requestCode(member, newNumber());
    await db()
      .update(phoneLinkCode)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(phoneLinkCode.userId, member.userId));
    const expired = await post(member, { intent: "confirm-code", code });
    expect(expired.body).toMatchObject({ fieldErrors: { code: "profile:phone.errors.expired" } });

    const number = newNumber();
    const fresh = await requestCode(member, number);
    for (let attempt = 1; attempt < 5; attempt++) {
      const answer = await post(member, { intent: "confirm-code", code: wrong(fresh) });
      expect(answer.body).toMatchObject({ fieldErrors: { code: "profile:phone.errors.wrongCode" } });
    }
    const fifth = await post(member, { intent: "confirm-code", code: wrong(fresh) });
    expect(fifth.body).toMatchObject({ fieldErrors: { code: "profile:phone.errors.tooManyTries" } });
    const late = await post(member, { intent: "confirm-code", code: fresh });
    expect(late.body).toMatchObject({ fieldErrors: { code: "profile:phone.errors.noCode" } });
    expect(await phoneOf(number)).toBeUndefined();
  });

  it("sends at most five codes an hour to one member", async () => {
    const member = await signUpMember();
    for (let sent = 0; sent < 5; sent++) await requestCode(member, newNumber());
    const refused = await post(member, { intent: "send-code", number: newNumber() });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ formError: "profile:phone.errors.tooManyCodes" });
  });

  it("moves the phone's votes, points and comments to the account; the account's own vote and ballot win", async () => {
    const member = await signUpMember();
    const number = newNumber();
    const sender = await upsertPhone(db(), phoneNumberHash(getEnv().AUTH_SECRET, number), "KE");
    const [first, second, third] = consultation.priorityIds as [number, number, number];
    await castPhoneVote(db(), { consultationId: consultation.id, priorityId: first, phone: sender, value: "disagree" });
    await castPhoneVote(db(), { consultationId: consultation.id, priorityId: second, phone: sender, value: "pass" });
    await db()
      .insert(vote)
      .values({ consultationId: consultation.id, priorityId: first, userId: member.userId, value: "agree" });
    await savePhoneBallot(db(), {
      consultationId: consultation.id,
      budget: 10,
      allocations: [{ priorityId: third, points: 7 }],
      phone: sender,
      channel: "sms",
    });
    await db()
      .insert(ballotAllocation)
      .values({ consultationId: consultation.id, priorityId: first, userId: member.userId, points: 4 });
    await postPhoneComment(db(), {
      consultationId: consultation.id,
      priorityId: second,
      moderationMode: "post",
      body: "Maji safi kwa kila kijiji",
      language: "sw",
      phone: sender,
      channel: "sms",
    });

    await post(member, { intent: "confirm-code", code: await requestCode(member, number) });

    const votes = await db()
      .select({ priorityId: vote.priorityId, value: vote.value, channel: vote.channel, phoneId: vote.phoneId })
      .from(vote)
      .where(eq(vote.userId, member.userId))
      .orderBy(vote.priorityId);
    expect(votes).toEqual([
      { priorityId: first, value: "agree", channel: "web", phoneId: null },
      { priorityId: second, value: "pass", channel: "sms", phoneId: null },
    ]);
    expect(await db().select().from(vote).where(eq(vote.phoneId, sender.id))).toEqual([]);
    const points = await db()
      .select({ priorityId: ballotAllocation.priorityId, points: ballotAllocation.points })
      .from(ballotAllocation)
      .where(eq(ballotAllocation.consultationId, consultation.id));
    expect(points.filter((row) => [first, third].includes(row.priorityId))).toEqual([{ priorityId: first, points: 4 }]);
    const [written] = await db().select().from(comment).where(eq(comment.phoneId, sender.id));
    expect(written).toMatchObject({ authorId: member.userId, channel: "sms" });

    // From now on the phone votes as the account: one vote per person whatever the channel.
    const linkedPhone = (await phoneOf(number))!;
    await castPhoneVote(db(), {
      consultationId: consultation.id,
      priorityId: first,
      phone: linkedPhone,
      value: "disagree",
    });
    const [changed] = await db()
      .select({ value: vote.value })
      .from(vote)
      .where(and(eq(vote.userId, member.userId), eq(vote.priorityId, first)));
    expect(changed!.value).toBe("disagree");

    // The member's data download names the phone (country, last two digits) and each vote's channel.
    const data = await collectMemberData(db(), member.userId, "en");
    expect(data.phones).toEqual([expect.objectContaining({ country: "KE", lastDigits: number.slice(-2) })]);
    expect(data.votes.map((row) => row.channel).sort()).toEqual(["sms", "sms"]);
    expect(JSON.stringify(data)).not.toContain(number.slice(1));
  });

  it("unlinks a phone of one's own, not someone else's", async () => {
    const owner = await signUpMember();
    const other = await signUpMember();
    const number = newNumber();
    await post(owner, { intent: "confirm-code", code: await requestCode(owner, number) });
    const linked = (await phoneOf(number))!;
    const refused = await post(other, { intent: "unlink", phoneId: String(linked.id) });
    expect(refused.status).toBe(404);
    expect((await phoneOf(number))!.userId).toBe(owner.userId);
    const unlinked = await post(owner, { intent: "unlink", phoneId: String(linked.id) });
    expect(unlinked.status).toBe(302);
    expect(await phoneOf(number)).toMatchObject({ userId: null, lastDigits: null });
  });

  it("erasing the account erases its linked phones and a code still waiting in the outbox", async () => {
    const member = await signUpMember();
    const number = newNumber();
    await post(member, { intent: "confirm-code", code: await requestCode(member, number) });
    const linked = (await phoneOf(number))!;
    await castPhoneVote(db(), {
      consultationId: consultation.id,
      priorityId: consultation.priorityIds[0]!,
      phone: linked,
      value: "agree",
    });
    const waiting = newNumber();
    await requestCode(member, waiting);

    expect(await eraseAccount(db(), member.userId, "erase-all")).not.toBeNull();
    expect(await phoneOf(number)).toBeUndefined();
    expect(await db().select().from(outboxSms).where(eq(outboxSms.toNumber, waiting))).toEqual([]);
    expect(await db().select().from(phoneLinkCode).where(eq(phoneLinkCode.userId, member.userId))).toEqual([]);
    expect(await db().select().from(vote).where(eq(vote.userId, member.userId))).toEqual([]);
  });
});
