/**
 * Summaries of a consultation (priorityId null) and of each of its priorities, one per locale.
 * Every save is a new version; publishing points the summary at its latest version, so later
 * drafts stay unseen until published again. Quotes are `[[quote:id]]` lines in the text, mirrored
 * in summary_quote so the moderation side can see which comments a summary leans on.
 */
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { comment, priority, profile, summary, summaryQuote, summaryVersion, user } from "~db/schema";
import { rowOfConsultation, type Database, type Queryable, type Transaction } from "~/platform/db.server";
import { supportedLanguages } from "~/platform/i18n/config";
import { localize } from "~/platform/i18n/localize";
import { notifyParticipants } from "~/notifications/notifications.server";
import { invalidateReportBuilds } from "~/reports/report-invalidation.server";
import { maxRowId, rowId, writtenText } from "~/platform/zod-fields";
import { diffTexts, type DiffPart } from "~/summaries/summary-diff";
import { quotedCommentIds, renderSummaryMarkdown, type SummarySegment } from "~/summaries/summary-markdown";
import { emitWebhookEvent } from "~/webhooks/webhooks.server";

export const maxSummaryLength = 50_000;

export type SummaryRow = typeof summary.$inferSelect;
type CommentStatus = (typeof comment.$inferSelect)["status"];

/** Which summary: the consultation's (priorityId null) or a priority's, in one locale. */
export interface SummaryScope {
  consultationId: number;
  priorityId: number | null;
  locale: string;
}

export const summaryBody = writtenText("summaries:errors.bodyRequired").refine(
  (text) => text.length <= maxSummaryLength,
  "summaries:errors.bodyTooLong",
);

export const summaryForm = z.object({ body: summaryBody });

export const summaryLocale = z.enum(supportedLanguages, { error: "summaries:errors.unknownLocale" });

/** "consultation" or a priority id, as in the editor's address. */
export const summaryScopeParam = z.union([
  z.literal("consultation").transform(() => null),
  z.coerce.number().int().positive().max(maxRowId),
]);

export const versionNumber = rowId("summaries:errors.unknownVersion");

function scopeCondition(scope: SummaryScope): SQL | undefined {
  return and(
    eq(summary.consultationId, scope.consultationId),
    scope.priorityId === null ? isNull(summary.priorityId) : eq(summary.priorityId, scope.priorityId),
    eq(summary.locale, scope.locale),
  );
}

export async function findSummary(db: Queryable, scope: SummaryScope): Promise<SummaryRow | null> {
  const [row] = await db.select().from(summary).where(scopeCondition(scope)).limit(1);
  return row ?? null;
}

/** Every summary of a consultation with its latest version number, for the editor's overview. */
export async function listConsultationSummaries(db: Queryable, consultationId: number) {
  return db
    .select({
      id: summary.id,
      priorityId: summary.priorityId,
      locale: summary.locale,
      status: summary.status,
      publishedVersion: summary.publishedVersion,
      updatedAt: summary.updatedAt,
      latestVersion: sql<number>`(select max(${summaryVersion.version}) from ${summaryVersion}
        where ${summaryVersion.summaryId} = ${summary.id})::int`,
    })
    .from(summary)
    .where(eq(summary.consultationId, consultationId));
}

/** Comments of the consultation among `ids` (for quotes: others are ignored). */
async function consultationCommentIds(db: Queryable, consultationId: number, ids: readonly number[]) {
  if (ids.length === 0) return new Set<number>();
  const rows = await db
    .select({ id: comment.id })
    .from(comment)
    .where(and(eq(comment.consultationId, consultationId), inArray(comment.id, [...ids])));
  return new Set(rows.map((row) => row.id));
}

