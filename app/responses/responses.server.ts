/**
 * Institutional responses ("you said, we will") to a consultation's published summary, and the
 * commitments they make. A commitment's status changes are kept as a public history; publishing a
 * response and every later status change notify the consultation's participants.
 */
import { and, asc, desc, eq, inArray, isNull, ne, sql, type AnyColumn } from "drizzle-orm";
import { z } from "zod";
import {
  commitment,
  commitmentStatusChange,
  consultation,
  institutionalResponse,
  summary,
  type LocalizedText,
} from "~db/schema";
import { rowOfConsultation, type Database, type Queryable } from "~/platform/db.server";
import { supportedLanguages } from "~/platform/i18n/config";
import { emptyAsUndefined, trimmedText } from "~/platform/zod-fields";
import { localize } from "~/platform/i18n/localize";
import { commitmentStatuses, type CommitmentStatus } from "~/notifications/notification-text";
import { notifyParticipants } from "~/notifications/notifications.server";
import { emitWebhookEvent } from "~/webhooks/webhooks.server";

export const responseForm = z.object({
  language: z.enum(supportedLanguages, { error: "responses:errors.language" }),
  title: trimmedText(5, 200, "responses:errors.titleLength"),
  body: trimmedText(20, 20_000, "responses:errors.bodyLength"),
});

export const commitmentForm = z.object({
  language: z.enum(supportedLanguages, { error: "responses:errors.language" }),
  what: trimmedText(5, 1000, "responses:errors.whatLength"),
  who: trimmedText(2, 200, "responses:errors.whoLength"),
  dueOn: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "responses:errors.dueOn")
      .refine((value) => !Number.isNaN(Date.parse(value)), "responses:errors.dueOn")
      .optional(),
  ),
});

/**
 * A commitment's texts in one language, its due date, and, once a status change gave one, its "why"
 * in that language (left empty, the other languages' reasons stay as they are).
 */
export const commitmentEditForm = commitmentForm.extend({
  why: z.preprocess(emptyAsUndefined, z.string().trim().max(1000, "responses:errors.reasonLength").optional()),
});

export const statusChangeForm = z
  .object({
    language: z.enum(supportedLanguages, { error: "responses:errors.language" }),
    status: z.enum(commitmentStatuses, { error: "responses:errors.status" }),
    reason: z.preprocess(emptyAsUndefined, z.string().trim().max(1000, "responses:errors.reasonLength").optional()),
  })
  .refine((input) => input.status !== "dropped" || Boolean(input.reason), {
    path: ["reason"],
    message: "responses:errors.reasonRequired",
  });

export type ResponseInput = z.infer<typeof responseForm>;
export type CommitmentInput = z.infer<typeof commitmentForm>;
export type CommitmentEditInput = z.infer<typeof commitmentEditForm>;
export type StatusChangeInput = z.infer<typeof statusChangeForm>;

export type ResponseRow = typeof institutionalResponse.$inferSelect;

/** The consultation-level summary a response answers: a published one, in the default locale if possible. */
async function findPublishedSummaryId(db: Queryable, consultationId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: summary.id })
    .from(summary)
    .innerJoin(consultation, eq(consultation.id, summary.consultationId))
    .where(and(eq(summary.consultationId, consultationId), isNull(summary.priorityId), eq(summary.status, "published")))
    .orderBy(sql`${summary.locale} = ${consultation.defaultLocale} desc`, asc(summary.id))
    .limit(1);
  return row?.id ?? null;
}

export type SaveResponseResult = { ok: true; responseId: number } | { ok: false; reason: "no-summary" | "not-found" };

/**
 * Creates a draft response (no `responseId`) or writes one language of an existing response of this
 * consultation; the other languages are kept.
 */
