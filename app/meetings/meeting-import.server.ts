/**
 * Importing a meeting's spreadsheet (docs/decisions/0046-meeting-import.md): an upload is read and
 * kept as a preview, stored into votes, ballots and comments only when the facilitator confirms it,
 * and can be undone as a whole for a day. A file's content is confirmed at most once per
 * consultation, so importing it again does nothing.
 *
 * Who may do this is the routes' business (`offline.enter`); this module keeps the data's rules.
 */
import { and, desc, eq, ne } from "drizzle-orm";
import { ballotAllocation, comment, meetingImport, vote, type VoteValue } from "~db/schema";
import type { Queryable } from "~/platform/db.server";
import { supportedLanguages, type Language } from "~/platform/i18n/config";
import { getResources } from "~/platform/i18n/resources.server";
import { readImportFile, type ReadFile } from "~/meetings/import-file.server";
import {
  readImportRows,
  stanceValues,
  voteValues,
  type ImportContext,
  type ImportRow,
  type RowError,
  type Stance,
} from "~/meetings/import-rows";
import type { MeetingContribution, MeetingRefusal } from "~/meetings/meeting-input";
import { storeMeetingContributions, type MeetingRow } from "~/meetings/meetings.server";

/** How long a confirmed import can be undone. */
export const undoWindowMs = 24 * 60 * 60 * 1000;

export type MeetingImportRow = typeof meetingImport.$inferSelect;
type Target = Pick<MeetingRow, "id" | "consultationId" | "peoplePresent" | "language">;

/** The words of `language`'s locale file for `key` ("kubali|nakubali": every spelling accepted). */
function spellings(language: Language, key: string): string[] {
  const imports = getResources()[language]!.imports as { words: Record<string, string> };
  return imports.words[key]!.split("|").map((word) => word.trim());
}

/** The words accepted for each value: `language`'s first (the ones messages list), then English. */
function vocabulary<V extends string>(values: readonly V[], language: Language): Record<V, readonly string[]> {
  const languages = language === "en" ? ["en" as const] : [language, "en" as const];
  const words = {} as Record<V, readonly string[]>;
  for (const value of values) words[value] = languages.flatMap((l) => spellings(l, value));
  return words;
}

/** What the rows of a file for `target` are checked against, the words in the facilitator's `language`. */
export function importContext(
  target: Target,
  consultation: { ballotBudget: number | null },
  priorityIds: readonly number[],
  language: Language,
): ImportContext {
  return {
    priorityIds,
    ballotBudget: consultation.ballotBudget,
    peoplePresent: target.peoplePresent,
    languages: supportedLanguages,
    defaultLanguage: target.language,
    vocabulary: {
      votes: vocabulary<VoteValue>(voteValues, language),
      stances: vocabulary<Stance>(stanceValues, language),
    },
  };
}

/** The confirmed import of the same content in this consultation, if there is one. */
async function confirmedWithHash(db: Queryable, consultationId: number, contentHash: string) {
  const [row] = await db
    .select({ id: meetingImport.id, meetingId: meetingImport.meetingId, confirmedAt: meetingImport.confirmedAt })
    .from(meetingImport)
    .where(
      and(
        eq(meetingImport.consultationId, consultationId),
        eq(meetingImport.contentHash, contentHash),
        eq(meetingImport.status, "confirmed"),
      ),
    );
  return row ?? null;
}

export type PreviewResult =
  | { ok: true; importId: number; rows: number; errors: number }
  | { ok: false; reason: Exclude<ReadFile, { ok: true }>["reason"] }
  | { ok: false; reason: "alreadyImported"; meetingId: number };

/**
 * Reads an uploaded file and keeps it as the meeting's preview (replacing an earlier unconfirmed
 * one). Nothing reaches votes, ballots or comments here.
 */
export async function previewImport(
  db: Queryable,
  input: { target: Target; context: ImportContext; uploadedById: string; fileName: string; bytes: Uint8Array },
): Promise<PreviewResult> {
  const file = await readImportFile(input.bytes);
  if (!file.ok) return file;
  const { target } = input;
  const earlier = await confirmedWithHash(db, target.consultationId, file.contentHash);
  if (earlier) return { ok: false, reason: "alreadyImported", meetingId: earlier.meetingId };
  const { rows, errors } = readImportRows(file.sheet, input.context);
  return db.transaction(async (tx) => {
    await tx
      .delete(meetingImport)
      .where(and(eq(meetingImport.meetingId, target.id), eq(meetingImport.status, "preview")));
    const [stored] = await tx
      .insert(meetingImport)
      .values({
        meetingId: target.id,
        consultationId: target.consultationId,
        uploadedById: input.uploadedById,
        fileName: input.fileName.slice(0, 200),
        format: file.format,
        contentHash: file.contentHash,
        rows,
        rowErrors: errors,
      })
      .returning({ id: meetingImport.id });
    return { ok: true as const, importId: stored!.id, rows: rows.length, errors: errors.length };
  });
}

/** The meeting's latest import (a preview, or the last confirmed or undone), or null. */
export async function latestImport(db: Queryable, meetingId: number) {
  const [row] = await db
    .select()
    .from(meetingImport)
    .where(eq(meetingImport.meetingId, meetingId))
    .orderBy(desc(meetingImport.createdAt), desc(meetingImport.id))
    .limit(1);
  if (!row) return null;
  return { ...row, rows: row.rows as ImportRow[], rowErrors: row.rowErrors as RowError[] };
}

