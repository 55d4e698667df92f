/**
 * The opinion map section of a consultation page, read from the stored result (never computed
 * here): the dots, each group in words, the consensus statements, the reader's own group.
 */
import { and, eq } from "drizzle-orm";
import { priority } from "~db/schema";
import type { StakeholderGroup } from "~db/vocabulary";
import { getEnv } from "~/platform/env.server";
import { localize, type LocalizedValue } from "~/platform/i18n/localize";
import type { ConsultationReader } from "~/consultations/reader";
import { resultsVisibleTo } from "~/participation/results";
import type { Shown } from "~/reports/small-cells";
import { countryName } from "~/platform/format";
import type { Direction, GroupLabel } from "~/opinion/index";
import { findOwnOpinionGroup, loadOpinionGroups, type GroupComposition } from "~/opinion/opinion-groups.server";
import {
  consensusView,
  directionShares,
  drawOpinionMap,
  participantsStillNeeded,
  prominentAnswers,
  shownGroupSizes,
  type OpinionMapDrawing,
} from "~/opinion/opinion-map";
import { ungroupedParticipants, type UNGROUPED } from "~/opinion/stored";

interface Updated {
  computedAt: string;
  voteCount: number;
}

export interface MapGroup {
  label: GroupLabel;
  /** Null when the small-cell rule withholds it, as in the report. */
  size: Shown;
  share: number | null;
  mostlyStakeholders: StakeholderGroup[];
  mostlyCountries: string[];
  /** The statement on which the group differs most from the others, if any is significant. */
  distinctive: { direction: Direction; title: LocalizedValue; shareInGroup: number; shareElsewhere: number } | null;
}

export interface CompositionView {
  /** Row names: stakeholder group keys, or country names in the reader's language. */
  answers: string[];
  /** Per answer, the shown count in each group (null reads "<5"), then the answer's total. */
  rows: { cells: Shown[]; total: Shown }[];
  groupTotals: Shown[];
  total: Shown;
}

export type OpinionMapSection =
  | { state: "hidden"; reason: "after-vote" | "after-close" }
  | { state: "pending" }
  | ({ state: "too-few"; needed: number; minParticipants: number; minVotes: number; placed: number } & Updated)
  | ({
      state: "ok";
      participantsPlaced: number;
      /** Placed but in no group (not drawn): their cluster was under `minGroupSize`. */
      ungrouped: number;
      minGroupSize: number;
      minVotes: number;
      smallCellThreshold: number;
      groups: MapGroup[];
      consensus: { priorityId: number; title: LocalizedValue; lowestAgree: number }[];
      drawing: OpinionMapDrawing;
      /** UNGROUPED ("none"): placed, but in no group. */
      ownGroup: GroupLabel | typeof UNGROUPED | null;
      stakeholders: CompositionView;
      countries: CompositionView;
    } & Updated);

/** Transposed for reading: one row per answer, one column per group. */
function compositionView(composition: GroupComposition, name: (answer: string) => string): CompositionView {
  const { categories, table } = composition;
  return {
    answers: categories.map(name),
    rows: categories.map((_, c) => ({
      cells: table.cells.map((row) => row[c] ?? null),
      total: table.columnTotals[c] ?? null,
    })),
    groupTotals: table.rowTotals,
    total: table.total,
  };
}

function prominentIn<C extends string>({ categories, table }: GroupComposition<C>, group: number): C[] {
  return prominentAnswers(categories, table.cells[group] ?? [], table.rowTotals[group] ?? null);
}

export async function loadOpinionMapSection(
  context: ConsultationReader,
  reader: { hasVoted: boolean },
): Promise<OpinionMapSection> {
  const { db, consultation, actor, language } = context;
  if (!resultsVisibleTo(consultation.resultsVisibility, { phase: consultation.phase, hasVoted: reader.hasVoted })) {
    return { state: "hidden", reason: consultation.resultsVisibility === "after_close" ? "after-close" : "after-vote" };
  }
  const view = await loadOpinionGroups(db, consultation.id);
  if (!view) return { state: "pending" };
  const { summary } = view;
  const updated = { computedAt: view.computedAt, voteCount: view.voteCount };
  if (summary.status !== "ok") {
    return {
      state: "too-few",
      ...updated,
      needed: participantsStillNeeded(summary),
      minParticipants: summary.minParticipants,
      minVotes: summary.minVotes,
      placed: summary.participantsPlaced,
    };
  }
  // Statements are read again: a priority hidden since the computation is left out of every sentence.
  const [approved, ownGroup] = await Promise.all([
    db
      .select({ id: priority.id, title: priority.title })
      .from(priority)
      .where(and(eq(priority.consultationId, consultation.id), eq(priority.status, "approved"))),
    actor.kind === "member" ? findOwnOpinionGroup(db, consultation.id, actor.userId) : null,
  ]);
  const titles = new Map(approved.map((p) => [p.id, localize(p.title, language, consultation.defaultLocale)]));
  const { stakeholderGroups, countries } = view.composition;
  const threshold = getEnv().SMALL_CELL_THRESHOLD;
  const sizes = shownGroupSizes(
    summary.groups.map((group) => group.size),
    threshold,
  );
  return {
    state: "ok",
    ...updated,
    participantsPlaced: summary.participantsPlaced,
    ...ungroupedParticipants(summary, threshold),
    minVotes: summary.minVotes,
    smallCellThreshold: threshold,
    groups: summary.groups.map((group, g) => {
      const distinctive = group.representative.find((r) => titles.has(r.priorityId));
      return {
        label: group.label,
        ...sizes.groups[g]!,
        mostlyStakeholders: prominentIn(stakeholderGroups, g),
        mostlyCountries: prominentIn(countries, g).map((code) => countryName(code, language)),
        distinctive: distinctive
          ? {
              direction: distinctive.direction,
              title: titles.get(distinctive.priorityId)!,
              ...directionShares(distinctive),
            }
          : null,
      };
    }),
    consensus: consensusView(summary.consensus, titles),
    drawing: drawOpinionMap(
      summary.points,
      summary.groups.map((group) => group.centroid),
      summary.groups.map((group) => group.label),
    ),
    ownGroup,
    stakeholders: compositionView(stakeholderGroups, (answer) => answer),
    countries: compositionView(countries, (code) => countryName(code, language)),
  };
}