/** Adds version n+1 with `text` and makes summary_quote follow the quotes in it. */
async function appendVersion(
  tx: Transaction,
  target: { summaryId: number; consultationId: number },
  text: string,
  authorId: string,
): Promise<number> {
  const [latest] = await tx
    .select({ version: sql<number | null>`max(${summaryVersion.version})::int` })
    .from(summaryVersion)
    .where(eq(summaryVersion.summaryId, target.summaryId));
  const version = (latest?.version ?? 0) + 1;
  await tx.insert(summaryVersion).values({ summaryId: target.summaryId, version, bodyMarkdown: text, authorId });

  const quoted = quotedCommentIds(text);
  const existing = await consultationCommentIds(tx, target.consultationId, quoted);
  await tx.delete(summaryQuote).where(eq(summaryQuote.summaryId, target.summaryId));
  const rows = quoted
    .filter((id) => existing.has(id))
    .map((commentId, position) => ({ summaryId: target.summaryId, commentId, position }));
  if (rows.length > 0) await tx.insert(summaryQuote).values(rows);
  await tx.update(summary).set({ updatedAt: new Date() }).where(eq(summary.id, target.summaryId));
  return version;
}

/** Locks the summary row so that two saves number their versions one after the other. */
async function lockSummary(tx: Transaction, summaryId: number) {
  const [row] = await tx.select().from(summary).where(eq(summary.id, summaryId)).for("update");
  return row ?? null;
}

export type SaveSummaryResult =
  { ok: true; summaryId: number; version: number } | { ok: false; reason: "unknown-quote"; commentId: number };

/** Saves `bodyMarkdown` as the next version of the scope's summary (creating the summary as a draft). */
export async function saveSummaryVersion(
  db: Database,
  input: SummaryScope & { bodyMarkdown: string; authorId: string },
): Promise<SaveSummaryResult> {
  const { bodyMarkdown, authorId, ...scope } = input;
  const quoted = quotedCommentIds(bodyMarkdown);
  const existing = await consultationCommentIds(db, scope.consultationId, quoted);
  const unknown = quoted.find((id) => !existing.has(id));
  if (unknown !== undefined) return { ok: false, reason: "unknown-quote", commentId: unknown };

  return db.transaction(async (tx) => {
    await tx.insert(summary).values(scope).onConflictDoNothing();
    const [found] = await tx.select({ id: summary.id }).from(summary).where(scopeCondition(scope)).for("update");
    if (!found) throw new Error("summary row missing after insert");
    const version = await appendVersion(
      tx,
      { summaryId: found.id, consultationId: scope.consultationId },
      bodyMarkdown,
      authorId,
    );
    return { ok: true as const, summaryId: found.id, version };
  });
}

export interface SummaryVersionItem {
  version: number;
  createdAt: Date;
  authorName: string | null;
}

/** Versions, newest first. The author's name is for staff eyes only: never put it on a public page. */
export async function listSummaryVersions(db: Queryable, summaryId: number): Promise<SummaryVersionItem[]> {
  return db
    .select({ version: summaryVersion.version, createdAt: summaryVersion.createdAt, authorName: user.name })
    .from(summaryVersion)
    .leftJoin(user, eq(user.id, summaryVersion.authorId))
    .where(eq(summaryVersion.summaryId, summaryId))
    .orderBy(desc(summaryVersion.version));
}

export async function findVersionText(db: Queryable, summaryId: number, version: number): Promise<string | null> {
  const [row] = await db
    .select({ text: summaryVersion.bodyMarkdown })
    .from(summaryVersion)
    .where(and(eq(summaryVersion.summaryId, summaryId), eq(summaryVersion.version, version)));
  return row?.text ?? null;
}

/** What changed from version `from` to version `to`; null when either does not exist. */
export async function diffVersions(
  db: Queryable,
  summaryId: number,
  from: number,
  to: number,
): Promise<DiffPart[] | null> {
  const [before, after] = await Promise.all([findVersionText(db, summaryId, from), findVersionText(db, summaryId, to)]);
  if (before === null || after === null) return null;
  return diffTexts(before, after);
}

