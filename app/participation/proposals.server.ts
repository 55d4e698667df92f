/**
 * Proposals: a member's new priority for an open consultation. It is stored as a `pending` priority
 * that only its author sees until a moderator decides; approved ones become ordinary priorities.
 */
import { and, asc, desc, eq, gt, isNotNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { flag, priority, priorityCategories, productTypes } from "~db/schema";
import type { Database, Queryable } from "~/platform/db.server";
import { supportedLanguages } from "~/platform/i18n/config";
import { emptyAsUndefined, trimmedText } from "~/platform/zod-fields";

/** A member proposing the same title again within this window is taken for a double submission. */
export const duplicateWindowMinutes = 10;

export const proposalForm = z.object({
  title: trimmedText(5, 200, "proposals:errors.titleTooShort", "proposals:errors.titleTooLong"),
  body: trimmedText(20, 2000, "proposals:errors.bodyTooShort", "proposals:errors.bodyTooLong"),
  category: z.enum(priorityCategories, { error: "proposals:errors.category" }),
  productType: z.preprocess(
    emptyAsUndefined,
    z.enum(productTypes, { error: "proposals:errors.productType" }).optional(),
  ),
  language: z.enum(supportedLanguages, { error: "proposals:errors.language" }),
});

export type ProposalInput = z.infer<typeof proposalForm>;

export type SubmitProposalResult = { ok: true; priorityId: number } | { ok: false; reason: "duplicate" };

/**
 * Stores the proposal as a pending priority, unless the same member proposed the same title (case
 * and spacing aside) in this consultation within the last few minutes.
 */
export async function submitProposal(
  db: Database,
  input: ProposalInput & { consultationId: number; userId: string },
): Promise<SubmitProposalResult> {
  return db.transaction(async (tx) => {
    // A double-clicked submit arrives as two concurrent posts: serialise one member's proposals so
    // the second one sees the first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`proposal:${input.userId}`}))`);
    const since = new Date(Date.now() - duplicateWindowMinutes * 60_000);
    const [duplicate] = await tx
      .select({ id: priority.id })
      .from(priority)
      .where(
        and(
          eq(priority.consultationId, input.consultationId),
          eq(priority.proposedById, input.userId),
          gt(priority.createdAt, since),
          sql`exists (select 1 from jsonb_each_text(${priority.title}) as t(language, text)
                      where lower(btrim(t.text)) = lower(${input.title}))`,
        ),
      )
      .limit(1);
    if (duplicate) return { ok: false, reason: "duplicate" } as const;

    const [row] = await tx
      .insert(priority)
      .values({
        consultationId: input.consultationId,
        // After every existing priority, so approving it does not reorder the list.
        position: sql`(select coalesce(max(${priority.position}), 0) + 1 from ${priority} where ${priority.consultationId} = ${input.consultationId})`,
        title: { [input.language]: input.title },
        body: { [input.language]: input.body },
        category: input.category,
        productType: input.productType ?? null,
        status: "pending",
        proposedById: input.userId,
        proposalLanguage: input.language,
      })
      .returning({ id: priority.id });
    if (!row) throw new Error("proposal not inserted");
    return { ok: true, priorityId: row.id } as const;
  });
}

/** What a proposal says, as its author wrote it: every list of proposals shows these. */
const proposalColumns = {
  id: priority.id,
  title: priority.title,
  body: priority.body,
  category: priority.category,
  productType: priority.productType,
  proposalLanguage: priority.proposalLanguage,
};

/** The member's own proposals in a consultation, newest first, whatever their status. */
export async function listOwnProposals(db: Queryable, consultationId: number, userId: string) {
  return db
    .select({
      ...proposalColumns,
      status: priority.status,
      mergedIntoId: priority.mergedIntoId,
      createdAt: priority.createdAt,
    })
    .from(priority)
    .where(and(eq(priority.consultationId, consultationId), eq(priority.proposedById, userId)))
    .orderBy(desc(priority.createdAt), desc(priority.id));
}

/**
 * Approved priorities that members (other than the viewer) proposed: the only proposals anyone but
 * their author sees, and so the only ones that can be flagged.
 */
export async function listMemberProposedPriorities(db: Queryable, consultationId: number, viewerId: string | null) {
  return db
    .select({
      ...proposalColumns,
      flaggedByViewer: sql<boolean>`${flag.id} is not null`,
    })
    .from(priority)
    .leftJoin(
      flag,
      and(
        eq(flag.targetType, "priority"),
        eq(flag.targetId, priority.id),
        // A visitor has flagged nothing.
        viewerId ? eq(flag.reporterId, viewerId) : sql`false`,
      ),
    )
    .where(
      and(
        eq(priority.consultationId, consultationId),
        eq(priority.status, "approved"),
        isNotNull(priority.proposedById),
        viewerId ? ne(priority.proposedById, viewerId) : undefined,
      ),
    )
    .orderBy(asc(priority.position), asc(priority.id));
}