export type StoredImport = NonNullable<Awaited<ReturnType<typeof latestImport>>>;

/** Whether `stored` can still be undone at `now`. */
export function undoable(stored: Pick<MeetingImportRow, "status" | "confirmedAt">, now: Date): boolean {
  return (
    stored.status === "confirmed" &&
    stored.confirmedAt !== null &&
    now.getTime() - stored.confirmedAt.getTime() < undoWindowMs
  );
}

/** The contributions of the rows, each with the spreadsheet row it came from. */
export function contributionsOf(rows: readonly ImportRow[]): { contribution: MeetingContribution; row: number }[] {
  return rows.flatMap((row) => {
    const out: { contribution: MeetingContribution; row: number }[] = [];
    if (row.ballot !== null) {
      out.push({
        row: row.row,
        contribution: { kind: "paper-ballot", ballotNumber: row.ballot, votes: row.votes, points: row.points },
      });
    }
    if (row.comment) out.push({ row: row.row, contribution: { kind: "comment", ...row.comment } });
    return out;
  });
}

export type ConfirmResult =
  | { ok: true; votes: number; ballots: number; comments: number }
  | { ok: false; reason: "unknownImport" | "notPreview" | "hasErrors" }
  | { ok: false; reason: "alreadyImported"; meetingId: number }
  | { ok: false; reason: "refused"; refusal: MeetingRefusal; row: number | null };

/** Whether `error` is PostgreSQL's unique violation, as pg and PGlite report it (directly or as drizzle's cause). */
function isUniqueViolation(error: unknown): boolean {
  const codeOf = (e: unknown) => (e && typeof e === "object" && "code" in e ? e.code : undefined);
  return codeOf(error) === "23505" || codeOf((error as { cause?: unknown } | null)?.cause) === "23505";
}

/** Stores the preview `importId` of `target`: all its rows, or nothing when anything is refused. */
export async function confirmImport(
  db: Queryable,
  input: { target: Target; importId: number; confirmedById: string },
): Promise<ConfirmResult> {
  const { target, importId } = input;
  try {
    return await db.transaction(async (tx): Promise<ConfirmResult> => {
      const [stored] = await tx
        .select()
        .from(meetingImport)
        .where(and(eq(meetingImport.id, importId), eq(meetingImport.meetingId, target.id)))
        .for("update");
      if (!stored) return { ok: false, reason: "unknownImport" };
      if (stored.status !== "preview") return { ok: false, reason: "notPreview" };
      if ((stored.rowErrors as RowError[]).length > 0) return { ok: false, reason: "hasErrors" };
      const earlier = await confirmedWithHash(tx, target.consultationId, stored.contentHash);
      if (earlier) return { ok: false, reason: "alreadyImported", meetingId: earlier.meetingId };
      const entries = contributionsOf(stored.rows as ImportRow[]);
      const result = await storeMeetingContributions(
        tx,
        target,
        entries.map((e) => e.contribution),
        { importId, enteredById: input.confirmedById },
      );
      // A refused batch has stored nothing: the preview stays as it was.
      if (!result.ok) {
        const { ok: _ok, ...refusal } = result;
        const row = "index" in refusal ? (entries[refusal.index]?.row ?? null) : null;
        return { ok: false, reason: "refused", refusal, row };
      }
      await tx
        .update(meetingImport)
        .set({ status: "confirmed", confirmedAt: new Date() })
        .where(eq(meetingImport.id, importId));
      return { ok: true, votes: result.votes, ballots: result.ballots, comments: result.comments.length };
    });
  } catch (error) {
    // The same content confirmed meanwhile from another meeting: the unique index on confirmed
    // content rolled this one back whole.
    if (!isUniqueViolation(error)) throw error;
    const earlier = await confirmedWithHash(db, target.consultationId, await hashOf(db, importId));
    return { ok: false, reason: "alreadyImported", meetingId: earlier?.meetingId ?? target.id };
  }
}

async function hashOf(db: Queryable, importId: number): Promise<string> {
  const [row] = await db
    .select({ contentHash: meetingImport.contentHash })
    .from(meetingImport)
    .where(eq(meetingImport.id, importId));
  return row?.contentHash ?? "";
}

export type UndoResult = { ok: true } | { ok: false; reason: "unknownImport" | "notConfirmed" | "tooLate" };

/** Deletes exactly the rows import `importId` stored, within a day of its confirmation. */
export async function undoImport(
  db: Queryable,
  input: { target: Pick<MeetingRow, "id">; importId: number; now?: Date },
): Promise<UndoResult> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx): Promise<UndoResult> => {
    const [stored] = await tx
      .select()
      .from(meetingImport)
      .where(and(eq(meetingImport.id, input.importId), eq(meetingImport.meetingId, input.target.id)))
      .for("update");
    if (!stored) return { ok: false, reason: "unknownImport" };
    if (stored.status !== "confirmed") return { ok: false, reason: "notConfirmed" };
    if (!undoable(stored, now)) return { ok: false, reason: "tooLate" };
    await tx.delete(vote).where(eq(vote.meetingImportId, stored.id));
    await tx.delete(ballotAllocation).where(eq(ballotAllocation.meetingImportId, stored.id));
    await tx.delete(comment).where(eq(comment.meetingImportId, stored.id));
    await tx
      .update(meetingImport)
      .set({ status: "undone", undoneAt: now })
      .where(and(eq(meetingImport.id, stored.id), ne(meetingImport.status, "undone")));
    return { ok: true };
  });
}
