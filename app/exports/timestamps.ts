/**
 * Timestamps in every export: ISO 8601 in UTC to the whole second ("2026-12-05T09:30:00Z"), the
 * Table Schema's default `datetime` format. The database keeps microseconds, but a fraction of a
 * second is not the default format, and its length would vary within a column (decision 0016).
 */

/** A Date as an export writes it. */
export function exportTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** A timestamp as PostgreSQL's JSON writes it ("…T09:30:00.123456+00:00"), as an export writes it. */
export function exportTimestampOf(value: string): string {
  // The common case, cut without parsing: it is the hot loop of a large export.
  if (value.endsWith("+00:00") && value[10] === "T") return `${value.slice(0, 19)}Z`;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : exportTimestamp(date);
}
