/**
 * The generic JSON webhook for any other SMS gateway: `{ "id", "from", "text" }`, signed with
 * X-Baraza-Gateway-Signature: sha256=<hex HMAC-SHA256 of the body under SMS_WEBHOOK_SECRET>; the
 * reply is in the answer, `{ "reply": … }`, for the gateway to send.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/platform/db.server";
import { gatewaySecret, plainText, smsSettings } from "~/web/gateway-callbacks.server";
import { sameSecret, webhookSignature, webhookSms } from "~/phones/gateways";
import { receiveSms } from "~/phones/sms.server";

export async function action({ request }: ActionFunctionArgs) {
  const { env, secret } = gatewaySecret("SMS_WEBHOOK_SECRET");
  const body = await request.text();
  const given = request.headers.get("X-Baraza-Gateway-Signature") ?? "";
  if (!sameSecret(webhookSignature(secret, body), given)) return plainText("Unauthorized\n", 401);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return plainText("Bad Request\n", 400);
  }
  const parsed = webhookSms.safeParse(json);
  if (!parsed.success) return plainText("Bad Request\n", 400);
  const { reply } = await receiveSms(await getDb(), await smsSettings(env, false), "webhook", parsed.data);
  return Response.json({ reply }, { headers: { "Cache-Control": "no-store" } });
}
