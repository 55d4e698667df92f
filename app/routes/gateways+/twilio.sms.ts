/**
 * Twilio's incoming-message webhook (form fields `From`, `Body`, `MessageSid`…), answered in TwiML.
 * Twilio signs the URL it called and the sorted fields with the account's auth token
 * (X-Twilio-Signature); the URL is rebuilt from BASE_URL, the address Twilio was given.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/platform/db.server";
import { formFields, gatewaySecret, plainText, smsSettings } from "~/web/gateway-callbacks.server";
import { sameSecret, twilioSignature, twilioSms, twiml } from "~/phones/gateways";
import { receiveSms } from "~/phones/sms.server";

export async function action({ request }: ActionFunctionArgs) {
  const { env, secret } = gatewaySecret("TWILIO_AUTH_TOKEN");
  const url = new URL(request.url);
  const { entries, fields } = await formFields(request);
  const expected = twilioSignature(secret, `${new URL(env.BASE_URL).origin}${url.pathname}${url.search}`, entries);
  if (!sameSecret(expected, request.headers.get("X-Twilio-Signature") ?? "")) return plainText("Unauthorized\n", 401);
  const parsed = twilioSms.safeParse(fields);
  if (!parsed.success) return plainText("Bad Request\n", 400);
  const { reply } = await receiveSms(await getDb(), await smsSettings(env, false), "twilio", parsed.data);
  return new Response(twiml(reply), {
    headers: { "Content-Type": "text/xml; charset=utf-8", "Cache-Control": "no-store" },
  });
}
