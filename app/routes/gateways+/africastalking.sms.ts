/**
 * Africa's Talking's two-way SMS callback (form fields `from`, `to`, `text`, `date`, `id`). The
 * gateway signs nothing, so the callback URL carries AFRICASTALKING_CALLBACK_SECRET (`?secret=…`);
 * the reply goes back through the SMS outbox, since this callback's answer is not delivered.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/platform/db.server";
import { formFields, gatewaySecret, plainText, smsSettings } from "~/web/gateway-callbacks.server";
import { africasTalkingSms, sameSecret } from "~/phones/gateways";
import { receiveSms } from "~/phones/sms.server";

export async function action({ request }: ActionFunctionArgs) {
  const { env, secret } = gatewaySecret("AFRICASTALKING_CALLBACK_SECRET");
  if (!sameSecret(secret, new URL(request.url).searchParams.get("secret") ?? ""))
    return plainText("Unauthorized\n", 401);
  const parsed = africasTalkingSms.safeParse((await formFields(request)).fields);
  if (!parsed.success) return plainText("Bad Request\n", 400);
  await receiveSms(await getDb(), await smsSettings(env, true), "africastalking", parsed.data);
  return plainText("OK\n");
}