/** Makes an earlier version's text the newest version again (history is never rewritten). */
export async function restoreVersion(
  db: Database,
  input: { summaryId: number; version: number; authorId: string },
): Promise<{ ok: true; version: number } | { ok: false; reason: "unknown-version" }> {
  return db.transaction(async (tx) => {
    const row = await lockSummary(tx, input.summaryId);
    const text = row ? await findVersionText(tx, input.summaryId, input.version) : null;
    if (!row || text === null) return { ok: false as const, reason: "unknown-version" as const };
    const version = await appendVersion(
      tx,
      { summaryId: row.id, consultationId: row.consultationId },
      text,
      input.authorId,
    );
    return { ok: true as const, version };
  });
}

export type PublishSummaryResult =
  | {
      ok: true;
      summaryId: number;
      consultationId: number;
      priorityId: number | null;
      locale: string;
      version: number;
      /** False when an already published summary got a newer version published. */
      firstPublication: boolean;
    }
  | { ok: false; reason: "no-version" };

/** Publishes the summary's latest version. */
export async function publishSummary(db: Database, summaryId: number): Promise<PublishSummaryResult> {
  return db.transaction(async (tx) => {
    const row = await lockSummary(tx, summaryId);
    if (!row) return { ok: false as const, reason: "no-version" as const };
    const [latest] = await tx
      .select({ version: sql<number | null>`max(${summaryVersion.version})::int` })
      .from(summaryVersion)
      .where(eq(summaryVersion.summaryId, summaryId));
    if (!latest?.version) return { ok: false as const, reason: "no-version" as const };
    const now = new Date();
    await tx
      .update(summary)
      .set({ status: "published", publishedVersion: latest.version, publishedAt: now, updatedAt: now })
      .where(eq(summary.id, summaryId));
    // Stored report PDFs carry the summary's earlier text and quotes.
    await invalidateReportBuilds(tx, row.consultationId);
    const firstPublication = row.status !== "published";
    // Participants hear once that the consultation has its summary, whichever language comes first;
    // later languages, new versions and per-priority summaries would only fill their inboxes.
    if (firstPublication && row.priorityId === null) {
      await notifyParticipants(tx, {
        kind: "summary-published",
        consultationId: row.consultationId,
        eventKey: `summary-published:${row.consultationId}`,
      });
    }
    if (firstPublication) {
      await emitWebhookEvent(tx, {
        event: "summary.published",
        consultationId: row.consultationId,
        eventKey: `summary-published:${summaryId}`,
        payload: {
          summary: { id: summaryId, priorityId: row.priorityId, locale: row.locale, version: latest.version },
        },
      });
    }
    return {
      ok: true as const,
      summaryId,
      consultationId: row.consultationId,
      priorityId: row.priorityId,
      locale: row.locale,
      version: latest.version,
      firstPublication,
    };
  });
}

/** Takes the summary off the public page; its versions stay. */
export async function unpublishSummary(db: Database, summaryId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(summary)
      .set({ status: "draft", publishedVersion: null, publishedAt: null, updatedAt: new Date() })
      .where(eq(summary.id, summaryId))
      .returning({ consultationId: summary.consultationId });
    if (row) await invalidateReportBuilds(tx, row.consultationId);
  });
}

/**
 * Deletes a summary that is not published, with its versions and quotes. A published one stays:
 * readers may have quoted it, and unpublishing it first is a separate, visible step.
 */
export async function deleteDraftSummary(db: Queryable, summaryId: number): Promise<boolean> {
  const rows = await db
    .delete(summary)
    .where(and(eq(summary.id, summaryId), eq(summary.status, "draft")))
    .returning({ id: summary.id });
  return rows.length > 0;
}

// ───────────────────────────── quotes ─────────────────────────────

