/** Geometry and bucketing for the report's server-rendered SVG charts. Pure, no I/O. */

const DAY = 24 * 60 * 60 * 1000;

/** The Monday (UTC) of the ISO week a moment falls in, as YYYY-MM-DD. */
export function weekStart(moment: Date): string {
  const day = new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY).toISOString().slice(0, 10);
}

export interface WeekBucket<K extends string> {
  week: string;
  counts: Record<K, number>;
}

/**
 * Counts events per week and kind, with every week from the first to the last present (a week
 * without activity is a zero, not a gap the chart would silently jump over).
 */
export function bucketByWeek<K extends string>(
  events: readonly { at: Date; kind: K }[],
  kinds: readonly K[],
): WeekBucket<K>[] {
  if (events.length === 0) return [];
  const byWeek = new Map<string, Record<K, number>>();
  const empty = () => Object.fromEntries(kinds.map((k) => [k, 0])) as Record<K, number>;
  let first = weekStart(events[0]!.at);
  let last = first;
  for (const { at, kind } of events) {
    const week = weekStart(at);
    if (week < first) first = week;
    if (week > last) last = week;
    const counts = byWeek.get(week) ?? empty();
    counts[kind] += 1;
    byWeek.set(week, counts);
  }
  const buckets: WeekBucket<K>[] = [];
  for (let t = Date.parse(first); t <= Date.parse(last); t += 7 * DAY) {
    const week = new Date(t).toISOString().slice(0, 10);
    buckets.push({ week, counts: byWeek.get(week) ?? empty() });
  }
  return buckets;
}

/** A round upper bound for an axis (1, 2, 5 × 10ⁿ), at least 1. */
export function niceMax(value: number): number {
  if (value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= value)!;
  return step * magnitude;
}

export interface PlotArea {
  width: number;
  height: number;
}

/** The polyline points of a series spread evenly across the area, 0 at the bottom, `max` at the top. */
export function seriesPoints(values: readonly number[], max: number, area: PlotArea): { x: number; y: number }[] {
  const step = values.length > 1 ? area.width / (values.length - 1) : 0;
  return values.map((value, i) => ({
    x: round(values.length > 1 ? i * step : area.width / 2),
    y: round(area.height - (Math.min(value, max) / max) * area.height),
  }));
}

export interface ShareBar {
  /** Width of the bar for the share. */
  width: number;
  /** The whisker of the interval, from and to (in the same units). */
  low: number;
  high: number;
}

/** A share in [0, 1] and its interval as lengths along a bar `length` long. */
export function shareBar(share: number, interval: { low: number; high: number } | null, length: number): ShareBar {
  const clamp = (v: number) => round(Math.max(0, Math.min(1, v)) * length);
  return {
    width: clamp(share),
    low: clamp(interval?.low ?? share),
    high: clamp(interval?.high ?? share),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
