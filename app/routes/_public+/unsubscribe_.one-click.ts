/**
 * One-click unsubscribe (RFC 8058), the address of a notification mail's `List-Unsubscribe` header.
 * A mail client posts `List-Unsubscribe=One-Click` here, from outside any browser session: no Origin,
 * no form token. The signed token in the address is the authentication (it names the member, expires,
 * and only ever turns e-mail notifications off), so this path is exempt from the form-token check
 * (`csrfExemptPaths` in server/csrf.ts). Opened in a browser (GET), it leads to the ordinary page,
 * which asks before doing anything: mail scanners follow links.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getDb } from "~/platform/db.server";
import { turnOffEmailNotifications } from "~/notifications/notifications.server";
import { verifyUnsubscribeToken } from "~/notifications/unsubscribe-token.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return redirect(`/unsubscribe?token=${encodeURIComponent(token)}`);
}

const plain = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function action({ request }: ActionFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const formData = await request.formData();
  if (formData.get("List-Unsubscribe") !== "One-Click") return plain("Expected List-Unsubscribe=One-Click\n", 400);
  const check = verifyUnsubscribeToken(token);
  if (!check.ok) return plain(`Unsubscribe link ${check.reason}\n`, 400);
  await turnOffEmailNotifications(await getDb(), check.userId);
  return plain("Unsubscribed from e-mail notifications\n", 200);
}
