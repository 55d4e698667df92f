/**
 * One incoming SMS, from any gateway, to its reply (issue 16; docs/decisions/0039 and 0040): the phone
 * known by a keyed hash, the message recorded once per gateway message id (a replay gets the first
 * reply and changes nothing), a flood from one number held, the command carried out through the same
 * rules as the web (consultation open, priority in range), the reply in the sender's language.
 */
import { createHmac } from "node:crypto";
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { consultation, outboxSms, phone, phoneMessage, priority, vote, type VoteValue } from "~db/schema";
import { effectivePhase } from "~/consultations/consultations.server";
import type { Database, Queryable } from "~/platform/db.server";
import { isSupportedLanguage, type Language } from "~/platform/i18n/config";
import { resultsVisibleTo } from "~/participation/results";
import { phoneMayParticipate } from "~/platform/permissions.server";
import { consumeRateLimit } from "~/platform/rate-limit.server";
import { countryOfNumber, type InboundSms } from "~/phones/gateways";
import { smsLexicon } from "~/phones/lexicon.server";
import { postPhoneComment, savePhoneBallot } from "~/phones/phone-input.server";
import { parseSms, smsCommentMaxLength, type SmsCommand } from "~/phones/sms-grammar";
import type { Translate } from "~/phones/ussd-menu";

export type PhoneGateway = (typeof phoneMessage.$inferInsert)["gateway"];

/**
 * The phone's identity: HMAC-SHA256 of the E.164 number under a key of its own derived from the
 * install's secret, so the hash means nothing without the secret and matches nothing else it signs.
 */
export function phoneNumberHash(secret: string, number: string): string {
  const key = createHmac("sha256", secret).update("baraza phone number v1").digest();
  return createHmac("sha256", key).update(number).digest("hex");
}

export interface SmsSettings {
  secret: string;
  /** The consultation SMS numbers refer to; by default the open one opened last. */
  consultationSlug?: string;
  translate: Translate;
  /** Whether the reply goes through the outbox (gateways that cannot answer in the response). */
  queueReply: boolean;
}

export interface SmsOutcome {
  reply: string;
  /** True for a message already received: nothing was done again. */
  replayed: boolean;
}

export type PhoneRow = typeof phone.$inferSelect;

/** Thrown inside the transaction when the same message was stored meanwhile, to undo this one. */
class AlreadyReceived extends Error {}

export async function receiveSms(
  db: Database,
  settings: SmsSettings,
  gateway: PhoneGateway,
  message: InboundSms,
): Promise<SmsOutcome> {
  const earlier = await storedReply(db, gateway, message.messageId);
  if (earlier !== undefined) return { reply: earlier, replayed: true };
  const numberHash = phoneNumberHash(settings.secret, message.from);
  const limit = await consumeRateLimit(db, [
    ["messagePerPhone", numberHash],
    ["messagePerGateway", gateway],
  ]);
  try {
    return await db.transaction(async (tx) => {
      const sender = await findOrCreatePhone(tx, numberHash, message.from);
      const parsed = parseSms(smsLexicon(), message.text, languageOf(sender));
      const language = languageOf(sender) ?? parsed.language ?? "en";
      const t = (key: string, values?: Record<string, string | number>) =>
        settings.translate(language, `phones:${key}`, values);
      let reply: string;
      if (!limit.allowed) reply = t("sms.errors.held");
      else if (!parsed.ok) reply = t(`sms.errors.${parsed.error}`, { max: smsCommentMaxLength });
      else reply = await carryOut(tx, settings, sender, parsed.command, language, t);
      if (limit.allowed && parsed.ok && !sender.language) {
        await tx.update(phone).set({ language }).where(eq(phone.id, sender.id));
      }
      const [stored] = await tx
        .insert(phoneMessage)
        .values({ gateway, messageId: message.messageId, phoneId: sender.id, reply, held: !limit.allowed })
        .onConflictDoNothing()
        .returning({ id: phoneMessage.id });
      if (!stored) throw new AlreadyReceived();
      // The confirmation of STOP is the last message; a stopped phone gets none until it writes a command.
      const [now] = await tx.select({ stoppedAt: phone.stoppedAt }).from(phone).where(eq(phone.id, sender.id));
      const isStop = parsed.ok && parsed.command.kind === "stop";
      if (settings.queueReply && (isStop || !now?.stoppedAt)) {
        await tx.insert(outboxSms).values({
          dedupeKey: `${gateway}:${message.messageId}`,
          gateway,
          toNumber: message.from,
          body: reply,
        });
      }
      return { reply, replayed: false };
    });
  } catch (error) {
    if (!(error instanceof AlreadyReceived)) throw error;
    return { reply: (await storedReply(db, gateway, message.messageId)) ?? "", replayed: true };
  }
}

