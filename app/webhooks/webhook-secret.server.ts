/**
 * Webhook signing secrets at rest: AES-256-GCM under a key derived from AUTH_SECRET, so a copy of
 * the database alone does not let anyone sign requests as Baraza. Sealed values carry a prefix;
 * values stored before (in clear) are read as they are, so no migration is needed. A changed
 * AUTH_SECRET makes sealed secrets unreadable: those webhooks must be registered again.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "~/platform/env.server";
import { UndeliverableWebhook } from "~/webhooks/webhook-post.server";

const sealedPrefix = "enc:v1:";
const ivBytes = 12;
const tagBytes = 16;

export class UnreadableWebhookSecret extends UndeliverableWebhook {
  override name = "UnreadableWebhookSecret";
}

function keyFrom(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "baraza", "webhook signing secrets v1", 32));
}

export function sealWebhookSecret(secret: string, authSecret = getEnv().AUTH_SECRET): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(authSecret), iv);
  const encrypted = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return sealedPrefix + Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString("base64url");
}

/** The secret in clear, from a sealed value or one stored in clear before sealing existed. */
export function openWebhookSecret(stored: string, authSecret = getEnv().AUTH_SECRET): string {
  if (!stored.startsWith(sealedPrefix)) return stored;
  const sealed = Buffer.from(stored.slice(sealedPrefix.length), "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(authSecret), sealed.subarray(0, ivBytes));
    decipher.setAuthTag(sealed.subarray(ivBytes, ivBytes + tagBytes));
    return Buffer.concat([decipher.update(sealed.subarray(ivBytes + tagBytes)), decipher.final()]).toString("utf8");
  } catch {
    throw new UnreadableWebhookSecret(
      "the signing secret cannot be decrypted (AUTH_SECRET changed?): register the webhook again",
    );
  }
}
