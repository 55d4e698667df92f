import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CommentText } from "~/components/comment-text";
import type { PageHandle } from "~/components/page-title";
import { getDb } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { getLanguage } from "~/platform/i18n/i18n.server";
import { listRecentMail } from "~/platform/mail/outbox.server";
import { can, getRequestActor } from "~/platform/permissions.server";
import { formatDate } from "~/platform/format";
import { linkSegments } from "~/platform/linkify.server";

export const handle: PageHandle = { title: (t) => t("devOutbox.title") };

/**
 * Without SMTP_URL, mail is not sent anywhere, so it is shown here instead — to admins only: the
 * mails carry password-reset links, so anyone else reading them could take over any account.
 * Everyone else, and every deployment with a mail server, gets the same 404 as an unknown page.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (getEnv().SMTP_URL) throw notFound();
  const { actor } = await getRequestActor(request);
  if (!can(actor, "mail.outbox.read", null)) throw notFound();
  // `?to=` narrows the page to one address: a notification goes to every participant at once.
  const to = new URL(request.url).searchParams.get("to") || undefined;
  const [mails, language] = await Promise.all([listRecentMail(await getDb(), 50, to), getLanguage(request)]);
  return {
    language,
    mails: mails.map((m) => ({
      id: m.id,
      to: m.toAddress,
      subject: m.subject,
      // The links become clickable, so a developer can follow a reset link.
      text: linkSegments(m.textBody),
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

function notFound() {
  return new Response("Not Found", { status: 404 });
}

export const meta = () => [{ name: "robots", content: "noindex" }];

export default function DevOutboxPage() {
  const { t } = useTranslation();
  const { mails, language } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("devOutbox.title")}</h1>
      <p className="banner">{t("devOutbox.explanation")}</p>
      {mails.length === 0 ? <p className="empty">{t("devOutbox.empty")}</p> : null}
      <ol className="mails">
        {mails.map((mail) => (
          <li key={mail.id} className="card">
            <h2>{mail.subject}</h2>
            <p className="card__meta">
              <span>{t("devOutbox.to", { address: mail.to })}</span>
              <span>{formatDate(mail.createdAt, language)}</span>
            </p>
            <pre className="mail-body">
              <CommentText segments={mail.text} />
            </pre>
          </li>
        ))}
      </ol>
    </div>
  );
}
