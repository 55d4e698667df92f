/**
 * The rows of a meeting's spreadsheet, read and checked without touching the database
 * (docs/decisions/0046-meeting-import.md). One row is one paper ballot of one person present: the
 * number written on the paper (`ballot`, 1 to the people present), a vote per priority
 * (`vote_<id>`), ballot points per priority (`points_<id>`, when the consultation has a ballot) and
 * at most one comment on a priority (`comment`, `comment_priority`, `stance`, `language`). Column names
 * are the same in every language; the values may be written in the facilitator's language or in
 * English, and nothing else: a typo is an error, never a guess.
 */
import type { VoteValue } from "~db/schema";
import { writtenText } from "~/platform/zod-fields";

export const voteValues = ["agree", "disagree", "pass"] as const satisfies readonly VoteValue[];
export const stanceValues = ["supports", "concerns", "question"] as const;
export type Stance = (typeof stanceValues)[number];

/** A comment as a written text: one kind of line break, no control characters (NUL cannot be stored), trimmed. */
const commentText = writtenText("empty");

/** The most a comment may hold, as the comment table allows. */
export const maxCommentLength = 5000;

export const commentColumns = ["comment", "comment_priority", "stance", "language"] as const;
export const ballotColumn = "ballot";
export const voteColumn = (priorityId: number) => `vote_${priorityId}`;
export const pointsColumn = (priorityId: number) => `points_${priorityId}`;

/** The words accepted for each value: the facilitator's language's and the English ones. */
export interface ImportVocabulary {
  votes: Record<VoteValue, readonly string[]>;
  stances: Record<Stance, readonly string[]>;
}

export interface ImportContext {
  priorityIds: readonly number[];
  /** Points a ballot may spread; null when the consultation has no ballot (no points columns). */
  ballotBudget: number | null;
  /** The meeting's people present: the highest ballot number. */
  peoplePresent: number;
  /** Language codes a comment may be marked with. */
  languages: readonly string[];
  /** The language of a comment whose `language` cell is empty: the meeting's. */
  defaultLanguage: string;
  vocabulary: ImportVocabulary;
}

/** One row of the file as the spreadsheet numbers it (row 1 is the header). */
export interface SheetRow {
  number: number;
  cells: readonly string[];
}

export interface ImportComment {
  body: string;
  priorityId: number;
  stance: Stance | null;
  language: string;
}

/** A row as it will be stored. */
export interface ImportRow {
  row: number;
  /** The paper's number; null on a row that holds only a comment. */
  ballot: number | null;
  votes: { priorityId: number; value: VoteValue }[];
  points: { priorityId: number; points: number }[];
  comment: ImportComment | null;
}

export type RowErrorCode =
  | "noHeader"
  | "unknownColumn"
  | "repeatedColumn"
  | "notOneOf"
  | "notWholeNumber"
  | "overBudget"
  | "unknownPriority"
  | "missingPriority"
  | "ballotMissing"
  | "ballotOutOfRange"
  | "ballotRepeated"
  | "unknownLanguage"
  | "commentTooLong"
  | "withoutComment";

/** One thing wrong in the file, where it is and what would have been right. */
export interface RowError {
  row: number;
  column: string;
  code: RowErrorCode;
  value: string;
  /** The values that would have been accepted, or the budget, for the message. */
  allowed?: string;
}

export interface ReadRows {
  rows: ImportRow[];
  errors: RowError[];
}

/** How a cell is compared with the accepted words: case, width and surrounding spaces do not count. */
export function comparable(text: string): string {
  return text.normalize("NFKC").trim().replace(/\s+/g, " ").toLocaleLowerCase();
}

/** A row whose first cell starts with `#` is a note (the CSV template's explanations), not a ballot. */
function isNote(cells: readonly string[]): boolean {
  return (cells[0] ?? "").trim().startsWith("#");
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}