async function storedReply(db: Queryable, gateway: PhoneGateway, messageId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ reply: phoneMessage.reply })
    .from(phoneMessage)
    .where(and(eq(phoneMessage.gateway, gateway), eq(phoneMessage.messageId, messageId)));
  return row?.reply;
}

function languageOf(row: PhoneRow): Language | undefined {
  return isSupportedLanguage(row.language) ? row.language : undefined;
}

export async function findOrCreatePhone(db: Queryable, numberHash: string, number: string): Promise<PhoneRow> {
  return upsertPhone(db, numberHash, countryOfNumber(number));
}

/** The phone of `numberHash`, made with `countryCode` if it is new. */
export async function upsertPhone(db: Queryable, numberHash: string, countryCode: string | null): Promise<PhoneRow> {
  // `do update` of nothing, so the row comes back whether it was there or not.
  const [row] = await db
    .insert(phone)
    .values({ numberHash, countryCode })
    .onConflictDoUpdate({ target: phone.numberHash, set: { numberHash: sql`excluded.number_hash` } })
    .returning();
  if (!row) throw new Error("phone upsert returned no row");
  return row;
}

/** The consultation SMS numbers refer to: the configured one, else the open one opened last. */
async function phoneConsultation(db: Queryable, slug: string | undefined) {
  const rows = await db
    .select()
    .from(consultation)
    .where(slug ? eq(consultation.slug, slug) : ne(consultation.phase, "draft"))
    .orderBy(desc(consultation.opensAt), desc(consultation.id));
  const now = new Date();
  const withPhase = rows.map((row) => ({ ...row, phase: effectivePhase(row, now) }));
  return slug ? withPhase[0] : withPhase.find((row) => row.phase === "open");
}

