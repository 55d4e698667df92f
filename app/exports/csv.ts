/**
 * RFC 4180 records: fields separated by commas, records ended by CRLF, a field quoted (its quotes
 * doubled) only when it holds a comma, a quote or a line break. Written by hand because it is the
 * hot loop of every large export.
 */
export type CsvValue = string | number | boolean | null;

const needsQuotes = /[",\r\n]/;

export function csvField(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  return needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The records of `rows`, each ended by CRLF. */
export function csvRecords(rows: readonly (readonly CsvValue[])[]): string {
  let text = "";
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) text += (i === 0 ? "" : ",") + csvField(row[i]!);
    text += "\r\n";
  }
  return text;
}
