/**
 * How a participant appears in exports: a keyed hash of the consultation and the account, so rows
 * of one person can be linked within one consultation's export but not across consultations, and
 * never back to an e-mail, a name or an account id without the app's secret.
 */
import { createHmac, createSecretKey, type KeyObject } from "node:crypto";

/** 128 bits: collisions are out of reach at any consultation's size, and the column stays readable. */
const KEY_LENGTH = 32;

export function participantKey(secret: string | KeyObject, consultationId: number, userId: string): string {
  return createHmac("sha256", secret).update(`${consultationId}:${userId}`).digest("hex").slice(0, KEY_LENGTH);
}

/**
 * The same function for one consultation, remembering recent members: a member's votes come in a
 * run, and hashing is most of the cost of a large export. The memory is bounded, so exports stay flat.
 */
export function participantKeys(secret: string, consultationId: number, remember = 20_000): (userId: string) => string {
  let known = new Map<string, string>();
  // A key object prepared once: a string key is prepared again for every hash.
  const secretKey = createSecretKey(Buffer.from(secret, "utf8"));
  return (userId) => {
    let key = known.get(userId);
    if (key === undefined) {
      if (known.size >= remember) known = new Map();
      key = participantKey(secretKey, consultationId, userId);
      known.set(userId, key);
    }
    return key;
  };
}
