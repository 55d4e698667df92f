/**
 * The four export formats, each a stream of bytes written batch by batch from the table definitions
 * (tables.server.ts): nothing holds more than one batch, whatever the consultation's size.
 */
import { Readable } from "node:stream";
import yazl from "yazl";
import { copyCsv, canCopy, canCopySheet, copySheetRows } from "~/exports/copy.server";
import { csvRecords, FORMULA_ESCAPE, type CsvOptions } from "~/exports/csv";
import type { ExportContext, ExportField, ExportTable, ExportValue } from "~/exports/tables.server";
import { exportTimestamp } from "~/exports/timestamps";
import { xlsxStream } from "~/exports/xlsx";

export type ByteStream = AsyncIterable<Uint8Array>;

/** Lets Excel recognise UTF-8 (it guesses a legacy code page otherwise). */
const UTF8_BOM = "\uFEFF";

async function* encode(chunks: AsyncIterable<string>): ByteStream {
  for await (const chunk of chunks) yield Buffer.from(chunk, "utf8");
}

/**
 * One table as RFC 4180 CSV (UTF-8, CRLF, a header row). The plain file is exact; the one for Excel
 * (a byte-order mark) and the Data Package's escape would-be formulas (decision 0008). The large
 * tables are written by the database's own CSV writer where it can (copy.server.ts, decision 0031),
 * the others here; the header, then the rows batch by batch, either way.
 */
export function streamCsv(
  table: ExportTable,
  context: ExportContext,
  options: { bom?: boolean } & CsvOptions = {},
): ByteStream {
  const csvOptions = { escapeFormulas: options.escapeFormulas ?? false };
  const header = (options.bom ? UTF8_BOM : "") + csvRecords([table.fields.map((f) => f.name)], csvOptions);
  return canCopy(table, context)
    ? afterHeader(header, copyCsv(table, context, csvOptions))
    : encode(csvChunks(table, context, header, csvOptions));
}

async function* afterHeader(header: string, records: AsyncIterable<Uint8Array>): ByteStream {
  yield Buffer.from(header, "utf8");
  yield* records;
}

async function* csvChunks(
  table: ExportTable,
  context: ExportContext,
  header: string,
  options: CsvOptions,
): AsyncGenerator<string> {
  yield header;
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

/**
 * One workbook, one sheet per table, header row frozen, typed cells (numbers as numbers, dates as
 * dates): the streaming writer of xlsx.ts, which never holds a sheet (decision 0031). On PostgreSQL
 * the large tables' rows are written as sheet XML by the database itself (copy.server.ts).
 */
export function streamXlsx(tables: readonly ExportTable[], context: ExportContext): ByteStream {
  return xlsxStream(
    tables.map((table) =>
      canCopySheet(table, context)
        ? { name: table.name, columns: table.fields, rowsXml: () => copySheetRows(table, context) }
        : { name: table.name, columns: table.fields, batches: () => table.batches(context) },
    ),
  );
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
          ...(field.constraints ? { constraints: field.constraints } : {}),
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
