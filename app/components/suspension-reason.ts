import type { TFunction } from "i18next";

/**
 * A suspension's reason as the reader reads it: moderators choose it from a list (translated here);
 * a reason written by hand, as admins may, is shown as written.
 */
export function suspensionReasonText(t: TFunction, reason: string): string {
  return t(`moderation:reasons.${reason}`, { defaultValue: reason });
}
