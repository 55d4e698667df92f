/**
 * The name a comment is shown under: its author's, "a former participant" once they erased their
 * account, or, for a comment typed in for a community meeting, no one's (decision 0045): the
 * facilitator is not its author and the person who spoke has no account.
 */
export function authorLabel(
  comment: { authorName: string | null; fromMeeting: boolean },
  t: (key: "common:meetingParticipant" | "common:formerParticipant") => string,
): string {
  if (comment.fromMeeting) return t("common:meetingParticipant");
  return comment.authorName ?? t("common:formerParticipant");
}
