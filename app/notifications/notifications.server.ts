/**
 * Notifying the members who took part in a consultation (voted, allocated ballot points, commented or
 * proposed) when something comes back to them: a published summary, a response, a commitment's progress.
 * Called inside the transaction of the event, so an event and its notifications exist together or not
 * at all; the unique (user, event) index and the outbox dedupe key make a retried call harmless.
 */
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { consultation, notification } from "~db/schema";
import { queryRows, type Queryable } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { isSupportedLanguage, type Language } from "~/platform/i18n/config";
import { i18nServer } from "~/platform/i18n/i18n.server";
import { queueMails } from "~/platform/mail/outbox.server";
import {
  describeNotification,
  notificationPath,
  type NotificationKind,
  type NotificationPayload,
} from "~/notifications/notification-text";
import { oneClickUnsubscribeLink, unsubscribeLink } from "~/notifications/unsubscribe-token.server";

export interface NotificationEvent {
  kind: NotificationKind;
  consultationId: number;
  /** Names the event once and for all, e.g. `response-published:12`. */
  eventKey: string;
  payload?: Pick<NotificationPayload, "title" | "status">;
}

/** Everyone who took part in the consultation, once each. */
function participantsOf(consultationId: number) {
  return sql`(
    select user_id from vote where consultation_id = ${consultationId} and user_id is not null
    union select user_id from ballot_allocation where consultation_id = ${consultationId} and user_id is not null
    union select author_id from comment where consultation_id = ${consultationId} and author_id is not null
    union select proposed_by_id from priority
      where consultation_id = ${consultationId} and proposed_by_id is not null
  )`;
}

/** Returns how many in-app notifications and e-mails this call added (0 and 0 when repeated). */
export async function notifyParticipants(
  tx: Queryable,
  event: NotificationEvent,
): Promise<{ inApp: number; mails: number }> {
  const [target] = await tx
    .select({ slug: consultation.slug, title: consultation.title, defaultLocale: consultation.defaultLocale })
    .from(consultation)
    .where(eq(consultation.id, event.consultationId));
  if (!target) throw new Error(`notifyParticipants: no consultation ${event.consultationId}`);
  const payload: NotificationPayload = {
    consultationSlug: target.slug,
    consultationTitle: target.title,
    consultationLocale: target.defaultLocale,
    ...event.payload,
  };
  const participants = participantsOf(event.consultationId);

  // One statement however many participants there are.
  const inApp = await queryRows<{ id: number }>(
    tx,
    sql`insert into notification (user_id, kind, event_key, consultation_id, payload)
        select p.user_id, ${event.kind}, ${event.eventKey}, ${event.consultationId}, ${JSON.stringify(payload)}::jsonb
        from ${participants} as p(user_id)
        left join profile on profile.user_id = p.user_id
        where coalesce(profile.notify_in_app, true)
        on conflict (user_id, event_key) do nothing
        returning id`,
  );

  const recipients = await queryRows<{ user_id: string; email: string; language: string | null }>(
    tx,
    sql`select u.id as user_id, u.email, profile.preferred_language as language
        from ${participants} as p(user_id)
        join "user" u on u.id = p.user_id
        left join profile on profile.user_id = p.user_id
        where coalesce(profile.notify_by_email, true)
          and not exists (select 1 from outbox_mail o where o.dedupe_key = ${`${event.eventKey}:`} || u.id)`,
  );
  const defaultLanguage: Language = isSupportedLanguage(target.defaultLocale) ? target.defaultLocale : "en";
  const link = new URL(notificationPath(event.kind, payload), getEnv().BASE_URL).toString();
  const texts = new Map<Language, { subject: string; body: string }>();
  const textIn = async (language: Language) => {
    let found = texts.get(language);
    if (!found) {
      const t = await i18nServer.getFixedT(language, ["notifications", "responses"]);
      const subject = describeNotification(t, event.kind, payload, language);
      // The placeholder is replaced by each member's own link.
      found = {
        subject,
        body: t("notifications:mail.body", { event: subject, link, unsubscribe: unsubscribePlaceholder }),
      };
      texts.set(language, found);
    }
    return found;
  };
  const mails = [];
  for (const recipient of recipients) {
    const language = isSupportedLanguage(recipient.language) ? recipient.language : defaultLanguage;
    const { subject, body } = await textIn(language);
    mails.push({
      dedupeKey: mailDedupeKey(event.eventKey, recipient.user_id),
      to: recipient.email,
      subject,
      text: body.replace(unsubscribePlaceholder, unsubscribeLink(recipient.user_id)),
      listUnsubscribeUrl: oneClickUnsubscribeLink(recipient.user_id),
    });
  }
  const queued = await queueMails(tx, mails);
  return { inApp: inApp.length, mails: queued };
}

export function mailDedupeKey(eventKey: string, userId: string): string {
  return `${eventKey}:${userId}`;
}

const unsubscribePlaceholder = "%UNSUBSCRIBE%";

export const notificationsPerPage = 20;

/** A member's notifications, newest first, one page at a time (pages count from 1). */
export async function listNotifications(db: Queryable, userId: string, page = 1) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(notification)
      .where(eq(notification.userId, userId))
      .orderBy(desc(notification.createdAt), desc(notification.id))
      .limit(notificationsPerPage)
      .offset((Math.max(1, page) - 1) * notificationsPerPage),
    db.select({ total: count() }).from(notification).where(eq(notification.userId, userId)),
  ]);
  return {
    notifications: rows.map((row) => ({ ...row, payload: row.payload as unknown as NotificationPayload })),
    total: total?.total ?? 0,
  };
}

/** For the site header: one indexed count. */
export async function countUnread(db: Queryable, userId: string): Promise<number> {
  const [row] = await db
    .select({ unread: count() })
    .from(notification)
    .where(and(eq(notification.userId, userId), isNull(notification.readAt)));
  return row?.unread ?? 0;
}

/** Marks one of the member's notifications read, or all of them when `notificationId` is omitted. */
export async function markRead(db: Queryable, userId: string, notificationId?: number): Promise<number> {
  const rows = await db
    .update(notification)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notification.userId, userId),
        isNull(notification.readAt),
        notificationId === undefined ? undefined : eq(notification.id, notificationId),
      ),
    )
    .returning({ id: notification.id });
  return rows.length;
}

/** What the unsubscribe link does: no more notification e-mails (in-app notifications stay as they were). */
export async function turnOffEmailNotifications(db: Queryable, userId: string): Promise<void> {
  // Through the user table, so a token of a since-erased account changes nothing instead of failing.
  await db.execute(
    sql`insert into profile (user_id, notify_by_email) select id, false from "user" where id = ${userId}
        on conflict (user_id) do update set notify_by_email = false, updated_at = now()`,
  );
}
