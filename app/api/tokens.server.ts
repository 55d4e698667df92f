/**
 * API tokens of institutions: created with a secret shown once, stored only as its SHA-256 hash,
 * listed by prefix, revoked for good. `authenticateApiRequest` turns a bearer header into the
 * institution it reads for.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { apiToken, institution } from "~db/schema";
import type { Queryable } from "~/platform/db.server";
import { rowId } from "~/platform/zod-fields";

const TOKEN_PREFIX = "bz_";
/** Enough of the token to tell tokens apart, far too little to guess the rest. */
const VISIBLE_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;
/** `lastUsedAt` is written at most this often per token, so reads do not turn into writes. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** A token works for a year unless revoked sooner (issue 13 item 9): a forgotten one does not live forever. */
export const API_TOKEN_LIFETIME_MS = 365 * 86_400_000;

export const apiTokenForm = z.object({
  name: z.string().trim().min(1, "api:errors.nameRequired").max(100, "api:errors.nameTooLong"),
  institutionId: z.coerce.number().int().positive(),
});

// Ids beyond PostgreSQL's integer would fail the query itself: rowId refuses them as "not found".
export const revokeTokenForm = z.object({
  tokenId: rowId("api:errors.tokenNotFound"),
  institutionId: rowId("api:errors.tokenNotFound"),
});

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function generateApiToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** Creates a token; the secret is returned here and never again. */
export async function createApiToken(
  db: Queryable,
  input: { institutionId: number; name: string; createdById: string },
): Promise<{ id: number; token: string }> {
  const token = generateApiToken();
  const [row] = await db
    .insert(apiToken)
    .values({
      institutionId: input.institutionId,
      name: input.name,
      createdById: input.createdById,
      tokenHash: hashApiToken(token),
      tokenPrefix: token.slice(0, VISIBLE_PREFIX_LENGTH),
      expiresAt: new Date(Date.now() + API_TOKEN_LIFETIME_MS),
    })
    .returning({ id: apiToken.id });
  return { id: row!.id, token };
}

/** Revokes a token of `institutionId`; false when it has none by that id or it was already revoked. */
export async function revokeApiToken(db: Queryable, input: { institutionId: number; tokenId: number }) {
  const revoked = await db
    .update(apiToken)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(apiToken.id, input.tokenId), eq(apiToken.institutionId, input.institutionId), isNull(apiToken.revokedAt)),
    )
    .returning({ id: apiToken.id });
  return revoked.length > 0;
}

export interface ApiTokenItem {
  id: number;
  institutionId: number;
  name: string;
  tokenPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/** The tokens of these institutions, newest first (never their hashes). */
export async function listApiTokens(db: Queryable, institutionIds: readonly number[]): Promise<ApiTokenItem[]> {
  if (institutionIds.length === 0) return [];
  return db
    .select({
      id: apiToken.id,
      institutionId: apiToken.institutionId,
      name: apiToken.name,
      tokenPrefix: apiToken.tokenPrefix,
      createdAt: apiToken.createdAt,
      lastUsedAt: apiToken.lastUsedAt,
      revokedAt: apiToken.revokedAt,
      expiresAt: apiToken.expiresAt,
    })
    .from(apiToken)
    .where(inArray(apiToken.institutionId, [...institutionIds]))
    .orderBy(desc(apiToken.createdAt), desc(apiToken.id));
}

export interface ApiCaller {
  tokenId: number;
  institutionId: number;
}

/** The caller a request's `Authorization: Bearer …` names, or null when it names no live token. */
export async function authenticateApiRequest(db: Queryable, request: Request): Promise<ApiCaller | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) return null;
  const [found] = await db
    .select({ tokenId: apiToken.id, institutionId: apiToken.institutionId })
    .from(apiToken)
    .innerJoin(institution, eq(institution.id, apiToken.institutionId))
    .where(
      and(
        eq(apiToken.tokenHash, hashApiToken(match[1]!)),
        isNull(apiToken.revokedAt),
        gt(apiToken.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  if (!found) return null;
  const staleBefore = new Date(Date.now() - LAST_USED_RESOLUTION_MS);
  await db
    .update(apiToken)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiToken.id, found.tokenId), or(isNull(apiToken.lastUsedAt), lt(apiToken.lastUsedAt, staleBefore))));
  return found;
}
