/** The consultation report's model: what the page shows, JSON-serialisable, shared by server and components. */
import type { InputChannel } from "~db/schema";
import type { ConsultationRow } from "~/consultations/consultations.server";
import type { LocalizedValue } from "~/platform/i18n/localize";
import type { Direction, GroupLabel } from "~/opinion";
import type { Interval, VoteCounts } from "~/participation/results";
import type { PresentedSegment } from "~/summaries/summaries.server";
import type { WeekBucket } from "~/reports/charts";
import type { ShownVoteCounts } from "~/reports/interest-split";
import type { Shown } from "~/reports/small-cells";

export const breakdownKeys = [
  "country",
  "region",
  "community",
  "stakeholderGroup",
  "language",
  "ageBand",
  "gender",
] as const;
export type BreakdownKey = (typeof breakdownKeys)[number];

/** The channels input comes by, in the order reports list them (db/schema.ts `input_channel`). */
export const reportChannels = ["web", "meeting", "sms", "ussd"] as const satisfies readonly InputChannel[];
/** What the channel breakdown counts per channel: votes, ballots cast and published comments. */
export const channelMeasures = ["votes", "ballots", "comments"] as const;
export type ChannelMeasure = (typeof channelMeasures)[number];

/**
 * Participation by channel: for each measure, one protected count per channel of `reportChannels`
 * and their total. Each measure is protected on its own: they are different things and no total
 * adds them up.
 */
export type ReportChannels = Record<ChannelMeasure, { cells: Shown[]; total: Shown }>;

/** Answer for a member who left the question blank (or gave a country outside the AU, for regions). */
export const NOT_STATED = "not-stated";
export const OUTSIDE_AU = "outside-au";

export interface ReportBreakdown {
  key: BreakdownKey;
  categories: string[];
  cells: Shown[];
  /** Null for regional economic communities: a country can belong to several, so they do not add up. */
  total: Shown;
}

export interface ReportPriority {
  id: number;
  title: LocalizedValue;
  counts: VoteCounts;
  total: number;
  agreeShare: number | null;
  agreeInterval: Interval | null;
  ballotPoints: number;
  withoutInterest: { counts: ShownVoteCounts; total: Shown; agreeShare: number | null; agreeInterval: Interval | null };
}

/** A statement on which a group differs from the others: the share of the group, and of the others, voting `direction`. */
export interface ReportRepresentative {
  priorityId: number;
  title: LocalizedValue;
  direction: Direction;
  shareInGroup: number;
  shareElsewhere: number;
}

/** The stored opinion groups (never computed for the report); only approved priorities are named. */
export type ReportOpinionGroups =
  | { state: "none" }
  | {
      state: "too-few";
      computedAt: string;
      voteCount: number;
      minParticipants: number;
      minVotes: number;
      placed: number;
      needed: number;
    }
  | {
      state: "ok";
      computedAt: string;
      voteCount: number;
      participantsPlaced: Shown;
      /** Participants who voted enough but are in no group, their cluster being under `minGroupSize`. */
      ungrouped: number;
      minGroupSize: number;
      /** Sizes under the small-cell rule; the share is null when the size is withheld. */
      groups: { label: GroupLabel; size: Shown; share: number | null; representative: ReportRepresentative[] }[];
      consensus: { priorityId: number; title: LocalizedValue; lowestAgree: number }[];
    };

export interface ConsultationReport {
  consultation: {
    slug: string;
    title: LocalizedValue;
    summary: LocalizedValue;
    phase: ConsultationRow["phase"];
    moderationMode: ConsultationRow["moderationMode"];
    opensAt: string | null;
    closesAt: string | null;
    ballotBudget: number | null;
  };
  generatedAt: string;
  smallCellThreshold: number;
  figures: {
    participants: number;
    votes: number;
    commentsReceived: number;
    commentsPublished: number;
    proposals: number;
    priorities: number;
  };
  weekly: WeekBucket<"votes" | "comments">[];
  breakdowns: ReportBreakdown[];
  channels: ReportChannels;
  priorities: ReportPriority[];
  summaries: { priorityId: number | null; language: string; isFallback: boolean; segments: PresentedSegment[] }[];
  responses: {
    id: number;
    title: LocalizedValue;
    publishedAt: string | null;
    commitments: { id: number; what: LocalizedValue; who: LocalizedValue; dueOn: string | null; status: string }[];
  }[];
  opinionGroups: ReportOpinionGroups;
  moderation: {
    received: number;
    published: number;
    pending: number;
    hidden: number;
    hiddenByReason: { reason: string; count: number }[];
  };
}
