/**
 * A streaming XLSX (Office Open XML spreadsheet) writer: one sheet per table, each sheet's XML
 * written row by row as its batches arrive and deflated into the zip as it goes (yazl), so nothing
 * holds more than a batch, whatever the sheet's size (decision 0031). Only what the exports need:
 * a frozen header row, column widths, inline strings, numbers, booleans, and dates and times as
 * Excel's serial numbers with a date format. Cells are typed values, never formulas.
 */
import { Readable } from "node:stream";
import yazl from "yazl";
import type { ExportValue, FieldType } from "~/exports/tables.server";

export type XlsxSheet = {
  name: string;
  columns: readonly { name: string; type: FieldType }[];
} & (
  | {
      /** The rows, batch by batch, each row's values in the order of `columns`. */
      batches: () => AsyncIterable<readonly (readonly ExportValue[])[]>;
    }
  | {
      /**
       * Or the data rows' XML already written, `<row r="2">…</row>` on, as `cell` would write it: on
       * PostgreSQL the database writes it itself (copy.server.ts).
       */
      rowsXml: () => AsyncIterable<Buffer>;
    }
);

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style indexes of `styles.xml`'s cellXfs. */
export const DATETIME_STYLE = 1;
export const DATE_STYLE = 2;

const STYLES =
  XML_DECLARATION +
  `<styleSheet xmlns="${MAIN}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/>' +
  '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

function contentTypes(sheets: number): string {
  const overrides = Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ` +
      'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
  ).join("");
  return (
    XML_DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    overrides +
    "</Types>"
  );
}

const ROOT_RELATIONSHIPS =
  XML_DECLARATION +
  `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
  `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>` +
  "</Relationships>";

function workbook(names: readonly string[]): string {
  const sheets = names
    .map((name, i) => `<sheet name="${escapeAttribute(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("");
  return (
    XML_DECLARATION +
    `<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
    `<bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`
  );
}

function workbookRelationships(sheets: number): string {
  const links = Array.from(
    { length: sheets },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join("");
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${links}` +
    `<Relationship Id="rId${sheets + 1}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`
  );
}

/** A: 0, Z: 25, AA: 26, … */
export function columnLetters(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * Characters XML 1.0 cannot hold are left out; &, < and > are escaped, and a line break is written
 * `&#10;` (a CR LF or a lone CR first becoming LF, as an XML reader would make them), so that no row
 * of a sheet spans lines: the database's writer (copy.server.ts) relies on it, and does the same.
 */
// eslint-disable-next-line no-control-regex
const notPlainText = /[&<>\n\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// eslint-disable-next-line no-control-regex
const notAllowedInXml = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escapeText(text: string): string {
  if (!notPlainText.test(text)) return text;
  return text
    .replace(notAllowedInXml, "")
    .replace(/\r\n?/g, "\n")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("\n", "&#10;");
}

function escapeAttribute(text: string): string {
  return escapeText(text).replaceAll('"', "&quot;");
}

const edgeSpace = /^\s|\s$/;

/** Whether `text` is written into a cell as it is: nothing to escape, no space at either end to keep. */
export function isPlainCellText(text: string): boolean {
  return !notPlainText.test(text) && !edgeSpace.test(text);
}

function inlineString(reference: string, text: string): string {
  const space = edgeSpace.test(text) ? ' xml:space="preserve"' : "";
  return `<c r="${reference}" t="inlineStr"><is><t${space}>${escapeText(text)}</t></is></c>`;
}

/** Excel's serial date: days since 1899-12-30, the time of day as the fraction. */
function excelSerial(milliseconds: number): number {
  return milliseconds / 86_400_000 + 25_569;
}

function cell(reference: string, type: FieldType, value: ExportValue): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? `<c r="${reference}"><v>${value}</v></c>` : "";
  if (typeof value === "boolean") return `<c r="${reference}" t="b"><v>${value ? 1 : 0}</v></c>`;
  if (type === "datetime" || type === "date") {
    const time = type === "date" ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
    if (!Number.isNaN(time)) {
      const style = type === "date" ? DATE_STYLE : DATETIME_STYLE;
      return `<c r="${reference}" s="${style}"><v>${excelSerial(time)}</v></c>`;
    }
  }
  return inlineString(reference, value);
}

const ROWS_PER_CHUNK = 1_000;

async function* sheetXml(sheet: XlsxSheet): AsyncGenerator<Buffer> {
  const letters = sheet.columns.map((_, i) => columnLetters(i));
  const widths = sheet.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.max(12, c.name.length + 2)}" customWidth="1"/>`)
    .join("");
  const header = sheet.columns.map((c, i) => inlineString(`${letters[i]}1`, c.name)).join("");
  yield Buffer.from(
    XML_DECLARATION +
      `<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
      '<sheetViews><sheetView workbookViewId="0">' +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
      `<cols>${widths}</cols><sheetData><row r="1">${header}</row>`,
    "utf8",
  );
  if ("rowsXml" in sheet) {
    yield* sheet.rowsXml();
    yield Buffer.from("</sheetData></worksheet>", "utf8");
    return;
  }
  const types = sheet.columns.map((c) => c.type);
  let number = 1;
  for await (const rows of sheet.batches()) {
    // A piece of a batch at a time: a batch's whole XML would be megabytes of string at once.
    for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
      let xml = "";
      for (const row of rows.slice(start, start + ROWS_PER_CHUNK)) {
        number++;
        xml += `<row r="${number}">`;
        for (let i = 0; i < row.length; i++) xml += cell(letters[i]! + number, types[i]!, row[i]!);
        xml += "</row>";
      }
      yield Buffer.from(xml, "utf8");
    }
  }
  yield Buffer.from("</sheetData></worksheet>", "utf8");
}

/**
 * Deflate level: the sheets' XML is very repetitive, so a fast level loses little size and, on the
 * 2-core machine, costs far less time than the default 6 (bench:export).
 */
const COMPRESSION_LEVEL = 1;

/** The workbook's bytes; each sheet is read only when the zip reaches it. */
export function xlsxStream(sheets: readonly XlsxSheet[], created: Date = new Date()): Readable {
  const zip = new yazl.ZipFile();
  const options = { mtime: created, compressionLevel: COMPRESSION_LEVEL };
  const part = (path: string, text: string) => zip.addBuffer(Buffer.from(text, "utf8"), path, options);
  part("[Content_Types].xml", contentTypes(sheets.length));
  part("_rels/.rels", ROOT_RELATIONSHIPS);
  part("xl/workbook.xml", workbook(sheets.map((s) => s.name)));
  part("xl/_rels/workbook.xml.rels", workbookRelationships(sheets.length));
  part("xl/styles.xml", STYLES);
  sheets.forEach((sheet, i) =>
    zip.addReadStreamLazy(`xl/worksheets/sheet${i + 1}.xml`, options, (callback) =>
      // In bytes, not objects: Readable.from would otherwise read 16 chunks ahead of the zip.
      callback(null, Readable.from(sheetXml(sheet), { objectMode: false })),
    ),
  );
  zip.end();
  return zip.outputStream as Readable;
}
