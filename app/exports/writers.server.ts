/**
 * The four export formats, each a stream of bytes written batch by batch from the table definitions
 * (tables.server.ts): nothing holds more than one batch, whatever the consultation's size.
 */
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import yazl from "yazl";
import { csvRecords, FORMULA_ESCAPE, type CsvOptions } from "./csv";
import type { ExportContext, ExportField, ExportTable, ExportValue, FieldType } from "./tables.server";
import { exportTimestamp } from "./timestamps";

export type ByteStream = AsyncIterable<Uint8Array>;

/** Lets Excel recognise UTF-8 (it guesses a legacy code page otherwise). */
const UTF8_BOM = "\uFEFF";

async function* encode(chunks: AsyncIterable<string>): ByteStream {
  for await (const chunk of chunks) yield Buffer.from(chunk, "utf8");
}

/**
 * One table as RFC 4180 CSV (UTF-8, CRLF, a header row). The plain file is exact; the one for Excel
 * (a byte-order mark) and the Data Package's escape would-be formulas (decision 0008).
 */
export function streamCsv(
  table: ExportTable,
  context: ExportContext,
  options: { bom?: boolean } & CsvOptions = {},
): ByteStream {
  return encode(csvChunks(table, context, options.bom ?? false, { escapeFormulas: options.escapeFormulas ?? false }));
}

async function* csvChunks(
  table: ExportTable,
  context: ExportContext,
  bom: boolean,
  options: CsvOptions,
): AsyncGenerator<string> {
  yield (bom ? UTF8_BOM : "") + csvRecords([table.fields.map((f) => f.name)], options);
  for await (const rows of table.batches(context)) yield csvRecords(rows, options);
}

/** Every table in one JSON document: `{ "consultation": slug, "tables": { name: [row objects] } }`. */
export function streamJson(tables: readonly ExportTable[], context: ExportContext, consultation: string): ByteStream {
  return encode(jsonChunks(tables, context, consultation));
}

async function* jsonChunks(
  tables: readonly ExportTable[],
  context: ExportContext,
  consultation: string,
): AsyncGenerator<string> {
  yield `{"consultation":${JSON.stringify(consultation)},"tables":{`;
  for (const [index, table] of tables.entries()) {
    yield `${index > 0 ? "," : ""}\n${JSON.stringify(table.name)}:[`;
    let first = true;
    for await (const rows of table.batches(context)) {
      const objects = rows.map((row) => JSON.stringify(rowObject(table.fields, row)));
      yield `${first ? "" : ","}\n${objects.join(",\n")}`;
      first = false;
    }
    yield "]";
  }
  yield "\n}}\n";
}

function rowObject(fields: readonly ExportField[], row: readonly ExportValue[]): Record<string, ExportValue> {
  const object: Record<string, ExportValue> = {};
  fields.forEach((field, i) => (object[field.name] = row[i] ?? null));
  return object;
}

const excelFormats: Partial<Record<FieldType, string>> = {
  datetime: "yyyy-mm-dd hh:mm:ss",
  date: "yyyy-mm-dd",
};

/** Excel holds dates and times as numbers: give it Dates, not their text. */
function excelValue(type: FieldType, value: ExportValue): ExportValue | Date {
  if (typeof value !== "string") return value;
  if (type === "date") return new Date(`${value}T00:00:00Z`);
  if (type === "datetime") return new Date(value);
  return value;
}

/**
 * One workbook, one sheet per table, header row frozen, typed cells (numbers as numbers, dates as
 * dates). exceljs's streaming writer zips as it goes; the loop waits whenever the reader lags.
 */
export function streamXlsx(tables: readonly ExportTable[], context: ExportContext): ByteStream {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const write = async () => {
    for (const table of tables) {
      const sheet = workbook.addWorksheet(table.name, { views: [{ state: "frozen", ySplit: 1 }] });
      sheet.columns = table.fields.map((field) => ({
        header: field.name,
        key: field.name,
        width: Math.max(12, field.name.length + 2),
        style: excelFormats[field.type] ? { numFmt: excelFormats[field.type] } : {},
      }));
      for await (const rows of table.batches(context)) {
        for (const row of rows) sheet.addRow(row.map((value, i) => excelValue(table.fields[i]!.type, value))).commit();
        if (output.writableNeedDrain) await once(output, "drain");
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => output.destroy(error as Error));
  return output;
}

/**
 * How the package's CSV files are written, for readers of `datapackage.json`: the Frictionless CSV
 * dialect has no word for formula escaping, so the package's description says it.
 */
export function dataPackageDescription(threshold: number): string {
  return (
    "Data of one Baraza consultation. Participants appear only under pseudonyms that match nothing public. " +
    `Small cells: a count written '<${threshold}' is fewer than ${threshold}; a count written 'withheld' is ` +
    `hidden only so that a '<${threshold}' count cannot be worked out from it, and may be of any size. ` +
    "CSV dialect: RFC 4180 (comma, double quotes doubled, CRLF, a header row, UTF-8); timestamps are UTC to " +
    `the second. A text cell that a spreadsheet would take for a formula (starting with =, +, -, @, a tab or ` +
    `a carriage return) is written with a leading ${FORMULA_ESCAPE}, to be removed to get the exact text; ` +
    "the plain CSV download of each table, and the JSON, carry the text exactly."
  );
}

/** The Frictionless descriptor: every table a CSV resource, every field typed and described. */
export function dataPackageDescriptor(
  tables: readonly ExportTable[],
  metadata: { name: string; title: string; created: Date; smallCellThreshold: number },
) {
  return {
    profile: "tabular-data-package",
    name: metadata.name,
    title: metadata.title,
    description: dataPackageDescription(metadata.smallCellThreshold),
    created: exportTimestamp(metadata.created),
    resources: tables.map((table) => ({
      name: table.name,
      path: dataPackagePath(table),
      profile: "tabular-data-resource",
      format: "csv",
      mediatype: "text/csv",
      encoding: "utf-8",
      dialect: { delimiter: ",", lineTerminator: "\r\n", quoteChar: '"', doubleQuote: true, header: true },
      description: table.description,
      schema: {
        fields: table.fields.map((field) => ({
          name: field.name,
          type: field.type,
          format: "default",
          description: field.description,
        })),
        missingValues: table.missingValues,
      },
    })),
  };
}

export function dataPackagePath(table: ExportTable): string {
  return `data/${table.name}.csv`;
}

/** A zip of `datapackage.json` and one CSV per table; each CSV is read only when the zip reaches it. */
export function streamDataPackage(
  tables: readonly ExportTable[],
  context: ExportContext,
  metadata: { name: string; title: string; created: Date; smallCellThreshold: number },
): ByteStream {
  const zip = new yazl.ZipFile();
  const descriptor = JSON.stringify(dataPackageDescriptor(tables, metadata), null, 2);
  zip.addBuffer(Buffer.from(descriptor, "utf8"), "datapackage.json", { mtime: metadata.created });
  for (const table of tables) {
    zip.addReadStreamLazy(dataPackagePath(table), { mtime: metadata.created }, (callback) =>
      callback(null, Readable.from(streamCsv(table, context, { escapeFormulas: true }))),
    );
  }
  zip.end();
  return zip.outputStream as Readable;
}
