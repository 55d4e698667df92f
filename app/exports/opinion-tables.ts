/**
 * The rows of the opinion-group export tables, from the stored result (never computed here): one
 * row per group with its size and share, and one per group and statement that is representative of
 * it or common ground for all. Pure, so the small-cell rule is tested on its own.
 */
import type { Direction, GroupLabel } from "~/opinion";
import type { OpinionGroupsSummary } from "~/opinion/stored";
import { isSuppressed, protectBreakdown, shownCount, type Shown } from "~/reports/small-cells";
import { exportTimestamp } from "~/exports/timestamps";

/** The row that totals every group, as in the other breakdowns. */
export const ALL_GROUPS = "all";

export interface OpinionGroupRow {
  opinion_group: GroupLabel | typeof ALL_GROUPS;
  /** "<threshold" when under the threshold, "withheld" when hidden to protect another count. */
  participants: number | string;
  /** Of the participants placed; null when the count is withheld, since it would give it away. */
  share: number | null;
  computed_at: string;
}

export interface OpinionStatementRow {
  opinion_group: GroupLabel;
  kind: "representative" | "consensus";
  rank: number;
  priority_id: number;
  direction: Direction | null;
  agree_in_group: number;
  disagree_in_group: number | null;
  agree_elsewhere: number | null;
  disagree_elsewhere: number | null;
  z: number | null;
  consensus_score: number | null;
}

export interface StoredAnalysis {
  computedAt: Date;
  summary: OpinionGroupsSummary;
}

/** Group sizes under the small-cell rule, with a total row; none without groups. */
export function opinionGroupRows(analysis: StoredAnalysis | null, threshold: number): OpinionGroupRow[] {
  if (analysis?.summary.status !== "ok") return [];
  const { groups, participantsPlaced } = analysis.summary;
  const computedAt = exportTimestamp(analysis.computedAt);
  const sizes = protectBreakdown(
    groups.map((group) => group.size),
    threshold,
  );
  const row = (opinion_group: OpinionGroupRow["opinion_group"], size: Shown): OpinionGroupRow => ({
    opinion_group,
    participants: isSuppressed(size) ? shownCount(size, threshold) : size,
    share: isSuppressed(size) ? null : size / participantsPlaced,
    computed_at: computedAt,
  });
  return [...groups.map((group, g) => row(group.label, sizes.cells[g] ?? null)), row(ALL_GROUPS, sizes.total)];
}

/**
 * Representative statements of each group, then the consensus statements once per group, each
 * with its rank in the method's list. Statements whose priority is no longer approved are left
 * out, as on the consultation page.
 */
export function opinionStatementRows(
  analysis: StoredAnalysis | null,
  isApproved: (priorityId: number) => boolean,
): OpinionStatementRow[] {
  if (analysis?.summary.status !== "ok") return [];
  const { groups, consensus } = analysis.summary;
  return groups.flatMap((group, g) => [
    ...group.representative.flatMap((r, index): OpinionStatementRow[] =>
      isApproved(r.priorityId)
        ? [
            {
              opinion_group: group.label,
              kind: "representative",
              rank: index + 1,
              priority_id: r.priorityId,
              direction: r.direction,
              agree_in_group: r.agreeInGroup,
              disagree_in_group: r.disagreeInGroup,
              agree_elsewhere: r.agreeElsewhere,
              disagree_elsewhere: r.disagreeElsewhere,
              z: r.z ?? null,
              consensus_score: null,
            },
          ]
        : [],
    ),
    ...consensus.flatMap((c, index): OpinionStatementRow[] =>
      isApproved(c.priorityId)
        ? [
            {
              opinion_group: group.label,
              kind: "consensus",
              rank: index + 1,
              priority_id: c.priorityId,
              direction: null,
              agree_in_group: c.agreeInGroups[g]!,
              disagree_in_group: null,
              agree_elsewhere: null,
              disagree_elsewhere: null,
              z: null,
              consensus_score: c.score ?? null,
            },
          ]
        : [],
    ),
  ]);
}
