import { useTranslation } from "react-i18next";

/**
 * The name shown for whoever wrote a comment: their name, else for a phone without an account "a
 * participant by SMS / by USSD" (never the number), else "a former participant" (an erased
 * account whose comments stayed).
 */
export function useAuthorName(): (author: { authorName: string | null; channel?: string | null }) => string {
  const { t } = useTranslation("common");
  return ({ authorName, channel }) => {
    if (authorName) return authorName;
    if (channel === "sms" || channel === "ussd") return t(`common:phoneParticipant.${channel}`);
    return t("common:formerParticipant");
  };
}