export async function saveResponse(
  db: Database,
  input: ResponseInput & { consultationId: number; institutionId: number; userId: string; responseId?: number },
): Promise<SaveResponseResult> {
  const summaryId = await findPublishedSummaryId(db, input.consultationId);
  if (summaryId === null) return { ok: false, reason: "no-summary" };
  if (input.responseId === undefined) {
    const [row] = await db
      .insert(institutionalResponse)
      .values({
        consultationId: input.consultationId,
        institutionId: input.institutionId,
        summaryId,
        title: { [input.language]: input.title },
        body: { [input.language]: input.body },
        createdById: input.userId,
      })
      .returning({ id: institutionalResponse.id });
    return { ok: true, responseId: row!.id };
  }
  const rows = await db
    .update(institutionalResponse)
    .set({
      title: sql`${institutionalResponse.title} || ${JSON.stringify({ [input.language]: input.title })}::jsonb`,
      body: sql`${institutionalResponse.body} || ${JSON.stringify({ [input.language]: input.body })}::jsonb`,
      updatedAt: sql`now()`,
    })
    .where(rowOfConsultation(institutionalResponse, input.consultationId, input.responseId))
    .returning({ id: institutionalResponse.id });
  return rows.length ? { ok: true, responseId: input.responseId } : { ok: false, reason: "not-found" };
}

/** Publishes a draft and notifies the participants, in one transaction; publishing twice does nothing. */
export async function publishResponse(
  db: Database,
  input: { consultationId: number; responseId: number },
): Promise<{ ok: true } | { ok: false; reason: "not-found" }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(institutionalResponse)
      .where(rowOfConsultation(institutionalResponse, input.consultationId, input.responseId))
      .for("update");
    if (!row) return { ok: false, reason: "not-found" } as const;
    if (row.status === "published") return { ok: true } as const;
    await tx
      .update(institutionalResponse)
      .set({ status: "published", publishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(institutionalResponse.id, row.id));
    await notifyParticipants(tx, {
      kind: "response-published",
      consultationId: row.consultationId,
      eventKey: `response-published:${row.id}`,
      payload: { title: row.title },
    });
    await emitWebhookEvent(tx, {
      event: "response.published",
      consultationId: row.consultationId,
      eventKey: `response-published:${row.id}`,
      payload: { response: { id: row.id, title: row.title } },
    });
    return { ok: true } as const;
  });
}

/** Adds a planned commitment to a response of this consultation; its history starts with "planned". */
export async function addCommitment(
  db: Database,
  input: CommitmentInput & { consultationId: number; responseId: number; userId: string },
): Promise<{ ok: true; commitmentId: number } | { ok: false; reason: "not-found" }> {
  return db.transaction(async (tx) => {
    const [response] = await tx
      .select({ id: institutionalResponse.id })
      .from(institutionalResponse)
      .where(rowOfConsultation(institutionalResponse, input.consultationId, input.responseId));
    if (!response) return { ok: false, reason: "not-found" } as const;
    const [row] = await tx
      .insert(commitment)
      .values({
        responseId: response.id,
        position: sql`(select coalesce(max(${commitment.position}), 0) + 1 from ${commitment} where ${commitment.responseId} = ${response.id})`,
        what: { [input.language]: input.what },
        who: { [input.language]: input.who },
        dueOn: input.dueOn ?? null,
      })
      .returning({ id: commitment.id });
    await tx
      .insert(commitmentStatusChange)
      .values({ commitmentId: row!.id, fromStatus: null, toStatus: "planned", changedById: input.userId });
    return { ok: true, commitmentId: row!.id } as const;
  });
}

/** `column || {language: text}`: one language of a per-language text written, the others kept. */
const withLanguage = (column: AnyColumn, language: string, text: string) =>
  sql`coalesce(${column}, '{}'::jsonb) || ${JSON.stringify({ [language]: text })}::jsonb`;

/**
 * Writes one language of a commitment's "what", "who" and (when it has one) "why", and its due date,
 * keeping the other languages. The "why" is the latest status change's reason, so that history entry
 * gets the same translation and the public history agrees with the commitment.
 */
