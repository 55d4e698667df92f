/**
 * The pieces of the fast export paths (decision 0031) that need no database: turning COPY's CSV
 * into the exports' CSV (CRLF record ends, pseudonyms, UTC timestamps to the second) whatever the
 * chunking, and the streaming XLSX writer read back by exceljs.
 */
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COPIED, PARTICIPANT, RecordEnds, rewrite, TIMESTAMP } from "~/exports/copy.server";
import { csvRecords } from "~/exports/csv";
import { isPlainCellText, xlsxStream } from "~/exports/xlsx";
import { commentStance, inputChannel, voteValue } from "~db/schema";

/** COPY's CSV of `rows`: the same quoting as csvRecords, LF record ends. */
const copyCsvOf = (rows: string[][]) => csvRecords(rows).replaceAll(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/g, "\n");

describe("COPY output to the exports' CSV", () => {
  it("ends records with CRLF however the stream is cut, line breaks inside quoted fields kept, whole records per chunk", () => {
    const field = fc.oneof(fc.string(), fc.constantFrom('"', ",", "\r\n", "\n", '""', "a\nb", ""));
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (rows, cuts) => {
          const input = Buffer.from(copyCsvOf(rows), "utf8");
          const points = [...new Set(cuts.map((c) => c % (input.length + 1)))].sort((a, b) => a - b);
          const ends = new RecordEnds();
          const parts: Buffer[] = [];
          let from = 0;
          for (const point of [...points, input.length]) {
            parts.push(ends.crlf(input.subarray(from, point)));
            from = point;
          }
          parts.push(ends.flush());
          expect(Buffer.concat(parts).toString("utf8")).toBe(csvRecords(rows));
          // Every chunk given out but the last holds whole records.
          for (const part of parts.slice(0, -1)) if (part.length > 0) expect(part.subarray(-2).toString()).toBe("\r\n");
        },
      ),
    );
  });

  it("writes pseudonyms and UTC timestamps to the second, with or without a fraction", () => {
    const input = Buffer.from(
      '7,member-1,"a ""quoted"", text\nover lines",2026-12-05 09:30:00.123456,\n' +
        '8,"odd,id",plain,2026-12-05 09:30:01,2026-12-06 00:00:00.5\n',
      "utf8",
    );
    const { output, records, lastId } = rewrite(input, [COPIED, PARTICIPANT, COPIED, TIMESTAMP, TIMESTAMP], (id) =>
      id.replace(/./g, "k"),
    );
    expect(records).toBe(2);
    expect(lastId).toBe(8);
    expect(output.toString("utf8")).toBe(
      '7,kkkkkkkk,"a ""quoted"", text\nover lines",2026-12-05T09:30:00Z,\r\n' +
        "8,kkkkkk,plain,2026-12-05T09:30:01Z,2026-12-06T00:00:00Z\r\n",
    );
    expect(parse(output, { record_delimiter: "\r\n" })).toHaveLength(2);
  });

  it("rewrites any records as a reference does: pseudonyms (a run of one member's or not), timestamps, quoted fields", () => {
    const key = (id: string) => createHash("sha256").update(id).digest("hex").slice(0, 32);
    const member = fc.constantFrom("member-1", "member-1", "member-12", "odd,id", 'say "hi"', "ünïcode", "");
    const timestamp = fc.option(
      fc.tuple(fc.integer({ min: 0, max: 86_399 }), fc.constantFrom("", ".5", ".123456")).map(([seconds, fraction]) => {
        const time = new Date(Date.UTC(2026, 11, 5) + seconds * 1000).toISOString().slice(0, 19);
        return { copy: `${time.replace("T", " ")}${fraction}`, written: `${time}Z` };
      }),
    );
    const text = fc.oneof(fc.string(), fc.constantFrom('"', ",", "\r\n", "\n", "a\nb", "", "2026-12-05 09:30:00"));
    fc.assert(
      fc.property(fc.array(fc.tuple(member, text, timestamp, member), { minLength: 1, maxLength: 30 }), (rows) => {
        const records = rows.map(([a, t, ts, b], i) => ({ id: String(i + 1), a, t, ts, b }));
        const input = Buffer.from(copyCsvOf(records.map((r) => [r.id, r.a, r.t, r.ts?.copy ?? "", r.b])), "utf8");
        const {
          output,
          records: count,
          lastId,
        } = rewrite(input, [COPIED, PARTICIPANT, COPIED, TIMESTAMP, PARTICIPANT], key);
        const pseudonym = (id: string) => (id === "" ? "" : key(id));
        expect(output.toString("utf8")).toBe(
          csvRecords(records.map((r) => [r.id, pseudonym(r.a), r.t, r.ts?.written ?? "", pseudonym(r.b)])),
        );
        expect(count).toBe(records.length);
        expect(lastId).toBe(records.length);
      }),
    );
  });

  it("refuses a timestamp in another style rather than writing it wrong", () => {
    expect(() => rewrite(Buffer.from("1,12/05/2026\n"), [COPIED, TIMESTAMP], (id) => id)).toThrow(/timestamp/);
  });
});

describe("streaming XLSX writer", () => {
  it("writes typed cells that exceljs reads back, text never a formula, header frozen", async () => {
    const rows = [
      [1, '=HYPERLINK("https://evil.example")', true, "2026-12-05T09:30:00Z", "2026-12-05", 0.25],
      [2, " spaced <a> & \u0001control ", false, null, null, null],
    ];
    const stream = xlsxStream([
      {
        name: "first",
        columns: [
          { name: "id", type: "integer" },
          { name: "text", type: "string" },
          { name: "flag", type: "boolean" },
          { name: "at", type: "datetime" },
          { name: "on", type: "date" },
          { name: "share", type: "number" },
        ],
        batches: async function* () {
          yield rows.slice(0, 1);
          yield rows.slice(1);
        },
      },
      { name: "empty", columns: [{ name: "nothing", type: "string" }], batches: async function* () {} },
    ]);
    const parts: Buffer[] = [];
    for await (const chunk of stream) parts.push(chunk as Buffer);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("first")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["id", "text", "flag", "at", "on", "share"]);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(2).value).toBe('=HYPERLINK("https://evil.example")');
    expect(first.getCell(3).value).toBe(true);
    expect((first.getCell(4).value as Date).toISOString()).toBe("2026-12-05T09:30:00.000Z");
    expect(first.getCell(4).numFmt).toBe("yyyy-mm-dd hh:mm:ss");
    expect((first.getCell(5).value as Date).toISOString()).toBe("2026-12-05T00:00:00.000Z");
    expect(first.getCell(6).value).toBe(0.25);
    const second = sheet.getRow(3);
    expect(second.getCell(2).value).toBe(" spaced <a> & control ");
    expect(second.getCell(3).value).toBe(false);
    expect(second.getCell(4).value).toBeNull();
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(workbook.getWorksheet("empty")!.getRow(1).getCell(1).value).toBe("nothing");
  });

  it("knows which texts go into a cell as they are, as the database's writer assumes for listed values", () => {
    for (const value of [...voteValue.enumValues, ...inputChannel.enumValues, ...commentStance.enumValues]) {
      expect(isPlainCellText(value), value).toBe(true);
    }
    for (const text of [" agree", "pass ", "a & b", "<b>", "line\nbreak", "cr\r", "\u0001", "\u00a0x"]) {
      expect(isPlainCellText(text), JSON.stringify(text)).toBe(false);
    }
  });
});
