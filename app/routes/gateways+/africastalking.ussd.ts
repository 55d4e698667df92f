/**
 * Africa's Talking's USSD callback (form fields `sessionId`, `serviceCode`, `phoneNumber`, `text`),
 * answered in text/plain `CON …` (wait for input) or `END …`. Authenticated like its SMS callback
 * (`africasTalkingCallback`).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { answerAfricasTalkingUssd } from "~/web/africastalking-callbacks.server";

export async function action({ request }: ActionFunctionArgs) {
  return answerAfricasTalkingUssd(request);
}
