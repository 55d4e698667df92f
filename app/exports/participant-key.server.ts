/**
 * How a participant appears in exports: a keyed hash of the consultation and the account, so rows
 * of one person can be linked within one consultation's export but not across consultations, and
 * never back to an e-mail, a name or an account id without the app's secret.
 */
import { createHash, createHmac, createSecretKey, type KeyObject } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";

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

/**
 * The same key computed by the database, for exports it writes itself (copy.server.ts): HMAC-SHA256
 * as RFC 2104 defines it, from the `sha256` function PostgreSQL has had since version 11, so that
 * neither server nor PGlite needs pgcrypto. The secret's inner and outer pads are prepared here and
 * written into the query as hex (COPY takes no parameters); they are as secret as the secret, so such
 * a query must never be logged.
 */
export function participantKeySql(secret: string, consultationId: number, userId: SQL): SQL {
  const BLOCK = 64;
  let key = Buffer.from(secret, "utf8");
  if (key.length > BLOCK) key = createHash("sha256").update(key).digest();
  const padded = Buffer.alloc(BLOCK);
  key.copy(padded);
  const pad = (byte: number) => Buffer.from(padded.map((b) => b ^ byte)).toString("hex");
  const inner = sql.raw(`'\\x${pad(0x36)}'::bytea`);
  const outer = sql.raw(`'\\x${pad(0x5c)}'::bytea`);
  const prefix = sql.raw(`'${Number(consultationId)}:'`);
  return sql`left(encode(sha256(${outer} || sha256(${inner} || convert_to(${prefix} || ${userId}, 'UTF8'))), 'hex'), ${sql.raw(String(KEY_LENGTH))})`;
}
