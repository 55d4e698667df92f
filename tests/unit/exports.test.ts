import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvRecords } from "~/exports/csv";
import { parseEnv } from "~/env.server";
import { participantKey, participantKeys } from "~/exports/participant-key.server";
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