type ColumnMeaning =
  | { kind: "ballot" }
  | { kind: "vote"; priorityId: number }
  | { kind: "points"; priorityId: number }
  | { kind: (typeof commentColumns)[number] };

function columnMeaning(name: string, context: ImportContext): ColumnMeaning | null {
  if (name === ballotColumn) return { kind: "ballot" };
  if ((commentColumns as readonly string[]).includes(name)) return { kind: name as (typeof commentColumns)[number] };
  const match = /^(vote|points)_(\d+)$/.exec(name);
  if (!match) return null;
  const priorityId = Number(match[2]);
  if (!context.priorityIds.includes(priorityId)) return null;
  if (match[1] === "points" && context.ballotBudget === null) return null;
  return { kind: match[1] as "vote" | "points", priorityId };
}

interface Header {
  columns: { index: number; name: string; meaning: ColumnMeaning }[];
  errors: RowError[];
}

function readHeader(row: SheetRow, context: ImportContext): Header {
  const header: Header = { columns: [], errors: [] };
  const seen = new Set<string>();
  row.cells.forEach((cell, index) => {
    const name = comparable(cell);
    if (name === "") return;
    const meaning = columnMeaning(name, context);
    if (!meaning)
      header.errors.push({ row: row.number, column: cell.trim(), code: "unknownColumn", value: cell.trim() });
    else if (seen.has(name)) header.errors.push({ row: row.number, column: name, code: "repeatedColumn", value: name });
    else header.columns.push({ index, name, meaning });
    seen.add(name);
  });
  return header;
}

/** The value `cell` names among `words`, or null. */
function wordFor<V extends string>(cell: string, words: Record<V, readonly string[]>): V | null {
  const text = comparable(cell);
  for (const [value, spellings] of Object.entries(words) as [V, readonly string[]][]) {
    if (spellings.some((spelling) => comparable(spelling) === text)) return value;
  }
  return null;
}

/** The first spelling of each value, as the error message lists them. */
function allowedWords(words: Record<string, readonly string[]>): string {
  return Object.values(words)
    .map((spellings) => spellings[0])
    .join(", ");
}

class RowReader {
  readonly errors: RowError[] = [];
  readonly parsed: ImportRow;
  private readonly commentCells: Partial<Record<(typeof commentColumns)[number], string>> = {};
  private ballotCell = "";

  constructor(
    private readonly number: number,
    private readonly context: ImportContext,
  ) {
    this.parsed = { row: number, ballot: null, votes: [], points: [], comment: null };
  }

  private fail(column: string, code: RowErrorCode, value: string, allowed?: string) {
    this.errors.push({ row: this.number, column, code, value, ...(allowed === undefined ? {} : { allowed }) });
  }

  read(column: Header["columns"][number], cell: string) {
    const { meaning, name } = column;
    if (meaning.kind === "ballot") {
      this.ballotCell = cell;
    } else if (meaning.kind === "vote") {
      const value = wordFor(cell, this.context.vocabulary.votes);
      if (value) this.parsed.votes.push({ priorityId: meaning.priorityId, value });
      else this.fail(name, "notOneOf", cell.trim(), allowedWords(this.context.vocabulary.votes));
    } else if (meaning.kind === "points") {
      const text = comparable(cell);
      if (/^\d{1,9}$/.test(text)) this.parsed.points.push({ priorityId: meaning.priorityId, points: Number(text) });
      else this.fail(name, "notWholeNumber", cell.trim());
    } else {
      this.commentCells[meaning.kind] = cell;
    }
  }

  /** Ends the row; `usedBallots` are the numbers earlier rows of the file gave. */
  finish(usedBallots: Set<number>): void {
    this.readBallot(usedBallots);
    const budget = this.context.ballotBudget;
    const total = this.parsed.points.reduce((sum, { points }) => sum + points, 0);
    if (budget !== null && total > budget) {
      this.fail(pointsColumn(this.parsed.points.at(-1)!.priorityId), "overBudget", String(total), String(budget));
    }
    this.parsed.comment = this.readComment();
  }

