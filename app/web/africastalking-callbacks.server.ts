/**
 * Africa's Talking's two callbacks, answered: the routes in app/routes/gateways+ hand them the
 * gateway's request, and the phone simulator (docs/decisions/0049) hands them the same request built
 * in-process, with the secret it signed it with.
 */
import { getDb } from "~/platform/db.server";
import { africasTalkingCallback, phoneTranslate, plainText, smsSettings } from "~/web/gateway-callbacks.server";
import { africasTalkingSms, africasTalkingUssd } from "~/phones/gateways";
import { findOrCreatePhone, phoneNumberHash, receiveSms } from "~/phones/sms.server";
import { ussdScreen } from "~/phones/ussd-menu";
import { loadUssdWorld, runUssdEffect } from "~/phones/ussd.server";
import { consumeRateLimit } from "~/platform/rate-limit.server";

/** The two-way SMS callback: its reply goes back through the SMS outbox, since this answer is not delivered. */
export async function answerAfricasTalkingSms(request: Request, secret?: string): Promise<Response> {
  const callback = await africasTalkingCallback(request, africasTalkingSms, secret);
  if (callback.refused) return callback.refused;
  await receiveSms(await getDb(), await smsSettings(callback.env, true), "africastalking", callback.data);
  return plainText("OK\n");
}

/**
 * The USSD callback, answered in text/plain `CON …` (wait for input) or `END …`. The screen is a pure
 * function of `text` (app/phones/ussd-menu.ts), so a replayed request gets the same screen and its
 * vote changes nothing.
 */
export async function answerAfricasTalkingUssd(request: Request, secret?: string): Promise<Response> {
  const callback = await africasTalkingCallback(request, africasTalkingUssd, secret);
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
  if (result.ok) return plainText(result.held && screen.heldText ? screen.heldText : screen.text);
  return plainText(`END ${translate(screen.language, `phones:sms.errors.${result.error}`, result.values)}`);
}
