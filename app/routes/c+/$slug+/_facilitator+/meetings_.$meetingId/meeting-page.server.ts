/**
 * The meeting page's loader and the answers to its forms: vote counts, a paper ballot, a comment,
 * and voiding the meeting. Each form's values are parsed here; the limits are the domain's
 * (app/meetings/meetings.server.ts), whose refusals come back as the form's translated error.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { priority, user, voteValue } from "~db/schema";
import { maxMeetingPeoplePresent } from "~db/vocabulary";
import {
  priorityField,
  voteCountsForm,
  wholeNumber,
  type MeetingContribution,
  type MeetingRefusal,
} from "~/meetings/meeting-input";
import {
  listMeetingComments,
  meetingEntries,
  storeMeetingContributions,
  voidMeeting,
  votesOnPriority,
} from "~/meetings/meetings.server";
import { parseBallotForm } from "~/participation/ballot.server";
import { commentForm } from "~/participation/comments.server";
import { countryName } from "~/platform/format";
import { localize } from "~/platform/i18n/localize";
import { trimmedText } from "~/platform/zod-fields";
import {
  loadConsultationContext,
  loadConsultationContextOnce,
  type ConsultationContext,
} from "~/web/consultation-context.server";
import { redirectWithFlash } from "~/web/flash.server";
import { formFailure } from "~/web/form-failures.server";
import { parseSubmission } from "~/web/forms.server";
import { requireConsultationAbility } from "~/web/guard.server";
import { requireMeeting } from "~/web/meeting-access.server";

export const entryIntents = ["votes", "ballot", "comment"] as const;

export async function loadMeetingPage(args: LoaderFunctionArgs) {
  const context = await loadConsultationContextOnce(args);
  const { meeting, mayEnter, mayVoid } = await requireMeeting(args.request, context, args.params.meetingId);
  const { db, consultation: row, language } = context;
  const [priorities, entries, comments, [facilitator]] = await Promise.all([
    db
      .select({ id: priority.id, title: priority.title })
      .from(priority)
      .where(and(eq(priority.consultationId, row.id), eq(priority.status, "approved")))
      .orderBy(asc(priority.position), asc(priority.id)),
    meetingEntries(db, meeting.id),
    listMeetingComments(db, meeting.id),
    meeting.facilitatorId
      ? db.select({ name: user.name }).from(user).where(eq(user.id, meeting.facilitatorId))
      : Promise.resolve([]),
  ]);
  const titles = new Map(priorities.map((p) => [p.id, localize(p.title, language, row.defaultLocale)]));
  const present = meeting.peoplePresent;
  return {
    slug: row.slug,
    language,
    mayEnter,
    mayVoid,
    budget: row.ballotBudget,
    meeting: {
      id: meeting.id,
      heldOn: meeting.heldOn,
      country: countryName(meeting.country, language),
      place: meeting.place,
      language: meeting.language,
      peoplePresent: present,
      method: meeting.method,
      status: meeting.status,
      voidedReason: meeting.voidedReason,
      voidedAt: meeting.voidedAt?.toISOString() ?? null,
      facilitator: facilitator?.name ?? null,
    },
    priorities: priorities.map((p) => {
      const entry = entries.perPriority.get(p.id) ?? { agree: 0, disagree: 0, pass: 0, comments: 0 };
      return {
        id: p.id,
        title: titles.get(p.id)!,
        ...entry,
        votesLeft: present - votesOnPriority(entry),
        commentsLeft: present - entry.comments,
      };
    }),
    ballotNumbersUsed: [...entries.ballotNumbers].sort((a, b) => a - b),
    comments: comments.map((c) => ({
      ...c,
      priority: c.priorityId === null ? null : (titles.get(c.priorityId) ?? null),
    })),
  };
}

export type MeetingPageData = Awaited<ReturnType<typeof loadMeetingPage>>;

const voteFieldPrefix = "vote.";

const ballotForm = z.object({ ballotNumber: wholeNumber(1, maxMeetingPeoplePresent, "meetings:errors.ballotNumber") });

const ballotVote = z.enum(["", ...voteValue.enumValues], { error: "meetings:errors.voteValue" });

/** The paper ballot form: its number, a `vote.<priority id>` choice and a `points.<priority id>` field per priority. */
function parsePaperBallot(formData: FormData) {
  const parsed = parseSubmission(ballotForm, formData);
  if (!parsed.ok) return parsed;
  const points = parseBallotForm(formData);
  if (!points.ok) {
    return {
      ok: false as const,
      answer: formFailure(formData, { fieldErrors: points.fieldErrors, formError: points.formError }),
    };
  }
  const votes: { priorityId: number; value: (typeof voteValue.enumValues)[number] }[] = [];
  for (const [name, value] of formData) {
    if (!name.startsWith(voteFieldPrefix)) continue;
    const id = priorityField.safeParse(name.slice(voteFieldPrefix.length));
    const choice = ballotVote.safeParse(value);
    if (!id.success || !choice.success) {
      return {
        ok: false as const,
        answer: formFailure(formData, { fieldErrors: { [name]: "meetings:errors.voteValue" } }),
      };
    }
    if (choice.data !== "") votes.push({ priorityId: id.data, value: choice.data });
  }
  const given = points.allocations.filter((allocation) => allocation.points > 0);
  if (votes.length === 0 && given.length === 0) {
    return {
      ok: false as const,
      answer: formFailure(formData, { fieldErrors: {}, formError: "meetings:errors.emptyBallot" }),
    };
  }
  const ballot: MeetingContribution = {
    kind: "paper-ballot",
    ballotNumber: parsed.data.ballotNumber,
    votes,
    points: given,
  };
  return { ok: true as const, data: ballot };
}

