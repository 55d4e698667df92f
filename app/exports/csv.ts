/**
 * RFC 4180 records: fields separated by commas, records ended by CRLF, a field quoted (its quotes
 * doubled) only when it holds a comma, a quote or a line break. Written by hand because it is the
 * hot loop of every large export.
 */
export type CsvValue = string | number | boolean | null;

export interface CsvOptions {
  /**
   * For files a spreadsheet will open: a text cell that a spreadsheet would read as a formula
   * (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, which
   * spreadsheets read as "text follows". Numbers are never text cells, so `-3` stays `-3`.
   */
  escapeFormulas?: boolean;
}

const needsQuotes = /[",\r\n]/;
/** OWASP's list of characters that start a spreadsheet formula. */
const formulaStart = /^[=+\-@\t\r]/;

/** The prefix that turns a would-be formula into text, and how a reader takes it off again. */
export const FORMULA_ESCAPE = "'";

export function csvField(value: CsvValue, options: CsvOptions = {}): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const text = options.escapeFormulas && formulaStart.test(value) ? FORMULA_ESCAPE + value : value;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The records of `rows`, each ended by CRLF. */
export function csvRecords(rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  let text = "";
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) text += (i === 0 ? "" : ",") + csvField(row[i]!, options);
    text += "\r\n";
  }
  return text;
}