  private readBallot(usedBallots: Set<number>): void {
    const text = comparable(this.ballotCell);
    if (text === "") {
      if (this.parsed.votes.length > 0 || this.parsed.points.length > 0) this.fail(ballotColumn, "ballotMissing", "");
      return;
    }
    const number = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    if (!(number >= 1 && number <= this.context.peoplePresent)) {
      this.fail(ballotColumn, "ballotOutOfRange", this.ballotCell.trim(), String(this.context.peoplePresent));
    } else if (usedBallots.has(number)) {
      this.fail(ballotColumn, "ballotRepeated", text);
    } else {
      usedBallots.add(number);
      this.parsed.ballot = number;
    }
  }

  private readComment(): ImportComment | null {
    const { comment: body = "", comment_priority: priority = "", stance = "", language = "" } = this.commentCells;
    const cleaned = commentText.safeParse(body);
    const text = cleaned.success ? cleaned.data : "";
    if (text === "") {
      for (const [column, cell] of [
        ["comment_priority", priority],
        ["stance", stance],
        ["language", language],
      ]) {
        if (cell!.trim() !== "") this.fail(column!, "withoutComment", cell!.trim());
      }
      return null;
    }
    if (text.length > maxCommentLength)
      this.fail("comment", "commentTooLong", text.slice(0, 40), String(maxCommentLength));
    return {
      body: text,
      priorityId: this.readCommentPriority(priority),
      stance: this.readStance(stance),
      language: this.readLanguage(language),
    };
  }

  /** Every comment is about one priority, as on the website; 0 stands in for it until the file is fixed. */
  private readCommentPriority(cell: string): number {
    const text = comparable(cell);
    const allowed = this.context.priorityIds.join(", ");
    if (text === "") {
      this.fail("comment_priority", "missingPriority", "", allowed);
      return 0;
    }
    const id = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    if (this.context.priorityIds.includes(id)) return id;
    this.fail("comment_priority", "unknownPriority", cell.trim(), allowed);
    return 0;
  }

  private readStance(cell: string): Stance | null {
    if (cell.trim() === "") return null;
    const stance = wordFor(cell, this.context.vocabulary.stances);
    if (!stance) this.fail("stance", "notOneOf", cell.trim(), allowedWords(this.context.vocabulary.stances));
    return stance;
  }

  private readLanguage(cell: string): string {
    const text = comparable(cell);
    if (text === "") return this.context.defaultLanguage;
    if (this.context.languages.includes(text)) return text;
    this.fail("language", "unknownLanguage", cell.trim(), this.context.languages.join(", "));
    return this.context.defaultLanguage;
  }
}

/**
 * The ballots of `sheet` (its rows in order, notes and blank rows included) and every error, each at
 * its row and column. The first row that is neither a note nor blank is the header.
 */
export function readImportRows(sheet: readonly SheetRow[], context: ImportContext): ReadRows {
  const content = sheet.filter((row) => !isNote(row.cells) && !isBlank(row.cells));
  const [headerRow, ...ballots] = content;
  if (!headerRow) return { rows: [], errors: [{ row: 1, column: "", code: "noHeader", value: "" }] };
  const header = readHeader(headerRow, context);
  const result: ReadRows = { rows: [], errors: [...header.errors] };
  const usedBallots = new Set<number>();
  for (const ballot of ballots) {
    const reader = new RowReader(ballot.number, context);
    for (const column of header.columns) {
      const cell = ballot.cells[column.index] ?? "";
      if (cell.trim() !== "") reader.read(column, cell);
    }
    reader.finish(usedBallots);
    const { votes, points, comment } = reader.parsed;
    if (votes.length === 0 && points.length === 0 && !comment && reader.errors.length === 0) continue;
    result.rows.push(reader.parsed);
    result.errors.push(...reader.errors);
  }
  return result;
}
