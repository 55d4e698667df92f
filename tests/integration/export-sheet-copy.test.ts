/**
 * Issue 15: on PostgreSQL the large tables' XLSX sheets are written by the database (COPY of the
 * rows' XML, copy.server.ts) rather than row by row in JavaScript. The workbook must not change:
 * every sheet's XML is byte for byte the one the JavaScript writer gives for the same data (read
 * inside a transaction, where the COPY path is not taken), texts with line breaks, markup, control
 * characters and edge spaces included, and exceljs reads the texts back as stored. On PGlite the
 * JavaScript writer is the one used.
 */
import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { comment, consultation, vote } from "~db/schema";
import { seedDemo } from "~db/seed/demo";
import { canCopySheet } from "~/exports/copy.server";
import { buildExport } from "~/exports/exports.server";
import { exportTables, type ExportContext } from "~/exports/tables.server";
import { participantKeys } from "~/exports/participant-key.server";
import { queryRows, type Queryable } from "~/platform/db.server";
import { DEFAULT_SMALL_CELL_THRESHOLD } from "~/reports/small-cells";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();
const secret = "a-secret-for-the-sheet-copy-test-0123456789";
let demo: { id: number; slug: string; title: Record<string, string>; defaultLocale: string };

/** Texts that test every rule of the XML writer. */
const trickyBodies = [
  "first line\r\nsecond line\rthird line\nend",
  "  leading and trailing spaces  ",
  "no-break space at the end\u00a0",
  "markup <b>bold</b> & \"quotes\" & 'apostrophes'",
  "control\u0001 and \u001f characters\u000b removed",
  "emoji 🌍 and Arabic الإنتاج الإقليمي",
  '=HYPERLINK("https://evil.example")',
];

beforeAll(async () => {
  const { consultationId } = await seedDemo(db());
  const [row] = await db().select().from(consultation).where(eq(consultation.id, consultationId));
  demo = {
    id: row!.id,
    slug: row!.slug,
    title: row!.title as Record<string, string>,
    defaultLocale: row!.defaultLocale,
  };
  const [published] = await db()
    .select({ priorityId: comment.priorityId, authorId: comment.authorId })
    .from(comment)
    .where(and(eq(comment.consultationId, demo.id), eq(comment.status, "published")))
    .limit(1);
  await db()
    .insert(comment)
    .values(
      trickyBodies.map((body) => ({
        consultationId: demo.id,
        priorityId: published!.priorityId,
        authorId: published!.authorId,
        body,
        language: "en",
        status: "published" as const,
      })),
    );
});

async function workbook(queryable: Queryable): Promise<Buffer> {
  const download = buildExport(
    queryable,
    demo,
    { kind: "all", format: "xlsx" },
    {
      secret,
      smallCellThreshold: DEFAULT_SMALL_CELL_THRESHOLD,
    },
  );
  const parts: Buffer[] = [];
  for await (const chunk of download.body) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

async function sheets(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((name) => name.startsWith("xl/worksheets/"));
  return new Map(await Promise.all(names.map(async (name) => [name, await zip.file(name)!.async("string")] as const)));
}

/** The demo consultation's export context, as the export route builds it. */
function exportContext(): ExportContext {
  return {
    db: db(),
    consultationId: demo.id,
    participantKey: participantKeys(secret, demo.id),
    secret,
    smallCellThreshold: DEFAULT_SMALL_CELL_THRESHOLD,
    batchSize: 1000,
  };
}

/** The columns of a query's result, each with its type's id: both drivers describe them, even for no row. */
async function resultColumns(query: ReturnType<typeof sql>): Promise<Array<{ name: string; dataTypeID: number }>> {
  const result = (await db().execute(query)) as unknown as { fields: Array<{ name: string; dataTypeID: number }> };
  return result.fields;
}

describe("XLSX sheets written by the database", () => {
  it("write a listed value unescaped only where the column is a PostgreSQL enum of exactly those values", async () => {
    const context = exportContext();
    let checked = 0;
    for (const table of exportTables(DEFAULT_SMALL_CELL_THRESHOLD)) {
      const listed = table.fields.filter((field) => field.constraints);
      if (listed.length === 0) continue;
      // The database's sheet writer only takes tables read by id: a listed field elsewhere is never written raw.
      if (!table.rowsById) continue;
      const columns = await resultColumns(table.rowsById(context, 0, 0));
      for (const field of listed) {
        const column = columns.find((c) => c.name === field.name);
        expect(column, `${table.name}.${field.name}`).toBeDefined();
        const labels = await queryRows<{ label: string }>(
          db(),
          sql`select enumlabel as label from pg_enum where enumtypid = ${column!.dataTypeID} order by enumsortorder`,
        );
        expect(
          labels.map((l) => l.label),
          `${table.name}.${field.name}`,
        ).toEqual([...field.constraints!.enum]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it("are taken for votes and comments on PostgreSQL only", () => {
    const tables = exportTables(DEFAULT_SMALL_CELL_THRESHOLD);
    const context = exportContext();
    const copied = tables.filter((table) => canCopySheet(table, context)).map((table) => table.name);
    expect(copied).toEqual(process.env.TEST_DB === "postgres" ? ["votes", "ballot_allocations", "comments"] : []);
  });

  it("are byte for byte the JavaScript writer's sheets, and read back as the texts stored", async () => {
    expect(await db().$count(vote, eq(vote.consultationId, demo.id))).toBeGreaterThan(0);
    const fromDatabase = await sheets(await workbook(db()));
    const fromJavaScript = await sheets(await db().transaction((tx) => workbook(tx)));
    expect([...fromDatabase.keys()].sort()).toEqual([...fromJavaScript.keys()].sort());
    for (const [name, xml] of fromJavaScript) expect(fromDatabase.get(name), name).toBe(xml);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbook(db())) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("comments")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const bodyColumn = header.indexOf("body") + 1;
    const bodies: unknown[] = [];
    sheet.eachRow((row, number) => number > 1 && bodies.push(row.getCell(bodyColumn).value));
    expect(bodies).toEqual(
      expect.arrayContaining([
        "first line\nsecond line\nthird line\nend",
        "  leading and trailing spaces  ",
        "no-break space at the end\u00a0",
        "markup <b>bold</b> & \"quotes\" & 'apostrophes'",
        "control and  characters removed",
        "emoji 🌍 and Arabic الإنتاج الإقليمي",
        '=HYPERLINK("https://evil.example")',
      ]),
    );
  });
});
