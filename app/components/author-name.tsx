import { useTranslation } from "react-i18next";

/**
 * The name shown for whoever wrote a comment: their name, else for a phone without an account "a
 * participant by SMS / by USSD" (never the number), for a comment typed in for a community meeting
 * no one's (decision 0045: the facilitator is not its author, the person who spoke has no account),
 * else "a former participant" (an erased account whose comments stayed).
 */
export function useAuthorName(): (author: { authorName: string | null; channel?: string | null }) => string {
  const { t } = useTranslation("common");
  return ({ authorName, channel }) => {
    if (channel === "meeting") return t("common:meetingParticipant");
    if (authorName) return authorName;
    if (channel === "sms" || channel === "ussd") return t(`common:phoneParticipant.${channel}`);
    return t("common:formerParticipant");
  };
}
