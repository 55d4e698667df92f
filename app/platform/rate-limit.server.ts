/**
 * Rate limits, counted in the database (rate-limiter-flexible's Drizzle store) so they hold across
 * every app process. Each rule is a number of attempts per window, keyed by whatever the caller
 * names (an address, an e-mail, a member).
 */
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { rateLimit } from "~db/schema";
import type { Database } from "~/platform/db.server";

export const rateLimitRules = {
  // Accounts (docs/decisions/0027-verified-addresses-and-account-limits.md): wrong passwords are
  // counted per account *and* address, so a stranger's guesses never lock the owner out; the
  // per-address limits are loose because a whole community meeting can share one carrier NAT address.
  /** Per account and address: ten wrong passwords in a quarter of an hour, then that address waits. */
  signInFailuresPerAccountAndAddress: { points: 10, duration: 15 * 60 },
  /** Per account, from anywhere: a counter only; past a few failures, new places are slowed down. */
  signInFailuresPerAccount: { points: 1_000_000, duration: 15 * 60 },
  /** Per address: every attempt, right or wrong, for a room of people behind one address. */
  signInPerAddress: { points: 300, duration: 15 * 60 },
  signUpPerAddress: { points: 200, duration: 60 * 60 },
  passwordResetPerAddress: { points: 60, duration: 60 * 60 },
  verificationMailPerAddress: { points: 60, duration: 60 * 60 },
  /** Per account: reset links, confirmation links and "someone tried to sign up" notices together. */
  accountMailPerEmail: { points: 5, duration: 60 * 60 },
  // Participation: generous for people, tight enough to stop scripts flooding the database.
  votePerMember: { points: 120, duration: 60 },
  votePerAddress: { points: 1200, duration: 60 },
  commentPerMember: { points: 10, duration: 10 * 60 },
  commentPerAddress: { points: 100, duration: 10 * 60 },
  endorsePerMember: { points: 60, duration: 10 * 60 },
  endorsePerAddress: { points: 600, duration: 10 * 60 },
  proposePerMember: { points: 5, duration: 60 * 60 },
  proposePerAddress: { points: 50, duration: 60 * 60 },
  flagPerMember: { points: 20, duration: 60 * 60 },
  flagPerAddress: { points: 200, duration: 60 * 60 },
  profilePerMember: { points: 30, duration: 10 * 60 },
  // "Download my data" builds a zip of everything a member holds: a few copies a day is plenty.
  dataExportPerMember: { points: 5, duration: 24 * 60 * 60 },
  // A ballot is saved whole, so a person saves it a few times at most.
  ballotPerMember: { points: 30, duration: 10 * 60 },
  ballotPerAddress: { points: 300, duration: 10 * 60 },
  /** SMS and USSD (issue 16): a number sending faster than a person types is held, not counted. */
  messagePerPhone: { points: 30, duration: 10 * 60 },
  /** Codes sent by SMS to link a phone to an account (each costs money and reaches a stranger's phone). */
  phoneLinkCodePerMember: { points: 5, duration: 60 * 60 },
  /** All of one gateway's traffic: a runaway or compromised gateway cannot flood the database. */
  messagePerGateway: { points: 6_000, duration: 60 },
} as const satisfies Record<string, { points: number; duration: number }>;

export type RateLimitRule = keyof typeof rateLimitRules;

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const limiters = new WeakMap<Database, Map<RateLimitRule, RateLimiterDrizzle>>();

function limiterFor(db: Database, rule: RateLimitRule): RateLimiterDrizzle {
  let byRule = limiters.get(db);
  if (!byRule) limiters.set(db, (byRule = new Map()));
  let limiter = byRule.get(rule);
  if (!limiter) {
    limiter = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimit,
      keyPrefix: rule,
      ...rateLimitRules[rule],
      // Expired rows are overwritten in place by the next attempt; no background timer needed.
      clearExpiredByTimeout: false,
    });
    byRule.set(rule, limiter);
  }
  return limiter;
}

/** Counts one attempt against each key; refused if any of them is over its limit. */
export async function consumeRateLimit(
  db: Database,
  checks: Array<[RateLimitRule, string]>,
): Promise<RateLimitDecision> {
  const waits = await Promise.all(
    checks.map(async ([rule, key]) => {
      try {
        await limiterFor(db, rule).consume(key);
        return 0;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return rejection.msBeforeNext;
      }
    }),
  );
  const retryAfterMs = Math.max(0, ...waits);
  return retryAfterMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : { allowed: true };
}

/** Counts one attempt against a key without refusing anything, e.g. one wrong password. */
export async function countAttempt(db: Database, rule: RateLimitRule, key: string): Promise<void> {
  await limiterFor(db, rule).penalty(key);
}

/** How many attempts a key has used in its current window, and whether it is over its limit. */
export async function peekRateLimit(
  db: Database,
  rule: RateLimitRule,
  key: string,
): Promise<{ consumed: number; decision: RateLimitDecision }> {
  const state = await limiterFor(db, rule).get(key);
  const consumed = state?.consumedPoints ?? 0;
  if (!state || consumed < rateLimitRules[rule].points) return { consumed, decision: { allowed: true } };
  return {
    consumed,
    decision: { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(state.msBeforeNext / 1000)) },
  };
}

/** Forgets the attempts against a key, e.g. after a successful sign-in. */
export async function resetRateLimit(db: Database, rule: RateLimitRule, key: string): Promise<void> {
  await limiterFor(db, rule).delete(key);
}
