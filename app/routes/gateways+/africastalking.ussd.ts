/**
 * Africa's Talking's USSD callback (form fields `sessionId`, `serviceCode`, `phoneNumber`, `text`),
 * answered in text/plain `CON …` (wait for input) or `END …`. Authenticated like its SMS callback
 * (`africasTalkingCallback`). The screen is a pure function of `text`
 * (app/phones/ussd-menu.ts), so a replayed request gets the same screen and its vote changes nothing.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "~/platform/db.server";
import { africasTalkingCallback, phoneTranslate, plainText } from "~/web/gateway-callbacks.server";
import { africasTalkingUssd } from "~/phones/gateways";
import { findOrCreatePhone, phoneNumberHash } from "~/phones/sms.server";
import { ussdScreen } from "~/phones/ussd-menu";
import { loadUssdWorld, runUssdEffect } from "~/phones/ussd.server";
import { consumeRateLimit } from "~/platform/rate-limit.server";

export async function action({ request }: ActionFunctionArgs) {
  const callback = await africasTalkingCallback(request, africasTalkingUssd);
  if (callback.refused) return callback.refused;
  const { env, data } = callback;
  const db = await getDb();
  const translate = await phoneTranslate();
  const sender = await findOrCreatePhone(db, phoneNumberHash(env.AUTH_SECRET, data.phoneNumber), data.phoneNumber);
  const screen = ussdScreen(await loadUssdWorld(db, sender), data.text, translate);
  if (!screen.effect || !screen.language) return plainText(screen.text);
  const limit = await consumeRateLimit(db, [
    ["messagePerPhone", sender.numberHash],
    ["messagePerGateway", "africastalking"],
  ]);
  if (!limit.allowed) return plainText(`END ${translate(screen.language, "phones:sms.errors.held")}`);
  const result = await runUssdEffect(db, sender, screen.effect, screen.language);
  if (result.ok) return plainText(screen.text);
  return plainText(`END ${translate(screen.language, `phones:sms.errors.${result.error}`, result.values)}`);
}