const meetingCommentForm = commentForm
  .pick({ body: true, stance: true, language: true })
  .extend({ priorityId: priorityField });

const voidForm = z.object({
  reason: trimmedText(3, 500, "meetings:errors.voidReason"),
  confirm: z.literal("yes", { error: "meetings:errors.voidConfirm" }),
});

/** The form's contribution, or the 400 answer to what was posted. */
function parseContribution(intent: (typeof entryIntents)[number], formData: FormData) {
  if (intent === "ballot") return parsePaperBallot(formData);
  if (intent === "votes") {
    const parsed = parseSubmission(voteCountsForm, formData);
    return parsed.ok ? { ok: true as const, data: { kind: "vote-counts" as const, ...parsed.data } } : parsed;
  }
  const parsed = parseSubmission(meetingCommentForm, formData);
  return parsed.ok ? { ok: true as const, data: { kind: "comment" as const, ...parsed.data } } : parsed;
}

/** A refusal's figures, for its translated message ("only 3 more votes on this priority"). */
function refusalAnswer(formData: FormData, refusal: MeetingRefusal) {
  const { reason, ...values } = refusal;
  const status = reason === "unknown-priority" ? 400 : 409;
  return formFailure(
    formData,
    { fieldErrors: {}, formError: `meetings:refusals.${reason}`, formErrorValues: values },
    status,
  );
}

const flashes = {
  votes: "meetings:flash.votes",
  ballot: "meetings:flash.ballot",
  comment: "meetings:flash.comment",
} as const;

export async function answerMeetingPost({ request, params }: ActionFunctionArgs) {
  const context: ConsultationContext = await loadConsultationContext(request, params.slug);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const page = `/c/${context.consultation.slug}/meetings/${params.meetingId}`;
  if (intent === "void") return answerVoid(request, context, params.meetingId, formData, page);
  const entryIntent = entryIntents.find((known) => known === intent);
  if (!entryIntent) return formFailure(formData, { fieldErrors: {}, formError: "meetings:errors.unknownAction" });
  const { actor, meeting, mayEnter } = await requireMeeting(request, context, params.meetingId);
  if (!mayEnter) {
    if (meeting.status === "voided") return refusalAnswer(formData, { reason: "meeting-voided" });
    requireConsultationAbility(request, context, "offline.enter");
    return formFailure(formData, { fieldErrors: {}, formError: "meetings:errors.notYourMeeting" }, 403);
  }
  const parsed = parseContribution(entryIntent, formData);
  if (!parsed.ok) return parsed.answer;
  const stored = await storeMeetingContributions(context.db, meeting, [parsed.data], { enteredById: actor.userId });
  if (!stored.ok) return refusalAnswer(formData, stored);
  const pending = stored.comments.some((c) => c.status === "pending");
  return redirectWithFlash(`${page}#entries-heading`, {
    message: pending ? "meetings:flash.commentPending" : flashes[entryIntent],
  });
}

async function answerVoid(
  request: Request,
  context: ConsultationContext,
  meetingIdText: string | undefined,
  formData: FormData,
  page: string,
) {
  const { meeting, mayVoid } = await requireMeeting(request, context, meetingIdText);
  const moderator = requireConsultationAbility(request, context, "moderation.act");
  if (!mayVoid) return refusalAnswer(formData, { reason: "meeting-voided" });
  const parsed = parseSubmission(voidForm, formData);
  if (!parsed.ok) return parsed.answer;
  const result = await voidMeeting(context.db, {
    consultationId: context.consultation.id,
    meetingId: meeting.id,
    moderatorId: moderator.userId,
    reason: parsed.data.reason,
  });
  if (!result.ok) return refusalAnswer(formData, { reason: "meeting-voided" });
  return redirectWithFlash(page, { message: "meetings:flash.voided" });
}
