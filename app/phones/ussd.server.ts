/**
 * The database side of the USSD menu (app/phones/ussd-menu.ts): what it lists, and its effects
 * carried out through the same rules as SMS and the web.
 */
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { consultation, vote } from "~db/schema";
import { effectivePhase, listPrioritiesWithCounts } from "~/consultations/consultations.server";
import type { Database } from "~/platform/db.server";
import { resultsVisibleTo } from "~/participation/results";
import { phoneMayParticipate } from "~/platform/permissions.server";
import { postPhoneComment, savePhoneBallot } from "~/phones/phone-input.server";
import { castPhoneVote, type PhoneRow } from "~/phones/sms.server";
import type { UssdEffect, UssdWorld } from "~/phones/ussd-menu";

/** The open consultations, newest first, with their priorities and the results this phone may see. */
export async function loadUssdWorld(db: Database, sender: PhoneRow): Promise<UssdWorld> {
  const now = new Date();
  const rows = await db
    .select()
    .from(consultation)
    .where(ne(consultation.phase, "draft"))
    .orderBy(desc(consultation.opensAt), desc(consultation.id));
  const open = rows.map((row) => ({ ...row, phase: effectivePhase(row, now) })).filter((row) => row.phase === "open");
  const voted = new Set(
    open.length === 0
      ? []
      : (
          await db
            .select({ priorityId: vote.priorityId })
            .from(vote)
            .where(
              and(
                eq(vote.phoneId, sender.id),
                inArray(
                  vote.consultationId,
                  open.map((row) => row.id),
                ),
              ),
            )
        ).map((row) => row.priorityId),
  );
  return {
    consultations: await Promise.all(
      open.map(async (row) => ({
        id: row.id,
        title: row.title,
        ballotBudget: row.ballotBudget,
        moderationMode: row.moderationMode,
        priorities: (await listPrioritiesWithCounts(db, row.id)).map((priority) => ({
          id: priority.id,
          title: priority.title,
          results: resultsVisibleTo(row.resultsVisibility, { phase: row.phase, hasVoted: voted.has(priority.id) })
            ? priority.counts
            : null,
        })),
      })),
    ),
  };
}

export type UssdEffectResult =
  /** `held`: a comment waits for the moderators (pre-moderation, or the spam check held it). */
  { ok: true; held?: boolean } | { ok: false; error: "closed" | "overBudget"; values?: Record<string, number> };

export async function runUssdEffect(
  db: Database,
  sender: PhoneRow,
  effect: UssdEffect,
  language: string,
): Promise<UssdEffectResult> {
  return db.transaction(async (tx) => {
    // Read again inside the transaction: the menu may have been shown just before closing time.
    const [row] = await tx.select().from(consultation).where(eq(consultation.id, effect.consultationId));
    if (!row || !phoneMayParticipate({ phase: effectivePhase(row) })) return { ok: false, error: "closed" };
    switch (effect.kind) {
      case "vote":
        await castPhoneVote(tx, { ...effect, phone: sender, channel: "ussd" });
        return { ok: true };
      case "ballot": {
        // The menu never lets the points exceed the budget, so only a budget changed meanwhile refuses them.
        const budget = row.ballotBudget ?? 0;
        const saved = await savePhoneBallot(tx, { ...effect, budget, phone: sender, channel: "ussd" });
        return saved.ok ? saved : { ok: false, error: "overBudget", values: { total: saved.total, budget } };
      }
      case "comment": {
        const posted = await postPhoneComment(tx, {
          ...effect,
          moderationMode: row.moderationMode,
          body: effect.text,
          language,
          phone: sender,
          channel: "ussd",
        });
        return { ok: true, held: posted.ok && posted.status === "pending" };
      }
    }
  });
}
