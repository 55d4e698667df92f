/**
 * What the gateway callbacks (app/routes/gateways.*) share: the switch that turns a gateway on, the
 * translator of replies, and plain answers; HTTP answers, so they live at the web edge. The callbacks take posts from outside any browser, so
 * they are exempt from the form-token check (server/csrf.ts) and authenticate the gateway instead.
 */
import type { z } from "zod";
import { getEnv, type Env } from "~/platform/env.server";
import { createI18nInstance } from "~/platform/i18n/i18n.server";
import { sameSecret } from "~/phones/gateways";
import type { SmsSettings } from "~/phones/sms.server";
import type { Translate } from "~/phones/ussd-menu";

let translator: Promise<Translate> | undefined;

/** One i18next instance for every reply: replies are in the sender's language, not the request's. */
export function phoneTranslate(): Promise<Translate> {
  translator ??= createI18nInstance("en").then(
    (i18n) => (language, key, values) => i18n.getFixedT(language)(key, values),
  );
  return translator;
}

/** The gateway's secret, or a 404 when the gateway is not configured: it does not exist then. */
export function gatewaySecret(name: "AFRICASTALKING_CALLBACK_SECRET" | "TWILIO_AUTH_TOKEN" | "SMS_WEBHOOK_SECRET"): {
  env: Env;
  secret: string;
} {
  const env = getEnv();
  const secret = env[name];
  if (!secret) throw new Response("Not Found", { status: 404 });
  return { env, secret };
}

export async function smsSettings(env: Env, queueReply: boolean): Promise<SmsSettings> {
  return {
    secret: env.AUTH_SECRET,
    consultationSlug: env.PHONE_CONSULTATION,
    translate: await phoneTranslate(),
    queueReply,
  };
}

export function plainText(body: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** A form post's text fields; a file field (never sent by a gateway) is left out. */
export async function formFields(
  request: Request,
): Promise<{ entries: [string, string][]; fields: Record<string, string> }> {
  const entries = [...(await request.formData())].filter(
    (entry): entry is [string, string] => typeof entry[1] === "string",
  );
  return { entries, fields: Object.fromEntries(entries) };
}

/**
 * An Africa's Talking callback (SMS or USSD), authenticated and parsed: the gateway signs nothing, so
 * its callback URL carries AFRICASTALKING_CALLBACK_SECRET (`?secret=…`). A wrong secret or an
 * unreadable post is answered here (401, 400). The phone simulator, which calls in-process, passes
 * the secret it signed with (docs/decisions/0049).
 */
export async function africasTalkingCallback<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  secret = gatewaySecret("AFRICASTALKING_CALLBACK_SECRET").secret,
): Promise<{ refused: Response } | { refused: null; env: Env; data: z.output<Schema> }> {
  const env = getEnv();
  if (!sameSecret(secret, new URL(request.url).searchParams.get("secret") ?? "")) {
    return { refused: plainText("Unauthorized\n", 401) };
  }
  const parsed = schema.safeParse((await formFields(request)).fields);
  if (!parsed.success) return { refused: plainText("Bad Request\n", 400) };
  return { refused: null, env, data: parsed.data };
}
