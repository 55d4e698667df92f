/** What a notification says, the same in the list and in its e-mail: pure, for any `t` and language. */
import type { TFunction } from "i18next";
import type { LocalizedText } from "~db/schema";
import { localize } from "~/platform/i18n/localize";

export const notificationKinds = ["summary-published", "response-published", "commitment-status"] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const commitmentStatuses = ["planned", "in_progress", "done", "dropped"] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];

/** Stored with each notification: everything needed to describe it later, in any language. */
export interface NotificationPayload {
  consultationSlug: string;
  consultationTitle: LocalizedText;
  consultationLocale: string;
  /** What the event is about: the response's title, the commitment's "what". */
  title?: LocalizedText;
  status?: CommitmentStatus;
}

/** The page the notification leads to. */
export function notificationPath(kind: NotificationKind, payload: NotificationPayload): string {
  const consultationPath = `/c/${payload.consultationSlug}`;
  return kind === "summary-published" ? `${consultationPath}/summary` : `${consultationPath}/responses`;
}

/** One sentence saying what happened, in `language` (needs the notifications and responses namespaces). */
export function describeNotification(
  t: TFunction,
  kind: NotificationKind,
  payload: NotificationPayload,
  language: string,
): string {
  const text = (value: LocalizedText | undefined) =>
    value ? localize(value, language, payload.consultationLocale).text : "";
  return t(`notifications:event.${kind}`, {
    consultation: text(payload.consultationTitle),
    title: text(payload.title),
    status: payload.status ? t(`responses:status.${payload.status}`) : "",
  });
}
