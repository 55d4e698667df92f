/**
 * The opinion map's drawing and wording, as pure functions: where each dot goes in the SVG, which
 * shape and colour each group gets, and what each group's description says (as data the
 * component turns into translated sentences).
 */
import { isSuppressed, protectBreakdown, type Shown } from "~/reports/small-cells";
import type { GroupLabel } from "~/opinion/index";
import type { StoredConsensus, StoredPoint, StoredRepresentative } from "~/opinion/stored";

export interface MapFrame {
  readonly width: number;
  readonly height: number;
  readonly padding: number;
}

export const MAP_FRAME: MapFrame = { width: 480, height: 320, padding: 24 };

export interface Placed {
  readonly x: number;
  readonly y: number;
}

/**
 * Maps opinion-space coordinates into the frame: one scale for both axes (distances on the map
 * stay comparable whichever way they run), as large as fits, origin at the centre, y upwards as
 * in a chart.
 */
export function mapScale(points: readonly (readonly [number, number, ...unknown[]])[], frame: MapFrame = MAP_FRAME) {
  const extentX = points.reduce((max, [x]) => Math.max(max, Math.abs(x)), 0);
  const extentY = points.reduce((max, [, y]) => Math.max(max, Math.abs(y)), 0);
  const fits = (extent: number, side: number) => (extent > 0 ? (side / 2 - frame.padding) / extent : Infinity);
  const fitted = Math.min(fits(extentX, frame.width), fits(extentY, frame.height));
  const scale = Number.isFinite(fitted) ? fitted : 0;
  const round = (value: number) => Math.round(value * 10) / 10;
  return ([x, y]: readonly [number, number, ...unknown[]]): Placed => ({
    x: round(frame.width / 2 + x * scale),
    y: round(frame.height / 2 - y * scale),
  });
}

/** Okabe & Ito's palette, safe for the common colour-vision deficiencies; dark enough on white for 3:1. */
export const GROUP_COLOURS: Record<GroupLabel, string> = {
  A: "#0072B2",
  B: "#D55E00",
  C: "#009E73",
  D: "#CC79A7",
  E: "#000000",
};

/** A shape per group, so colour is never the only cue. */
export const GROUP_SHAPES: Record<GroupLabel, "circle" | "square" | "triangle" | "diamond" | "cross"> = {
  A: "circle",
  B: "square",
  C: "triangle",
  D: "diamond",
  E: "cross",
};

/** One dot as an SVG path fragment of "radius" r; a group's dots join into one path to keep the page light. */
export function shapePath(shape: (typeof GROUP_SHAPES)[GroupLabel], { x, y }: Placed, r: number): string {
  switch (shape) {
    case "circle":
      return `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`;
    case "square":
      return `M${x - r} ${y - r}h${2 * r}v${2 * r}h${-2 * r}z`;
    case "triangle":
      return `M${x} ${y - r}l${r} ${2 * r}h${-2 * r}z`;
    case "diamond":
      return `M${x} ${y - r}l${r} ${r}l${-r} ${r}l${-r} ${-r}z`;
    case "cross":
      return `M${x - r} ${y - r}l${2 * r} ${2 * r}M${x + r} ${y - r}l${-2 * r} ${2 * r}`;
  }
}

/** Each group's dots as one path `d`, in the order of the groups. */
export function groupDotPaths(
  points: readonly StoredPoint[],
  labels: readonly GroupLabel[],
  place: (point: StoredPoint) => Placed,
  radius = 3,
): string[] {
  const paths = labels.map(() => [] as string[]);
  for (const point of points) {
    const label = labels[point[2]];
    if (label) paths[point[2]]!.push(shapePath(GROUP_SHAPES[label], place(point), radius));
  }
  return paths.map((parts) => parts.join(""));
}

