/**
 * Africa's Talking's two-way SMS callback (form fields `from`, `to`, `text`, `date`, `id`). The
 * gateway signs nothing, so the callback URL carries AFRICASTALKING_CALLBACK_SECRET (`?secret=…`);
 * the reply goes back through the SMS outbox, since this callback's answer is not delivered.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { answerAfricasTalkingSms } from "~/web/africastalking-callbacks.server";

export async function action({ request }: ActionFunctionArgs) {
  return answerAfricasTalkingSms(request);
}
