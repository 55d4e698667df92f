import { describe, expect, it } from "vitest";
import { readImportRows, type ImportContext, type SheetRow } from "~/meetings/import-rows";

const context: ImportContext = {
  priorityIds: [3, 7],
  ballotBudget: 10,
  peoplePresent: 5,
  languages: ["en", "fr", "sw", "ar"],
  defaultLanguage: "sw",
  vocabulary: {
    votes: { agree: ["kubali", "agree"], disagree: ["kataa", "disagree"], pass: ["ruka", "pass"] },
    stances: { supports: ["anaunga", "supports"], concerns: ["wasiwasi", "concerns"], question: ["swali", "question"] },
  },
};

const header = [
  "ballot",
  "vote_3",
  "vote_7",
  "points_3",
  "points_7",
  "comment",
  "comment_priority",
  "stance",
  "language",
];

/** A sheet whose row 1 is the header and whose next rows are `rows`. */
function sheet(...rows: string[][]): SheetRow[] {
  return [header, ...rows].map((cells, i) => ({ number: i + 1, cells }));
}

describe("readImportRows", () => {
  it("reads a ballot written in the facilitator's language, in English or in any case, as it will be stored", () => {
    const { rows, errors } = readImportRows(
      sheet(
        ["1", "Kubali", " DISAGREE ", "4", "6", "Maji safi", "7", "swali", ""],
        ["2", "pass", "", "", "", "", "", "", ""],
        ["3"],
      ),
      context,
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        ballot: 1,
        votes: [
          { priorityId: 3, value: "agree" },
          { priorityId: 7, value: "disagree" },
        ],
        points: [
          { priorityId: 3, points: 4 },
          { priorityId: 7, points: 6 },
        ],
        comment: { body: "Maji safi", priorityId: 7, stance: "question", language: "sw" },
      },
      { row: 3, ballot: 2, votes: [{ priorityId: 3, value: "pass" }], points: [], comment: null },
    ]);
  });

  it("refuses a typo, naming the row, the column and the accepted words", () => {
    const { errors } = readImportRows(sheet(["4", "agre", "", "", "", "", "", "", ""]), context);
    expect(errors).toEqual([
      { row: 2, column: "vote_3", code: "notOneOf", value: "agre", allowed: "kubali, kataa, ruka" },
    ]);
  });

  it("skips notes and blank rows but keeps the spreadsheet's row numbers", () => {
    const rows: SheetRow[] = [
      { number: 1, cells: ["# vote_3: Maji"] },
      { number: 2, cells: header },
      { number: 3, cells: ["", "", ""] },
      { number: 4, cells: ["1", "kubaly"] },
    ];
    expect(readImportRows(rows, context).errors).toMatchObject([{ row: 4, column: "vote_3", code: "notOneOf" }]);
  });

  it.each([
    ["notWholeNumber", ["1", "", "", "2.5", "", "", "", "", ""], "points_3"],
    ["notWholeNumber", ["1", "", "", "-1", "", "", "", "", ""], "points_3"],
    ["overBudget", ["1", "", "", "6", "5", "", "", "", ""], "points_7"],
    ["unknownPriority", ["", "", "", "", "", "text", "4", "", ""], "comment_priority"],
    ["missingPriority", ["", "", "", "", "", "text", "", "", ""], "comment_priority"],
    ["notOneOf", ["", "", "", "", "", "text", "3", "maybe", ""], "stance"],
    ["unknownLanguage", ["", "", "", "", "", "text", "3", "", "klingon"], "language"],
    ["withoutComment", ["1", "kubali", "", "", "", "", "3", "", ""], "comment_priority"],
    ["commentTooLong", ["", "", "", "", "", "x".repeat(5001), "3", "", ""], "comment"],
    ["ballotMissing", ["", "kubali", "", "", "", "", "", "", ""], "ballot"],
    ["ballotOutOfRange", ["6", "kubali", "", "", "", "", "", "", ""], "ballot"],
    ["ballotOutOfRange", ["0", "kubali", "", "", "", "", "", "", ""], "ballot"],
  ])("reports %s in column %s", (code, cells, column) => {
    expect(readImportRows(sheet(cells), context).errors).toMatchObject([{ row: 2, column, code }]);
  });

  it("refuses a ballot number given twice in the file", () => {
    const { errors } = readImportRows(sheet(["2", "pass"], ["2", "agree"]), context);
    expect(errors).toEqual([{ row: 3, column: "ballot", code: "ballotRepeated", value: "2" }]);
  });

  it("refuses unknown and repeated columns, and points when the consultation has no ballot", () => {
    const rows: SheetRow[] = [{ number: 1, cells: ["vote_3", "vote_9", "VOTE_3", "points_3"] }];
    const { errors } = readImportRows(rows, { ...context, ballotBudget: null });
    expect(errors.map((e) => [e.column, e.code])).toEqual([
      ["vote_9", "unknownColumn"],
      ["vote_3", "repeatedColumn"],
      ["points_3", "unknownColumn"],
    ]);
  });

  it("says an empty file has no header", () => {
    expect(readImportRows([], context).errors).toMatchObject([{ row: 1, code: "noHeader" }]);
  });

  it("strips control characters from a comment, so nothing unstorable reaches the database", () => {
    const { rows } = readImportRows(sheet(["", "", "", "", "", "a\u0000b\r\nc", "7", "", "AR"]), context);
    expect(rows[0]!.comment).toEqual({ body: "ab\nc", priorityId: 7, stance: null, language: "ar" });
  });
});