/** A quoted comment as readers see it: the words and their language, never who wrote them. */
export interface QuoteView {
  commentId: number;
  body: string;
  language: string;
  /** Only when the author agreed to their profile being used in statistics. */
  stakeholderGroup: string | null;
  country: string | null;
}

/** Published comments among `ids` in the consultation, on no priority or on an approved one. */
export async function loadPublicQuotes(
  db: Queryable,
  consultationId: number,
  ids: readonly number[],
): Promise<Map<number, QuoteView>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      commentId: comment.id,
      body: comment.body,
      language: comment.language,
      statsConsent: profile.statsConsent,
      stakeholderGroup: profile.stakeholderGroup,
      country: profile.country,
    })
    .from(comment)
    .leftJoin(priority, eq(priority.id, comment.priorityId))
    .leftJoin(profile, eq(profile.userId, comment.authorId))
    .where(
      and(
        eq(comment.consultationId, consultationId),
        inArray(comment.id, [...ids]),
        eq(comment.status, "published"),
        or(isNull(comment.priorityId), eq(priority.status, "approved")),
      ),
    );
  return new Map(
    rows.map(({ statsConsent, stakeholderGroup, country, ...quote }) => [
      quote.commentId,
      { ...quote, stakeholderGroup: statsConsent ? stakeholderGroup : null, country: statsConsent ? country : null },
    ]),
  );
}

export type PresentedSegment = { kind: "html"; html: string } | { kind: "quote"; quote: QuoteView };

/** The rendered summary with each quote filled in; quotes of comments no longer public are left out. */
export function presentSegments(
  segments: readonly SummarySegment[],
  quotes: ReadonlyMap<number, QuoteView>,
): PresentedSegment[] {
  return segments.flatMap((segment): PresentedSegment[] => {
    if (segment.kind === "html") return [segment];
    const quote = quotes.get(segment.commentId);
    return quote ? [{ kind: "quote", quote }] : [];
  });
}

export interface QuoteProblem {
  commentId: number;
  /** "missing": not a comment of this consultation (any more). */
  status: Exclude<CommentStatus, "published"> | "missing" | "priority-not-public";
}

