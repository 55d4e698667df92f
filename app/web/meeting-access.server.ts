/**
 * Who reaches the meeting pages (decision 0045): facilitators see their own meetings, the
 * consultation's moderators (and admins) see everyone's; a meeting's input is typed in by its own
 * facilitator only. Every answer goes through the permission table.
 */
import type { MeetingRow } from "~/meetings/meetings.server";
import { findMeeting } from "~/meetings/meetings.server";
import { can, type Member } from "~/platform/permissions.server";
import { rowId } from "~/platform/zod-fields";
import type { ConsultationContext } from "~/web/consultation-context.server";
import { refuse } from "~/web/guard.server";

/** The list of meetings: a facilitator's own, or, for moderators, everyone's. */
export function requireMeetingsList(request: Request, context: ConsultationContext) {
  const { actor, scope } = context;
  const seesAll = can(actor, "moderation.queue", scope);
  const mayRecord = can(actor, "offline.enter", scope);
  if (actor.kind !== "member" || !(seesAll || mayRecord)) refuse(request, actor, "offline.enter", scope);
  return { actor, seesAll, mayRecord };
}

const meetingIdParam = rowId("meetings:errors.unknownMeeting");

/**
 * The meeting the address names, for someone who may read it; 404 for an id that is not this
 * consultation's and, so as not to tell which ids exist, for a member who may not read it.
 */
export async function requireMeeting(
  request: Request,
  context: ConsultationContext,
  meetingIdText: string | undefined,
): Promise<{ actor: Member; meeting: MeetingRow; mayEnter: boolean; mayVoid: boolean }> {
  const { actor, scope, db } = context;
  const id = meetingIdParam.safeParse(meetingIdText);
  const found = id.success ? await findMeeting(db, scope.id, id.data) : null;
  const owned = { consultation: scope, authorId: found?.facilitatorId ?? null };
  if (actor.kind !== "member") refuse(request, actor, "meeting.read", owned);
  if (!found || !can(actor, "meeting.read", owned)) throw new Response("Not Found", { status: 404 });
  return {
    actor,
    meeting: found,
    mayEnter: found.status === "recorded" && can(actor, "meeting.enter", owned),
    mayVoid: found.status === "recorded" && can(actor, "moderation.act", scope),
  };
}
