/**
 * Simple signs that a new comment may be spam. Pure: the caller gathers the facts (how often the
 * text was already posted, how young the account is, how many posts it just made) and this module
 * decides. A comment showing any signal goes to the moderation queue instead of being published;
 * nothing is refused outright, so a false alarm costs a short wait, not a lost comment.
 */

/** Links a genuine comment rarely needs more of. */
export const maxLinks = 3;
/** Shorter texts ("I agree", "+1") are repeated innocently and are not compared. */
export const minRepeatedTextLength = 20;
/** An account younger than this is new. */
export const newAccountHours = 24;
/** Posts a new account may make within `burstWindowMinutes` before the next one waits for a moderator. */
export const maxBurstPosts = 5;
export const burstWindowMinutes = 10;

export const spamSignalKinds = ["many-links", "repeated-text", "burst-from-new-account"] as const;
export type SpamSignal = (typeof spamSignalKinds)[number];

export interface CommentFacts {
  body: string;
  /** Comments in the consultation with the same text (see `comparableText`) by other members. */
  sameTextByOthers: number;
  /** Earlier comments in the consultation with the same text by the same member. */
  sameTextByAuthor: number;
  accountCreatedAt: Date;
  /** The member's comments in the consultation within the last `burstWindowMinutes`, this one excluded. */
  recentPostsByAuthor: number;
  now: Date;
}

const linkPattern = /\b(?:https?:\/\/|www\.)\S+/giu;

export function countLinks(text: string): number {
  return text.match(linkPattern)?.length ?? 0;
}

/**
 * The form in which two texts are compared: case, spacing and line breaks aside. The database
 * compares `lower(regexp_replace(btrim(body), '\s+', ' ', 'g'))` the same way.
 */
export function comparableText(text: string): string {
  return text.trim().replace(/\s+/gu, " ").toLowerCase();
}

export function isComparable(text: string): boolean {
  return Array.from(comparableText(text)).length >= minRepeatedTextLength;
}

export function isNewAccount(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() < newAccountHours * 3_600_000;
}

/** The signals this comment shows, in a fixed order; empty when it looks like an ordinary comment. */
export function spamSignals(facts: CommentFacts): SpamSignal[] {
  const signals: SpamSignal[] = [];
  if (countLinks(facts.body) >= maxLinks) signals.push("many-links");
  if (isComparable(facts.body) && facts.sameTextByOthers + facts.sameTextByAuthor > 0) signals.push("repeated-text");
  if (isNewAccount(facts.accountCreatedAt, facts.now) && facts.recentPostsByAuthor >= maxBurstPosts) {
    signals.push("burst-from-new-account");
  }
  return signals;
}