/** The map's drawing in the SVG's own coordinates: centroids placed, each group's dots as one path `d`. */
export interface OpinionMapDrawing {
  centroids: Placed[];
  /** Null when the page's HTML already carries them and only hydration data is being sent. */
  dots: string[] | null;
  /** How many participants are drawn (a sample when there are many). */
  drawn: number;
}

export function drawOpinionMap(
  points: readonly StoredPoint[],
  centroids: readonly (readonly [number, number])[],
  labels: readonly GroupLabel[],
): OpinionMapDrawing {
  const place = mapScale([...points, ...centroids], MAP_FRAME);
  return { centroids: centroids.map(place), dots: groupDotPaths(points, labels, place), drawn: points.length };
}

/**
 * The dots as SVG markup, for React to set as it is: on hydration the browser keeps what the server
 * drew, so the coordinates are in the page once, not again in its hydration data.
 */
export function dotsMarkup(dots: readonly string[], labels: readonly GroupLabel[]): string {
  return dots
    .map((d, g) => {
      const label = labels[g]!;
      const cross = GROUP_SHAPES[label] === "cross";
      const colour = GROUP_COLOURS[label];
      return `<path d="${d}" fill="${cross ? "none" : colour}" fill-opacity="0.85" stroke="${colour}" stroke-width="${cross ? 1.5 : 0.5}"></path>`;
    })
    .join("");
}

/**
 * The answers that most often describe a group: the two largest shown (not suppressed) cells of
 * its row, largest first, and only when the row's total is shown and they make up at least half
 * of it, so "mostly" is true.
 */
export function prominentAnswers<C extends string>(
  categories: readonly C[],
  row: readonly Shown[],
  rowTotal: Shown,
  limit = 2,
): C[] {
  if (isSuppressed(rowTotal) || rowTotal === 0) return [];
  const shown = categories
    .map((category, i) => ({ category, count: row[i] ?? null }))
    .filter((cell): cell is { category: C; count: number } => !isSuppressed(cell.count) && cell.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, limit);
  const covered = shown.reduce((sum, cell) => sum + cell.count, 0);
  return covered * 2 >= rowTotal ? shown.map((cell) => cell.category) : [];
}

/** How many more participants must be placed before groups are drawn. */
export function participantsStillNeeded(summary: { participantsPlaced: number; minParticipants: number }): number {
  return Math.max(0, summary.minParticipants - summary.participantsPlaced);
}

/** The share of the group, and of the others, that voted the way that sets the group apart. */
export function directionShares(statement: StoredRepresentative): { shareInGroup: number; shareElsewhere: number } {
  const agrees = statement.direction === "agree";
  return {
    shareInGroup: agrees ? statement.agreeInGroup : statement.disagreeInGroup,
    shareElsewhere: agrees ? statement.agreeElsewhere : statement.disagreeElsewhere,
  };
}

/**
 * The priorities every group agrees with, titled, with the lowest agreement among the groups; those
 * with no title (no longer public) are left out, as on every page that lists priorities.
 */
export function consensusView<T>(
  consensus: readonly StoredConsensus[],
  titles: ReadonlyMap<number, T>,
): { priorityId: number; title: T; lowestAgree: number }[] {
  return consensus.flatMap((c) => {
    const title = titles.get(c.priorityId);
    return title === undefined ? [] : [{ priorityId: c.priorityId, title, lowestAgree: Math.min(...c.agreeInGroups) }];
  });
}

/**
 * Each group's size and share of the people placed, under the small-cell rule of the reports: a
 * size that is withheld (or would reveal one) is null, and so is its share.
 */
export function shownGroupSizes(
  sizes: readonly number[],
  threshold: number,
): { total: Shown; groups: { size: Shown; share: number | null }[] } {
  const placed = sizes.reduce((sum, size) => sum + size, 0);
  const shown = protectBreakdown(sizes, threshold);
  return {
    total: shown.total,
    groups: sizes.map((_, g) => {
      const size = shown.cells[g] ?? null;
      return { size, share: isSuppressed(size) || placed === 0 ? null : size / placed };
    }),
  };
}
