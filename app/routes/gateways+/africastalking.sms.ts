/**
 * Africa's Talking's two-way SMS callback (form fields `from`, `to`, `text`, `date`, `id`). The
 * gateway signs nothing, so the callback URL carries AFRICASTALKING_CALLBACK_SECRET (`?secret=…`);
 * the reply goes back through the SMS outbox, since this callback's answer is not delivered.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/platform/db.server";
import { africasTalkingCallback, plainText, smsSettings } from "~/web/gateway-callbacks.server";
import { africasTalkingSms } from "~/phones/gateways";
import { receiveSms } from "~/phones/sms.server";

export async function action({ request }: ActionFunctionArgs) {
  const callback = await africasTalkingCallback(request, africasTalkingSms);
  if (callback.refused) return callback.refused;
  await receiveSms(await getDb(), await smsSettings(callback.env, true), "africastalking", callback.data);
  return plainText("OK\n");
}