export async function editCommitment(
  db: Database,
  input: CommitmentEditInput & { consultationId: number; commitmentId: number },
): Promise<{ ok: true } | { ok: false; reason: "not-found" }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(commitment)
      .set({
        what: withLanguage(commitment.what, input.language, input.what),
        who: withLanguage(commitment.who, input.language, input.who),
        dueOn: input.dueOn ?? null,
        ...(input.why
          ? {
              statusReason: sql`case when ${commitment.statusReason} is null then null else ${withLanguage(commitment.statusReason, input.language, input.why)} end`,
            }
          : {}),
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(commitment.id, input.commitmentId),
          inArray(
            commitment.responseId,
            tx
              .select({ id: institutionalResponse.id })
              .from(institutionalResponse)
              .where(eq(institutionalResponse.consultationId, input.consultationId)),
          ),
        ),
      )
      .returning({ id: commitment.id, statusReason: commitment.statusReason });
    if (!row) return { ok: false, reason: "not-found" } as const;
    if (input.why && row.statusReason) {
      await tx
        .update(commitmentStatusChange)
        .set({ reason: row.statusReason })
        .where(
          eq(
            commitmentStatusChange.id,
            tx
              .select({ id: commitmentStatusChange.id })
              .from(commitmentStatusChange)
              .where(eq(commitmentStatusChange.commitmentId, row.id))
              .orderBy(desc(commitmentStatusChange.createdAt), desc(commitmentStatusChange.id))
              .limit(1),
          ),
        );
    }
    return { ok: true } as const;
  });
}

/** Deletes a draft response with its commitments; a published one is public record and stays. */
export async function deleteDraftResponse(
  db: Queryable,
  input: { consultationId: number; responseId: number },
): Promise<boolean> {
  const rows = await db
    .delete(institutionalResponse)
    .where(
      and(
        rowOfConsultation(institutionalResponse, input.consultationId, input.responseId),
        eq(institutionalResponse.status, "draft"),
      ),
    )
    .returning({ id: institutionalResponse.id });
  return rows.length > 0;
}

export type ChangeStatusResult = { ok: true } | { ok: false; reason: "not-found" | "unchanged" };

/**
 * Moves a commitment to another status, keeps the change in its public history and, once its
 * response is published, notifies the participants (all in one transaction).
 */
export async function changeCommitmentStatus(
  db: Database,
  input: StatusChangeInput & { consultationId: number; commitmentId: number; userId: string },
): Promise<ChangeStatusResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ commitment, response: institutionalResponse })
      .from(commitment)
      .innerJoin(institutionalResponse, eq(institutionalResponse.id, commitment.responseId))
      .where(and(eq(commitment.id, input.commitmentId), eq(institutionalResponse.consultationId, input.consultationId)))
      .for("update", { of: commitment });
    if (!row) return { ok: false, reason: "not-found" } as const;
    if (row.commitment.status === input.status) return { ok: false, reason: "unchanged" } as const;
    const reason = input.reason ? { [input.language]: input.reason } : null;
    await tx
      .update(commitment)
      .set({ status: input.status, statusReason: reason, updatedAt: sql`now()` })
      .where(eq(commitment.id, row.commitment.id));
    const [change] = await tx
      .insert(commitmentStatusChange)
      .values({
        commitmentId: row.commitment.id,
        fromStatus: row.commitment.status,
        toStatus: input.status,
        reason,
        changedById: input.userId,
      })
      .returning({ id: commitmentStatusChange.id });
    if (row.response.status === "published") {
      await notifyParticipants(tx, {
        kind: "commitment-status",
        consultationId: input.consultationId,
        eventKey: `commitment-status:${change!.id}`,
        payload: { title: row.commitment.what, status: input.status },
      });
    }
    return { ok: true } as const;
  });
}

export interface PublicCommitment {
  id: number;
  what: LocalizedText;
  who: LocalizedText;
  dueOn: string | null;
  status: CommitmentStatus;
  statusReason: LocalizedText | null;
  /** Oldest first; who made each change is never part of it. */
  history: Array<{
    fromStatus: CommitmentStatus | null;
    toStatus: CommitmentStatus;
    reason: LocalizedText | null;
    at: Date;
  }>;
}

