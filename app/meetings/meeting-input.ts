/**
 * What a facilitator writes about a community meeting and what they type in for it: the meeting's
 * form and the contributions `storeMeetingContributions` (app/meetings/meetings.server.ts) stores,
 * shared by the meeting page's forms and the spreadsheet import. Messages are i18n keys.
 */
import countries from "i18n-iso-countries";
import { z } from "zod";
import { maxMeetingPeoplePresent, meetingMethods } from "~db/vocabulary";
import type { VoteValue } from "~db/schema";
import { supportedLanguages } from "~/platform/i18n/config";
import { rowId, trimmedText } from "~/platform/zod-fields";
import type { CommentStance } from "~/participation/comments.server";

export type MeetingMethod = (typeof meetingMethods)[number];

const maxPeoplePresent = maxMeetingPeoplePresent;

const countryCodes: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));

/** A whole number from a form field, `min` to `max`; blank counts as `blankAs` when given. */
export const wholeNumber = (min: number, max: number, message: string, blankAs?: number) =>
  z
    .string({ error: message })
    .trim()
    .transform((text) => (text === "" && blankAs !== undefined ? String(blankAs) : text))
    .pipe(
      z
        .string()
        .regex(/^\d{1,9}$/, message)
        .transform(Number)
        .pipe(z.number().min(min, message).max(max, message)),
    );

/** A calendar date as the date input sends it, a real one, not in the future (a meeting already held). */
const heldOn = z
  .string({ error: "meetings:errors.heldOn" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "meetings:errors.heldOn")
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  }, "meetings:errors.heldOn")
  // A day of slack: the facilitator's today may already be tomorrow in UTC.
  .refine((text) => new Date(`${text}T00:00:00Z`).getTime() <= Date.now() + 86_400_000, "meetings:errors.heldOnFuture");

export const meetingForm = z.object({
  heldOn,
  country: z
    .string({ error: "meetings:errors.country" })
    .refine((code) => countryCodes.has(code), "meetings:errors.country"),
  place: trimmedText(1, 200, "meetings:errors.place"),
  language: z.enum(supportedLanguages, { error: "meetings:errors.language" }),
  peoplePresent: wholeNumber(1, maxPeoplePresent, "meetings:errors.peoplePresent"),
  method: z.enum(meetingMethods, { error: "meetings:errors.method" }),
});

export type MeetingInput = z.infer<typeof meetingForm>;

/** Agree / disagree / pass counts for one priority: one vote row per person counted (decision 0038). */
export interface VoteCountsContribution {
  kind: "vote-counts";
  priorityId: number;
  agree: number;
  disagree: number;
  pass: number;
}

/**
 * One person's paper ballot: a vote on some priorities and, when the consultation has a points
 * ballot, points spread over some priorities within its budget. `ballotNumber` (1 to the people
 * present) is the number written on the paper, so the same paper is never entered twice.
 */
export interface PaperBallotContribution {
  kind: "paper-ballot";
  ballotNumber: number;
  votes: { priorityId: number; value: VoteValue }[];
  points: { priorityId: number; points: number }[];
}

/** A comment said at the meeting about a priority, in the language it was said in. */
export interface CommentContribution {
  kind: "comment";
  priorityId: number;
  body: string;
  stance: CommentStance | null;
  language: string;
}

export type MeetingContribution = VoteCountsContribution | PaperBallotContribution | CommentContribution;

export const priorityField = rowId("meetings:errors.priority");

const voteCount = wholeNumber(0, maxPeoplePresent, "meetings:errors.count", 0);

export const voteCountsForm = z
  .object({ priorityId: priorityField, agree: voteCount, disagree: voteCount, pass: voteCount })
  .refine((counts) => counts.agree + counts.disagree + counts.pass > 0, {
    message: "meetings:errors.noVotes",
    path: ["agree"],
  });

/**
 * Why `storeMeetingContributions` refused a batch, with the contribution at fault (`index`, 0-based,
 * in the order given) so the import can point at its row. Nothing of the batch is stored.
 */
export type MeetingRefusal =
  | { reason: "meeting-voided" }
  | { reason: "not-open" }
  | { reason: "unknown-priority"; index: number; priorityId: number }
  | { reason: "too-many-votes"; index: number; priorityId: number; left: number }
  | { reason: "too-many-comments"; index: number; priorityId: number; left: number }
  | { reason: "ballot-number-out-of-range"; index: number; ballotNumber: number; peoplePresent: number }
  | { reason: "ballot-number-used"; index: number; ballotNumber: number }
  | { reason: "same-priority-twice"; index: number; priorityId: number }
  | { reason: "no-points-ballot"; index: number }
  | { reason: "over-budget"; index: number; total: number; budget: number };

export type StoreContributionsResult =
  | { ok: true; votes: number; ballots: number; comments: { id: number; status: "pending" | "published" }[] }
  | ({ ok: false } & MeetingRefusal);