/** Quotes in the text or on record for the summary whose comment readers no longer see. */
export async function findQuoteProblems(
  db: Queryable,
  consultationId: number,
  summaryId: number | null,
  text: string,
): Promise<QuoteProblem[]> {
  const recorded = summaryId
    ? await db
        .select({ commentId: summaryQuote.commentId })
        .from(summaryQuote)
        .where(eq(summaryQuote.summaryId, summaryId))
        .orderBy(asc(summaryQuote.position))
    : [];
  const ids = [...new Set([...quotedCommentIds(text), ...recorded.map((row) => row.commentId)])];
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: comment.id, status: comment.status, priorityStatus: priority.status })
    .from(comment)
    .leftJoin(priority, eq(priority.id, comment.priorityId))
    .where(and(eq(comment.consultationId, consultationId), inArray(comment.id, ids)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((commentId): QuoteProblem[] => {
    const row = byId.get(commentId);
    if (!row) return [{ commentId, status: "missing" }];
    if (row.status !== "published") return [{ commentId, status: row.status }];
    if (row.priorityStatus !== null && row.priorityStatus !== "approved") {
      return [{ commentId, status: "priority-not-public" }];
    }
    return [];
  });
}

/** Published comments a moderator may quote: the priority's, or the whole consultation's; most endorsed first. */
export async function listQuotableComments(
  db: Queryable,
  consultationId: number,
  priorityId: number | null,
  limit = 50,
) {
  return db
    .select({
      id: comment.id,
      body: comment.body,
      language: comment.language,
      priorityId: comment.priorityId,
      endorsementCount: comment.endorsementCount,
    })
    .from(comment)
    .innerJoin(priority, eq(priority.id, comment.priorityId))
    .where(
      and(
        eq(comment.consultationId, consultationId),
        eq(comment.status, "published"),
        eq(priority.status, "approved"),
        priorityId === null ? undefined : eq(comment.priorityId, priorityId),
      ),
    )
    .orderBy(desc(comment.endorsementCount), desc(comment.createdAt), desc(comment.id))
    .limit(limit);
}

/** Whether `commentId` is a comment the editor offers for quoting in this scope. */
export async function isQuotableComment(
  db: Queryable,
  consultationId: number,
  priorityId: number | null,
  commentId: number,
): Promise<boolean> {
  const [row] = await db
    .select({ id: comment.id })
    .from(comment)
    .innerJoin(priority, eq(priority.id, comment.priorityId))
    .where(
      and(
        rowOfConsultation(comment, consultationId, commentId),
        eq(comment.status, "published"),
        eq(priority.status, "approved"),
        priorityId === null ? undefined : eq(comment.priorityId, priorityId),
      ),
    );
  return Boolean(row);
}

// ───────────────────────────── public reading ─────────────────────────────

export interface PublicSummary {
  priorityId: number | null;
  /** The language the summary is in: the reader's, or another when theirs is missing. */
  language: string;
  isFallback: boolean;
  publishedAt: Date | null;
  segments: PresentedSegment[];
}

/**
 * Published summaries of the consultation (and of its approved priorities) in the reader's
 * language, else the consultation's default language, else any; at most one per scope.
 */
export async function listPublicSummaries(
  db: Queryable,
  consultation: { id: number; defaultLocale: string },
  language: string,
  options: { priorityId?: number } = {},
): Promise<PublicSummary[]> {
  const rows = await db
    .select({
      priorityId: summary.priorityId,
      locale: summary.locale,
      publishedAt: summary.publishedAt,
      text: summaryVersion.bodyMarkdown,
    })
    .from(summary)
    .innerJoin(
      summaryVersion,
      and(eq(summaryVersion.summaryId, summary.id), eq(summaryVersion.version, summary.publishedVersion)),
    )
    .leftJoin(priority, eq(priority.id, summary.priorityId))
    .where(
      and(
        eq(summary.consultationId, consultation.id),
        eq(summary.status, "published"),
        options.priorityId === undefined
          ? or(isNull(summary.priorityId), eq(priority.status, "approved"))
          : and(eq(summary.priorityId, options.priorityId), eq(priority.status, "approved")),
      ),
    )
    .orderBy(asc(priority.position), asc(summary.priorityId));

  const scopes = new Map<number | null, typeof rows>();
  for (const row of rows) scopes.set(row.priorityId, [...(scopes.get(row.priorityId) ?? []), row]);
  const chosen = [...scopes.entries()].map(([priorityId, versions]) => {
    const picked = localize(
      Object.fromEntries(versions.map((row) => [row.locale, row.text])),
      language,
      consultation.defaultLocale,
    );
    const row = versions.find((candidate) => candidate.locale === picked.language)!;
    return { priorityId, picked, publishedAt: row.publishedAt, segments: renderSummaryMarkdown(picked.text) };
  });
  const quoteIds = chosen.flatMap(({ segments }) =>
    segments.flatMap((segment) => (segment.kind === "quote" ? [segment.commentId] : [])),
  );
  const quotes = await loadPublicQuotes(db, consultation.id, quoteIds);
  return chosen.map(({ priorityId, picked, publishedAt, segments }) => ({
    priorityId,
    language: picked.language,
    isFallback: picked.isFallback,
    publishedAt,
    segments: presentSegments(segments, quotes),
  }));
}

export async function hasPublishedSummary(db: Queryable, consultationId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: summary.id })
    .from(summary)
    .leftJoin(priority, eq(priority.id, summary.priorityId))
    .where(
      and(
        eq(summary.consultationId, consultationId),
        eq(summary.status, "published"),
        or(isNull(summary.priorityId), eq(priority.status, "approved")),
      ),
    )
    .limit(1);
  return Boolean(row);
}