async function commitmentsWithHistory(db: Queryable, responseIds: number[]) {
  if (responseIds.length === 0) return new Map<number, PublicCommitment[]>();
  const [commitments, changes] = await Promise.all([
    db
      .select()
      .from(commitment)
      .where(inArray(commitment.responseId, responseIds))
      .orderBy(asc(commitment.position), asc(commitment.id)),
    db
      .select({
        commitmentId: commitmentStatusChange.commitmentId,
        fromStatus: commitmentStatusChange.fromStatus,
        toStatus: commitmentStatusChange.toStatus,
        reason: commitmentStatusChange.reason,
        at: commitmentStatusChange.createdAt,
      })
      .from(commitmentStatusChange)
      .innerJoin(commitment, eq(commitment.id, commitmentStatusChange.commitmentId))
      .where(inArray(commitment.responseId, responseIds))
      .orderBy(asc(commitmentStatusChange.createdAt), asc(commitmentStatusChange.id)),
  ]);
  const byResponse = new Map<number, PublicCommitment[]>();
  for (const c of commitments) {
    const list = byResponse.get(c.responseId) ?? [];
    list.push({
      id: c.id,
      what: c.what,
      who: c.who,
      dueOn: c.dueOn,
      status: c.status,
      statusReason: c.statusReason,
      history: changes
        .filter((change) => change.commitmentId === c.id)
        .map(({ fromStatus, toStatus, reason, at }) => ({ fromStatus, toStatus, reason, at })),
    });
    byResponse.set(c.responseId, list);
  }
  return byResponse;
}

/** Published responses of a consultation, newest first, with their commitments and histories. */
export async function listPublicResponses(db: Queryable, consultationId: number) {
  return listResponses(db, consultationId, true);
}

/** Every response of the consultation, drafts included: for the institution's editor. */
export async function listResponsesForEditing(db: Queryable, consultationId: number) {
  return listResponses(db, consultationId, false);
}

async function listResponses(db: Queryable, consultationId: number, publishedOnly: boolean) {
  const responses = await db
    .select({
      id: institutionalResponse.id,
      title: institutionalResponse.title,
      body: institutionalResponse.body,
      status: institutionalResponse.status,
      publishedAt: institutionalResponse.publishedAt,
      updatedAt: institutionalResponse.updatedAt,
    })
    .from(institutionalResponse)
    .where(
      and(
        eq(institutionalResponse.consultationId, consultationId),
        publishedOnly ? eq(institutionalResponse.status, "published") : undefined,
      ),
    )
    .orderBy(sql`${institutionalResponse.publishedAt} desc nulls first`, desc(institutionalResponse.id));
  const commitments = await commitmentsWithHistory(
    db,
    responses.map((r) => r.id),
  );
  return responses.map((r) => ({ ...r, commitments: commitments.get(r.id) ?? [] }));
}

/** Commitments of every published response of a consultation anyone may see, optionally of one status. */
export async function listAllCommitments(db: Queryable, options: { status?: CommitmentStatus } = {}) {
  return db
    .select({
      id: commitment.id,
      what: commitment.what,
      who: commitment.who,
      dueOn: commitment.dueOn,
      status: commitment.status,
      statusReason: commitment.statusReason,
      updatedAt: commitment.updatedAt,
      consultationSlug: consultation.slug,
      consultationTitle: consultation.title,
      consultationLocale: consultation.defaultLocale,
    })
    .from(commitment)
    .innerJoin(institutionalResponse, eq(institutionalResponse.id, commitment.responseId))
    .innerJoin(consultation, eq(consultation.id, institutionalResponse.consultationId))
    .where(
      and(
        eq(institutionalResponse.status, "published"),
        ne(consultation.phase, "draft"),
        options.status ? eq(commitment.status, options.status) : undefined,
      ),
    )
    .orderBy(asc(consultation.id), asc(commitment.responseId), asc(commitment.position), asc(commitment.id))
    .limit(500);
}

/** A commitment ready for the page: texts in the reader's language, dates as ISO strings. */
export function commitmentView(
  c: Pick<PublicCommitment, "id" | "what" | "who" | "dueOn" | "status" | "statusReason"> & {
    history?: PublicCommitment["history"];
  },
  language: string,
  fallbackLanguage: string,
) {
  const text = (value: LocalizedText | null) => (value ? localize(value, language, fallbackLanguage) : null);
  return {
    ...c,
    what: localize(c.what, language, fallbackLanguage),
    who: localize(c.who, language, fallbackLanguage),
    statusReason: text(c.statusReason),
    history: c.history?.map((change) => ({ ...change, reason: text(change.reason), at: change.at.toISOString() })),
  };
}
