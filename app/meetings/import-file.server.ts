/**
 * A meeting's spreadsheet as bytes: the uploaded file told apart by its content, never by its name
 * or the type the browser claims, and read into rows; and the template offered for download
 * (docs/decisions/0046-meeting-import.md).
 */
import { createHash } from "node:crypto";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { csvRecords } from "~/exports/csv";
import { xlsxStream } from "~/exports/xlsx";
import type { SheetRow } from "~/meetings/import-rows";

/** The largest file accepted: a meeting's ballots fit in far less. */
export const maxImportBytes = 2 * 1024 * 1024;
/** More rows than any meeting has people: past it the file is refused rather than read on. */
export const maxImportRows = 5000;

export type ImportFormat = "csv" | "xlsx";

export type ReadFile =
  | { ok: true; format: ImportFormat; contentHash: string; sheet: SheetRow[] }
  | { ok: false; reason: "empty" | "tooLarge" | "wrongType" | "unreadable" | "tooManyRows" };

const zipMagic = [0x50, 0x4b, 0x03, 0x04];

function isZip(bytes: Uint8Array): boolean {
  return zipMagic.every((byte, i) => bytes[i] === byte);
}

/** The text of `bytes` when they are UTF-8 without NUL (a BOM is dropped); null for anything binary. */
function utf8Text(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return text.includes("\u0000") ? null : text;
  } catch {
    return null;
  }
}

function csvSheet(text: string): SheetRow[] | null {
  try {
    const records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
    return records.map((cells, i) => ({ number: i + 1, cells }));
  } catch {
    return null;
  }
}

async function xlsxSheet(bytes: Uint8Array): Promise<SheetRow[] | null> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  // The ballots are the first sheet; the template's second sheet only explains them.
  const worksheet = workbook.worksheets[0];
  if (!worksheet) return null;
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(row.getCell(column).text ?? "");
    rows.push({ number, cells });
  });
  return rows;
}

/** The rows of an uploaded file, XLSX when it is a zip exceljs can read, else CSV when it is UTF-8 text. */
export async function readImportFile(bytes: Uint8Array): Promise<ReadFile> {
  if (bytes.byteLength === 0) return { ok: false, reason: "empty" };
  if (bytes.byteLength > maxImportBytes) return { ok: false, reason: "tooLarge" };
  const contentHash = createHash("sha256").update(bytes).digest("hex");
  let format: ImportFormat;
  let sheet: SheetRow[] | null;
  if (isZip(bytes)) {
    format = "xlsx";
    sheet = await xlsxSheet(bytes);
  } else {
    const text = utf8Text(bytes);
    if (text === null) return { ok: false, reason: "wrongType" };
    format = "csv";
    sheet = csvSheet(text);
  }
  if (!sheet) return { ok: false, reason: "unreadable" };
  if (sheet.length > maxImportRows) return { ok: false, reason: "tooManyRows" };
  return { ok: true, format, contentHash, sheet };
}

/** What the template holds: its header and the notes that explain each column, in one language. */
export interface ImportTemplate {
  header: readonly string[];
  /** [column, what to write in it] pairs. */
  guide: readonly (readonly [string, string])[];
  guideHeader: readonly [string, string];
  sheetNames: readonly [string, string];
}

/**
 * The CSV template: the notes first, each a line starting with `#` that the reader skips, then the
 * header. A BOM, so that spreadsheets open the file as UTF-8.
 */
export function templateCsv(template: ImportTemplate): string {
  const notes = template.guide.map(([column, meaning]) => [`# ${column}: ${meaning}`]);
  return "\uFEFF" + csvRecords([...notes, template.header], { escapeFormulas: true });
}

/** The XLSX template: the header alone on the first sheet, the notes on the second. */
export function templateXlsx(template: ImportTemplate): AsyncIterable<Uint8Array> {
  const stringColumns = (names: readonly string[]) => names.map((name) => ({ name, type: "string" as const }));
  return xlsxStream([
    {
      name: template.sheetNames[0],
      columns: stringColumns(template.header),
      batches: async function* () {},
    },
    {
      name: template.sheetNames[1],
      columns: stringColumns(template.guideHeader),
      batches: async function* () {
        yield template.guide;
      },
    },
  ]);
}