async function carryOut(
  tx: Queryable,
  settings: SmsSettings,
  sender: PhoneRow,
  command: SmsCommand,
  language: Language,
  t: (key: string, values?: Record<string, string | number>) => string,
): Promise<string> {
  if (command.kind === "stop") {
    await tx.update(phone).set({ stoppedAt: new Date() }).where(eq(phone.id, sender.id));
    return t("sms.stopped");
  }
  // Sending a command again is asking for answers again.
  if (sender.stoppedAt) await tx.update(phone).set({ stoppedAt: null }).where(eq(phone.id, sender.id));
  if (command.kind === "help") return t("sms.help");
  const target = await phoneConsultation(tx, settings.consultationSlug);
  if (!target || target.phase === "draft") return t("sms.errors.noConsultation");
  const priorities = await votablePriorities(tx, target.id);
  const number = command.kind === "ballot" ? command.points.length : command.number;
  const chosen = priorities[number - 1];
  if (!chosen) return t("sms.errors.unknownPriority", { number, count: priorities.length });
  if (command.kind === "results") {
    const hasVoted = await phoneHasVoted(tx, sender, chosen.id);
    const visible = resultsVisibleTo(target.resultsVisibility, { phase: target.phase, hasVoted });
    return visible
      ? t("sms.results", { number, ...(await voteCounts(tx, chosen.id)) })
      : t("sms.resultsHidden", { number });
  }
  if (!phoneMayParticipate({ phase: target.phase })) return t("sms.errors.closed");
  switch (command.kind) {
    case "vote":
      await castPhoneVote(tx, {
        consultationId: target.id,
        priorityId: chosen.id,
        phone: sender,
        value: command.value,
      });
      return t("sms.voted", { number, value: t(`values.${command.value}`) });
    case "ballot": {
      if (target.ballotBudget === null) return t("sms.errors.noBallot");
      // Points in the order of the priorities; those left out get none.
      const allocations = priorities.map((priority, index) => ({
        priorityId: priority.id,
        points: command.points[index] ?? 0,
      }));
      const saved = await savePhoneBallot(tx, {
        consultationId: target.id,
        budget: target.ballotBudget,
        allocations,
        phone: sender,
        channel: "sms",
      });
      return saved.ok
        ? t("sms.ballotSaved")
        : t("sms.errors.overBudget", { total: saved.total, budget: target.ballotBudget });
    }
    case "comment": {
      const posted = await postPhoneComment(tx, {
        consultationId: target.id,
        priorityId: chosen.id,
        moderationMode: target.moderationMode,
        body: command.text,
        language,
        phone: sender,
        channel: "sms",
      });
      return t(posted.ok && posted.status === "pending" ? "sms.commentHeld" : "sms.commented", { number });
    }
  }
}

/**
 * The consultation's votable priorities in the order people see them numbered; without counting
 * votes, which a burst of SMS votes must not do once per message.
 */
async function votablePriorities(tx: Queryable, consultationId: number): Promise<{ id: number }[]> {
  return tx
    .select({ id: priority.id })
    .from(priority)
    .where(and(eq(priority.consultationId, consultationId), eq(priority.status, "approved")))
    .orderBy(asc(priority.position), asc(priority.id));
}

async function voteCounts(tx: Queryable, priorityId: number): Promise<Record<VoteValue, number>> {
  const rows = await tx
    .select({ value: vote.value, n: sql<number>`count(*)::int` })
    .from(vote)
    .where(eq(vote.priorityId, priorityId))
    .groupBy(vote.value);
  const counts: Record<VoteValue, number> = { agree: 0, disagree: 0, pass: 0 };
  for (const row of rows) counts[row.value] = row.n;
  return counts;
}

async function phoneHasVoted(tx: Queryable, sender: PhoneRow, priorityId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: vote.id })
    .from(vote)
    .where(and(eq(vote.priorityId, priorityId), eq(vote.phoneId, sender.id)))
    .limit(1);
  return row !== undefined;
}

/**
 * A phone's vote: one per phone per priority, changeable like an account's. A phone linked to an
 * account votes as that account, so the person is counted once (docs/decisions/0040).
 */
export async function castPhoneVote(
  tx: Queryable,
  input: { consultationId: number; priorityId: number; phone: PhoneRow; value: VoteValue; channel?: "sms" | "ussd" },
): Promise<void> {
  const channel = input.channel ?? "sms";
  if (input.phone.userId) {
    await tx.execute(sql`
      insert into ${vote} (consultation_id, priority_id, user_id, value, channel)
      values (${input.consultationId}, ${input.priorityId}, ${input.phone.userId}, ${input.value}, ${channel})
      on conflict (priority_id, user_id) do update set value = excluded.value, channel = excluded.channel, updated_at = now()
    `);
    return;
  }
  await tx.execute(sql`
    insert into ${vote} (consultation_id, priority_id, phone_id, value, channel)
    values (${input.consultationId}, ${input.priorityId}, ${input.phone.id}, ${input.value}, ${channel})
    on conflict (priority_id, phone_id) do update set value = excluded.value, channel = excluded.channel, updated_at = now()
  `);
}
