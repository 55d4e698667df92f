import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageHandle } from "~/components/page-title";
import { getDb } from "~/platform/db.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { describeNotification, notificationPath } from "~/notifications/notification-text";
import { listNotifications, markRead, notificationsPerPage } from "~/notifications/notifications.server";
import { requireMember } from "~/web/guard.server";
import { formatDate } from "~/platform/format";
import { formFailure } from "~/web/form-failures.server";
import { backTo, respondSuccess } from "~/web/respond.server";
import { FormToken } from "~/security/form-guards";
import { rowId } from "~/platform/zod-fields";

/** Beyond PostgreSQL's integer the query itself would fail: such an id is refused like an unknown one. */
const notificationId = rowId("notifications:errors.notFound");

export const handle: PageHandle = { title: (t) => t("notifications:title") };

function pageOf(request: Request): number {
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireMember(request);
  const page = pageOf(request);
  const [language, db] = await Promise.all([getLanguage(request), getDb()]);
  const { notifications, total } = await listNotifications(db, actor.userId, page);
  return {
    language,
    page,
    pageCount: Math.max(1, Math.ceil(total / notificationsPerPage)),
    notifications: notifications.map((n) => ({
      id: n.id,
      kind: n.kind,
      payload: n.payload,
      read: n.readAt !== null,
      createdAt: n.createdAt.toISOString(),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireMember(request);
  const formData = await request.formData();
  const db = await getDb();
  if (formData.get("intent") === "read-all") {
    await markRead(db, actor.userId);
  } else if (formData.get("intent") === "read") {
    const id = notificationId.safeParse(formData.get("notificationId"));
    if (!id.success) {
      return formFailure(formData, { fieldErrors: {}, formError: "notifications:errors.notFound" }, 400);
    }
    await markRead(db, actor.userId, id.data);
  } else {
    return formFailure(formData, { fieldErrors: {}, formError: "notifications:errors.unknownAction" }, 400);
  }
  return respondSuccess(formData, {
    redirectTo: backTo(request),
    flash: { message: "notifications:flash.marked" },
    result: null,
  });
}

export default function NotificationsPage() {
  const { t } = useTranslation(["notifications", "responses"]);
  const { notifications, language, page, pageCount } = useLoaderData<typeof loader>();
  const hasUnread = notifications.some((n) => !n.read);
  return (
    <article className="page notifications-page">
      <h1>{t("title")}</h1>
      <p className="lead">
        {t("intro")} <Link to="/profile">{t("preferencesLink")}</Link>
      </p>
      {hasUnread ? (
        <Form method="post">
          <FormToken />
          <input type="hidden" name="intent" value="read-all" />
          <button type="submit" className="button button--small">
            {t("markAllRead")}
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? <p className="empty">{t("empty")}</p> : null}
      <ol className="notifications">
        {notifications.map((n) => (
          <li key={n.id} className={n.read ? "card notification" : "card notification notification--unread"}>
            <p>
              {n.read ? null : <strong className="tag">{t("unread")}</strong>}{" "}
              <Link to={notificationPath(n.kind, n.payload)}>
                {describeNotification(t, n.kind, n.payload, language)}
              </Link>
            </p>
            <p className="card__meta">
              <time dateTime={n.createdAt}>{formatDate(n.createdAt, language)}</time>
            </p>
            {n.read ? null : (
              <Form method="post">
                <FormToken />
                <input type="hidden" name="intent" value="read" />
                <input type="hidden" name="notificationId" value={n.id} />
                <button type="submit" className="link-button">
                  {t("markRead")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ol>
      {pageCount > 1 ? (
        <nav aria-label={t("pagination")} className="pagination">
          {page > 1 ? <Link to={`?page=${page - 1}`}>{t("previous")}</Link> : null}{" "}
          <span>{t("pageOf", { page, count: pageCount })}</span>{" "}
          {page < pageCount ? <Link to={`?page=${page + 1}`}>{t("next")}</Link> : null}
        </nav>
      ) : null}
    </article>
  );
}
