/**
 * The demo consultation: a living platform on first start (shared/seed-priorities.md).
 *
 * Two halves. `planDemo` decides everything in memory from a seed: who takes part, how each person
 * votes, who wrote which comment and when. `seedDemo` writes that plan in one transaction. The
 * plan uses a seeded generator and a fixed reference date, never the clock or Math.random, so the
 * same seed always gives the same consultation (only password hashes, which are salted, differ).
 */
import { randomBytes } from "node:crypto";
import { hashPassword, symmetricEncrypt } from "better-auth/crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { type RandomGenerator, unsafeUniformIntDistribution, xoroshiro128plus } from "pure-rand";
import type { Database, Queryable, Transaction } from "~/platform/db.server";
import { consentWordingVersions } from "~/privacy/consent.server";
import { quoteToken } from "~/summaries/summary-markdown";
import {
  account,
  type ageBands,
  ballotAllocation,
  comment,
  commentEndorsement,
  commitment,
  type commitmentStatus,
  commitmentStatusChange,
  consentRecord,
  consultation,
  consultationModerator,
  flag,
  type genders,
  institution,
  institutionalResponse,
  institutionMember,
  type FlagReason,
  type interestKinds,
  moderationAction,
  priority,
  profile,
  type StakeholderGroup,
  summary,
  summaryQuote,
  summaryVersion,
  twoFactor,
  user,
  userRole,
  vote,
  type VoteValue,
} from "../schema";
import {
  type CommentStance,
  type DemoCommitmentText,
  type DemoLocale,
  demoComments,
  demoConsultationText,
  demoFlagsOnPublished,
  demoGivenNames,
  demoInitials,
  demoInstitution,
  demoLocales,
  demoModeratedComments,
  demoPriorities,
  demoReplies,
  demoResponse,
  demoSummary,
  quotePlaceholder,
} from "./demo-content";

export const DEMO_CONSULTATION_SLUG = "regional-production";
/**
 * The one published password: the demo member's, who holds no role. Staff demo accounts get a
 * password made for each install (db/seed/staff-password.ts), so no README opens a staff door.
 */
export const DEMO_MEMBER_PASSWORD = "baraza-demo-2026";
export const DEFAULT_DEMO_SEED = 20260520;
const DEFAULT_PARTICIPANTS = 300;
/** Below this there are too few people to endorse, flag and reply to one another. */
const MIN_PARTICIPANTS = 10;
const CHUNK_SIZE = 1000;
/** Advisory lock key held while seeding (the migrations use 727274). */
const DEMO_SEED_LOCK = 727275;

export type DemoRole = "admin" | "moderator" | "institution" | "facilitator" | "member";

export interface DemoAccount {
  role: DemoRole;
  email: string;
  name: string;
}

/** One signed-in view of each role. Every one but the member holds a role: a staff account. */
export const demoAccounts: readonly DemoAccount[] = [
  { role: "admin", email: "admin@demo.baraza.africa", name: "Demo Admin" },
  { role: "moderator", email: "moderator@demo.baraza.africa", name: "Demo Moderator" },
  { role: "institution", email: "institution@demo.baraza.africa", name: "Demo Institution Officer" },
  { role: "facilitator", email: "facilitator@demo.baraza.africa", name: "Demo Facilitator" },
  { role: "member", email: "member@demo.baraza.africa", name: "Demo Member" },
];

export function isStaffDemoAccount(account: DemoAccount): boolean {
  return account.role !== "member";
}

export function demoUserId(role: DemoRole): string {
  return `demo-${role}`;
}

// ───────────────────────────── time ─────────────────────────────

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every date is relative to this instant, so that two runs write the same rows. */
const REFERENCE_TIME = Date.UTC(2026, 10, 1, 12, 0);
const OPENS_AT = REFERENCE_TIME - 30 * DAY;
/**
 * Phases follow the clock, so a demo seeded later than planned would open already closed: it stays
 * open for at least 60 days from the day it is seeded (the same day gives the same rows).
 */
const CLOSES_AT = Math.max(REFERENCE_TIME + 60 * DAY, Math.floor(Date.now() / DAY) * DAY + 60 * DAY);
/** Staff set things up a week before opening. */
const SETUP_AT = OPENS_AT - 7 * DAY;
/** The summary text says it covers input "to 27 October 2026": quoted comments must predate it. */
const SUMMARY_CUTOFF = Date.UTC(2026, 9, 27, 18, 0);
const SUMMARY_PUBLISHED_AT = Date.UTC(2026, 9, 28, 10, 0);
const RESPONSE_PUBLISHED_AT = Date.UTC(2026, 9, 30, 14, 0);
const COMMITMENT_PROGRESS_AT = Date.UTC(2026, 9, 31, 16, 30);
/** A community meeting whose votes and comments the facilitator typed in afterwards. */
const OFFLINE_MEETING_AT = Date.UTC(2026, 9, 17, 7, 0);

// ───────────────────────────── seeded randomness ─────────────────────────────

type Weighted<T> = readonly (readonly [T, number])[];

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} out of range (length ${items.length})`);
  return item;
}

class Random {
  private readonly generator: RandomGenerator;

  constructor(seed: number) {
    this.generator = xoroshiro128plus(seed);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return unsafeUniformIntDistribution(min, max, this.generator);
  }

  /** True `percent` times in a hundred. */
  chance(percent: number): boolean {
    return this.int(0, 9999) < Math.round(percent * 100);
  }

  pick<T>(items: readonly T[]): T {
    return at(items, this.int(0, items.length - 1));
  }

  weighted<T>(options: Weighted<T>): T {
    const total = options.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.int(1, total);
    for (const [value, weight] of options) {
      roll -= weight;
      if (roll <= 0) return value;
    }
    return at(options, options.length - 1)[0];
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const taken = Math.min(count, pool.length);
    for (let i = 0; i < taken; i++) {
      const j = this.int(i, pool.length - 1);
      [pool[i], pool[j]] = [at(pool, j), at(pool, i)];
    }
    return pool.slice(0, taken);
  }

  /** A whole minute between `from` and `to` (epoch milliseconds). */
  time(from: number, to: number): number {
    return from + this.int(0, Math.max(0, Math.floor((to - from) / MINUTE))) * MINUTE;
  }
}

// ───────────────────────────── who takes part ─────────────────────────────

interface CountryMix {
  country: string;
  weight: number;
  languages: Weighted<DemoLocale>;
}

/** Mostly African countries, with the languages people there would choose; a few from elsewhere. */
const countryMix: readonly CountryMix[] = [
  { country: "NG", weight: 13, languages: [["en", 1]] },
  {
    country: "KE",
    weight: 11,
    languages: [
      ["sw", 55],
      ["en", 45],
    ],
  },
  { country: "ZA", weight: 8, languages: [["en", 1]] },
  { country: "GH", weight: 7, languages: [["en", 1]] },
  { country: "SN", weight: 7, languages: [["fr", 1]] },
  {
    country: "TZ",
    weight: 6,
    languages: [
      ["sw", 85],
      ["en", 15],
    ],
  },
  {
    country: "EG",
    weight: 6,
    languages: [
      ["ar", 85],
      ["en", 15],
    ],
  },
  { country: "ET", weight: 5, languages: [["en", 1]] },
  {
    country: "CD",
    weight: 5,
    languages: [
      ["fr", 75],
      ["sw", 25],
    ],
  },
  { country: "CI", weight: 5, languages: [["fr", 1]] },
  {
    country: "UG",
    weight: 4,
    languages: [
      ["en", 70],
      ["sw", 30],
    ],
  },
  {
    country: "CM",
    weight: 4,
    languages: [
      ["fr", 70],
      ["en", 30],
    ],
  },
  {
    country: "RW",
    weight: 4,
    languages: [
      ["en", 50],
      ["sw", 30],
      ["fr", 20],
    ],
  },
  {
    country: "MA",
    weight: 4,
    languages: [
      ["ar", 60],
      ["fr", 40],
    ],
  },
  { country: "MZ", weight: 4, languages: [["pt", 1]] },
  { country: "AO", weight: 3, languages: [["pt", 1]] },
  {
    country: "GQ",
    weight: 3,
    languages: [
      ["es", 85],
      ["fr", 15],
    ],
  },
  {
    country: "CH",
    weight: 2,
    languages: [
      ["en", 50],
      ["fr", 50],
    ],
  },
  { country: "CN", weight: 2, languages: [["zh", 1]] },
  { country: "RU", weight: 2, languages: [["ru", 1]] },
  { country: "BR", weight: 1, languages: [["pt", 1]] },
  { country: "MX", weight: 1, languages: [["es", 1]] },
  { country: "IN", weight: 1, languages: [["en", 1]] },
];

const stakeholderMix: Weighted<StakeholderGroup> = [
  ["community-member", 30],
  ["health-worker", 16],
  ["civil-society", 14],
  ["researcher", 9],
  ["government-regulator", 8],
  ["manufacturer", 7],
  ["international-organisation", 5],
  ["procurement-agency", 4],
  ["other", 4],
  ["financing-institution", 3],
];

type AgeBand = (typeof ageBands)[number];
type CommitmentStatus = (typeof commitmentStatus.enumValues)[number];
type Gender = (typeof genders)[number];
type InterestKind = (typeof interestKinds)[number];

/** Null means "did not answer": nothing of the profile is required. */
const ageMix: Weighted<AgeBand | null> = [
  ["under-18", 1],
  ["18-24", 12],
  ["25-34", 29],
  ["35-44", 24],
  ["45-54", 15],
  ["55-64", 8],
  ["65-plus", 3],
  ["prefer-not-to-say", 4],
  [null, 4],
];

const genderMix: Weighted<Gender | null> = [
  ["woman", 46],
  ["man", 45],
  ["another", 1],
  ["prefer-not-to-say", 4],
  [null, 4],
];

/** Chance (%) that someone in the group declares a commercial interest, and of which kind. */
const declaredInterestByGroup: Partial<Record<StakeholderGroup, { percent: number; kinds: Weighted<InterestKind> }>> = {
  manufacturer: {
    percent: 50,
    kinds: [
      ["manufacturer", 8],
      ["distributor", 2],
    ],
  },
  "financing-institution": { percent: 40, kinds: [["investor", 1]] },
  "procurement-agency": { percent: 30, kinds: [["procurement-body", 1]] },
};
const DEFAULT_INTEREST = {
  percent: 2,
  kinds: [
    ["distributor", 2],
    ["investor", 1],
    ["manufacturer", 1],
  ] as Weighted<InterestKind>,
};

export interface PlannedParticipant {
  id: string;
  email: string;
  name: string;
  joinedAt: number;
  country: string;
  stakeholderGroup: StakeholderGroup;
  ageBand: AgeBand | null;
  gender: Gender | null;
  preferredLanguage: DemoLocale;
  hasDeclaredInterest: boolean | null;
  interestKind: InterestKind | null;
  statsConsent: boolean;
  /** Took part in the community meeting; the facilitator entered their input. */
  offline: boolean;
  /** A personal tilt towards agreeing with everything (or nothing), in percentage points. */
  lean: number;
  /** Vote per priority position (index 0 is priority 1); null when they did not vote on it. */
  votes: (VoteValue | null)[];
  /** Ballot points per priority position; empty when they did not fill the ballot. */
  ballot: number[];
}

function planParticipants(random: Random, count: number): PlannedParticipant[] {
  const countries: Weighted<CountryMix> = countryMix.map((mix) => [mix, mix.weight]);
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(4, "0");
    const origin = random.weighted(countries);
    const preferredLanguage = random.weighted(origin.languages);
    const stakeholderGroup = random.weighted(stakeholderMix);
    const interest = declaredInterestByGroup[stakeholderGroup] ?? DEFAULT_INTEREST;
    const declares = random.chance(interest.percent);
    const answeredInterest = declares || random.chance(88);
    const offline = ["KE", "TZ", "UG"].includes(origin.country) && random.chance(20);
    return {
      id: `demo-p-${number}`,
      email: `participant-${number}@demo.baraza.africa`,
      name: participantName(random, preferredLanguage),
      joinedAt: offline ? OFFLINE_MEETING_AT + random.int(0, 180) * MINUTE : joinTime(random),
      country: origin.country,
      stakeholderGroup,
      ageBand: random.weighted(ageMix),
      gender: random.weighted(genderMix),
      preferredLanguage,
      hasDeclaredInterest: answeredInterest ? declares : null,
      interestKind: declares ? random.weighted(interest.kinds) : null,
      statsConsent: random.chance(70),
      offline,
      lean: random.int(-8, 8),
      votes: [],
      ballot: [],
    };
  });
}

function participantName(random: Random, language: DemoLocale): string {
  const given = random.pick(demoGivenNames[language]);
  const initials = [...demoInitials[language]];
  return initials.length === 0 ? given : `${given} ${random.pick(initials)}.`;
}

/** Most people arrive in the days after the launch; a few keep trickling in. */
function joinTime(random: Random): number {
  const spread = REFERENCE_TIME - 4 * HOUR - OPENS_AT;
  const early = Math.min(random.time(0, spread), random.time(0, spread));
  return OPENS_AT + HOUR + early;
}

// ───────────────────────────── how people vote ─────────────────────────────

/** [agree %, pass %] for each priority (1–10) from someone with no particular stake. */
const baseOpinion: readonly (readonly [number, number])[] = [
  [68, 10],
  [78, 8],
  [66, 12],
  [70, 10],
  [61, 13],
  [74, 9],
  [56, 17],
  [55, 12],
  [63, 14],
  [69, 9],
];

/**
 * How far each group leans towards agreeing (percentage points) with particular priorities, so the
 * breakdowns tell the story of the roundtable: manufacturers want financing and offtake, communities
 * want a voice, civil society wants access terms, regulators want harmonisation.
 */
const groupLeaning: Partial<Record<StakeholderGroup, Readonly<Record<number, number>>>> = {
  manufacturer: { 1: 10, 4: 12, 5: -25, 6: 6, 7: 20, 8: 27, 10: -15 },
  "community-member": { 2: 10, 3: -5, 7: -8, 8: -16, 10: 20 },
  "civil-society": { 4: 5, 5: 22, 8: -12, 10: 18 },
  "health-worker": { 2: 12, 6: 8, 10: 8 },
  "government-regulator": { 1: 8, 6: 18, 9: 15 },
  "procurement-agency": { 1: 22, 5: -5, 6: 10 },
  researcher: { 3: 22, 4: 15 },
  "financing-institution": { 1: 8, 5: -15, 8: 28, 10: -10 },
  "international-organisation": { 1: 12, 5: 12, 6: 10 },
};

/** Extra "pass" (percentage points) where a group finds the subject technical. */
const groupPass: Partial<Record<StakeholderGroup, Readonly<Record<number, number>>>> = {
  "community-member": { 3: 4, 7: 10, 8: 6, 9: 8 },
  "health-worker": { 8: 5, 9: 5 },
};

/** People who declared a commercial interest lean further the way their business does. */
const commercialLeaning: Readonly<Record<number, number>> = { 5: -12, 8: 10 };

function opinionOn(participant: PlannedParticipant, position: number): { agree: number; pass: number } {
  const [baseAgree, basePass] = at(baseOpinion, position - 1);
  const pass = basePass + (groupPass[participant.stakeholderGroup]?.[position] ?? 0);
  const commercial =
    participant.interestKind === "manufacturer" || participant.interestKind === "investor"
      ? (commercialLeaning[position] ?? 0)
      : 0;
  const agree =
    baseAgree + (groupLeaning[participant.stakeholderGroup]?.[position] ?? 0) + commercial + participant.lean;
  return { agree: Math.min(Math.max(agree, 5), 95 - pass), pass };
}

function drawVote(random: Random, participant: PlannedParticipant, position: number): VoteValue {
  const { agree, pass } = opinionOn(participant, position);
  const roll = random.int(1, 100);
  if (roll <= agree) return "agree";
  if (roll <= agree + pass) return "pass";
  return "disagree";
}

function planVotes(random: Random, participants: readonly PlannedParticipant[]): void {
  for (const participant of participants) {
    const votes = random.chance(88);
    participant.votes = demoPriorities.map((_, index) =>
      votes && random.chance(92) ? drawVote(random, participant, index + 1) : null,
    );
  }
}

const ballotBudgets: Weighted<number> = [
  [10, 80],
  [9, 5],
  [8, 7],
  [6, 5],
  [5, 3],
];

/**
 * About 40% of voters also spread points, over priorities they agreed with, favourite first.
 * Not those met offline: the paper form had no ballot, and a ballot row cannot say who entered it.
 */
function planBallots(random: Random, participants: readonly PlannedParticipant[], ballotBudget: number): void {
  for (const participant of participants.filter((p) => !p.offline)) {
    const agreed: Weighted<number> = participant.votes.flatMap((value, index) =>
      value === "agree" ? [[index + 1, opinionOn(participant, index + 1).agree] as const] : [],
    );
    if (agreed.length === 0 || !random.chance(40)) continue;
    const budget = Math.min(random.weighted(ballotBudgets), ballotBudget);
    const points = demoPriorities.map(() => 0);
    const favourite = random.weighted(agreed);
    points[favourite - 1] = random.int(3, Math.min(6, budget));
    for (let spent = at(points, favourite - 1); spent < budget; spent++) {
      const position = random.weighted(agreed);
      points[position - 1] = at(points, position - 1) + 1;
    }
    participant.ballot = points;
  }
}

// ───────────────────────────── what people wrote ─────────────────────────────

export interface PlannedComment {
  key: string;
  position: number;
  parentKey: string | null;
  author: PlannedParticipant;
  language: DemoLocale;
  stance: CommentStance | null;
  body: string;
  status: "published" | "hidden";
  createdAt: number;
  endorsements: { by: PlannedParticipant; at: number }[];
}

export interface PlannedFlag {
  commentKey: string;
  reporter: PlannedParticipant;
  reason: FlagReason;
  note: string | null;
  createdAt: number;
  resolvedAt: number | null;
}

export interface PlannedModeration {
  commentKey: string;
  action: "hide" | "dismiss-flags";
  reason: FlagReason | null;
  note: string | null;
  createdAt: number;
  flagCount: number;
}

interface AuthorWish {
  language: DemoLocale;
  group?: StakeholderGroup;
  /** Said at the community meeting rather than typed in by the author. */
  offline: boolean;
  /** The author must have joined before writing. */
  before: number;
  notId?: string;
}

/** Members who could have done something at `before`: joined already, online, and not `notId`. */
function activeMembers(
  participants: readonly PlannedParticipant[],
  before: number,
  notId?: string,
): PlannedParticipant[] {
  const active = participants.filter((p) => !p.offline && p.joinedAt < before && p.id !== notId);
  // Only a tiny demo (a dozen participants) runs short; then anyone but `notId` will do.
  return active.length > 0 ? active : participants.filter((p) => p.id !== notId);
}

/**
 * Someone who plausibly wrote it: same language, the group the text speaks from, already joined,
 * and preferably not someone who has already written, so that voices stay varied.
 */
function chooseAuthor(
  random: Random,
  participants: readonly PlannedParticipant[],
  wish: AuthorWish,
  written: Set<string>,
): PlannedParticipant {
  const joined = participants.filter(
    (p) => p.offline === wish.offline && p.joinedAt < wish.before && p.id !== wish.notId,
  );
  const sameLanguage = joined.filter((p) => p.preferredLanguage === wish.language);
  const sameGroup = wish.group ? sameLanguage.filter((p) => p.stakeholderGroup === wish.group) : [];
  for (const pool of [sameGroup, sameLanguage, joined]) {
    const fresh = pool.filter((p) => !written.has(p.id));
    if (fresh.length > 0) return random.pick(fresh);
    if (pool.length > 0) return random.pick(pool);
  }
  return random.pick(activeMembers(participants, wish.before, wish.notId));
}

/** An author who supports a priority agreed with it; anyone who comments has voted on it. */
function alignVoteWithStance(
  random: Random,
  author: PlannedParticipant,
  position: number,
  stance: CommentStance | null,
): void {
  if (author.votes.length === 0) author.votes = demoPriorities.map(() => null);
  if (stance === "supports") author.votes[position - 1] = "agree";
  else if (author.votes[position - 1] === null) author.votes[position - 1] = drawVote(random, author, position);
}

function planComments(random: Random, participants: readonly PlannedParticipant[]): PlannedComment[] {
  const written = new Set<string>();
  const quoted = new Set(demoSummary.quotedCommentKeys);
  const planned: PlannedComment[] = [];
  const record = (
    text: { key: string; language: DemoLocale; stance: CommentStance | null; body: string },
    position: number,
    parent: PlannedComment | null,
    author: PlannedParticipant,
    wanted: number,
    status: PlannedComment["status"],
  ) => {
    written.add(author.id);
    planned.push({
      key: text.key,
      position,
      parentKey: parent?.key ?? null,
      author,
      language: text.language,
      stance: text.stance,
      body: text.body,
      status,
      // Only in a tiny demo can the chosen author have joined later than wanted.
      createdAt: Math.max(wanted, author.joinedAt + 10 * MINUTE, parent ? parent.createdAt + 5 * MINUTE : 0),
      endorsements: [],
    });
  };

  for (const text of demoComments) {
    const offline = text.offline === true;
    const latest = quoted.has(text.key) ? SUMMARY_CUTOFF - DAY : REFERENCE_TIME - 3 * HOUR;
    // Words from the community meeting were typed in the same afternoon.
    const wanted = offline
      ? OFFLINE_MEETING_AT + random.int(4 * 60, 8 * 60) * MINUTE
      : random.time(OPENS_AT + 3 * HOUR, latest);
    const author = chooseAuthor(
      random,
      participants,
      { language: text.language, group: text.authorGroup, offline, before: wanted },
      written,
    );
    alignVoteWithStance(random, author, text.priority, text.stance);
    record(text, text.priority, null, author, wanted, "published");
  }

  for (const text of demoModeratedComments) {
    const wanted = random.time(OPENS_AT + DAY, REFERENCE_TIME - 3 * DAY);
    const author = chooseAuthor(
      random,
      participants,
      { language: text.language, offline: false, before: wanted },
      written,
    );
    record({ ...text, stance: null }, text.priority, null, author, wanted, "hidden");
  }

  for (const text of demoReplies) {
    const parent = findPlanned(planned, text.replyTo);
    const wanted = Math.min(parent.createdAt + random.int(30, 4 * 24 * 60) * MINUTE, REFERENCE_TIME - 30 * MINUTE);
    const author = chooseAuthor(
      random,
      participants,
      { language: text.language, offline: false, before: wanted, notId: parent.author.id },
      written,
    );
    record(text, parent.position, parent, author, wanted, "published");
  }

  for (const c of planned) {
    if (c.status === "published") c.endorsements = planEndorsements(random, participants, c, quoted.has(c.key));
  }
  return planned;
}

function findPlanned(planned: readonly PlannedComment[], key: string): PlannedComment {
  const found = planned.find((c) => c.key === key);
  if (!found) throw new Error(`demo plan: no comment with key ${key}`);
  return found;
}

/** A few comments draw many endorsements, most draw a handful; quoted ones were popular. */
function planEndorsements(
  random: Random,
  participants: readonly PlannedParticipant[],
  planned: PlannedComment,
  popular: boolean,
): PlannedComment["endorsements"] {
  const [min, max] = random.weighted<readonly [number, number]>([
    [[0, 0], 20],
    [[1, 3], 40],
    [[4, 10], 30],
    [[11, 28], 10],
  ]);
  const count = random.int(min, max) + (popular ? random.int(8, 15) : 0);
  // Anyone online by the end, endorsing once they had both joined and seen the comment.
  const endorsers = random.sample(activeMembers(participants, REFERENCE_TIME - HOUR, planned.author.id), count);
  return endorsers.map((by) => {
    const endorsedAt = Math.max(planned.createdAt, by.joinedAt) + random.int(5, 3 * 24 * 60) * MINUTE;
    return { by, at: Math.min(endorsedAt, REFERENCE_TIME - MINUTE) };
  });
}

/**
 * Each rule-breaking comment drew flags from a few members, and the moderator then hid it. Two
 * published comments were flagged too: one flag was dismissed, one still waits in the queue.
 */
function planModeration(
  random: Random,
  participants: readonly PlannedParticipant[],
  comments: readonly PlannedComment[],
) {
  const flags: PlannedFlag[] = [];
  const actions: PlannedModeration[] = [];

  for (const text of demoModeratedComments) {
    const target = findPlanned(comments, text.key);
    const reporters = random.sample(activeMembers(participants, target.createdAt, target.author.id), random.int(2, 3));
    const flaggedAt = reporters.map(() => target.createdAt + random.int(5, 6 * 60) * MINUTE);
    const hiddenAt = Math.max(...flaggedAt) + random.int(20, 10 * 60) * MINUTE;
    reporters.forEach((reporter, index) =>
      flags.push({
        commentKey: text.key,
        reporter,
        reason: text.reason,
        note: null,
        createdAt: at(flaggedAt, index),
        resolvedAt: hiddenAt,
      }),
    );
    actions.push({
      commentKey: text.key,
      action: "hide",
      reason: text.reason,
      note: null,
      createdAt: hiddenAt,
      flagCount: reporters.length,
    });
  }

  for (const published of demoFlagsOnPublished) {
    const target = findPlanned(comments, published.commentKey);
    const reporter = random.pick(activeMembers(participants, target.createdAt, target.author.id));
    const createdAt = Math.min(target.createdAt + random.int(60, 3 * 24 * 60) * MINUTE, REFERENCE_TIME - 2 * HOUR);
    const resolvedAt = published.dismissed
      ? Math.min(createdAt + random.int(30, 8 * 60) * MINUTE, REFERENCE_TIME - MINUTE)
      : null;
    flags.push({
      commentKey: published.commentKey,
      reporter,
      reason: published.reason,
      note: published.note,
      createdAt,
      resolvedAt,
    });
    if (resolvedAt !== null) {
      actions.push({
        commentKey: published.commentKey,
        action: "dismiss-flags",
        reason: null,
        note: "Declaring an interest is optional; no rule broken.",
        createdAt: resolvedAt,
        flagCount: 1,
      });
    }
  }
  return { flags, actions };
}

// ───────────────────────────── the whole plan ─────────────────────────────

export interface DemoPlan {
  participants: PlannedParticipant[];
  comments: PlannedComment[];
  flags: PlannedFlag[];
  moderation: PlannedModeration[];
}

const BALLOT_BUDGET = 10;

/** Decides the whole demo from `seed`, without touching the database. */
export function planDemo(seed: number, participantCount: number): DemoPlan {
  if (!Number.isInteger(participantCount) || participantCount < MIN_PARTICIPANTS) {
    throw new RangeError(`demo seed needs at least ${MIN_PARTICIPANTS} participants, got ${participantCount}`);
  }
  const random = new Random(seed);
  const participants = planParticipants(random, participantCount);
  planVotes(random, participants);
  const comments = planComments(random, participants);
  planBallots(random, participants, BALLOT_BUDGET);
  const { flags, actions } = planModeration(random, participants, comments);
  return { participants, comments, flags, moderation: actions };
}

// ───────────────────────────── writing it ─────────────────────────────

export interface SeedDemoOptions {
  /** How many generated participants (default 300). */
  participants?: number;
  /** Seed of the generator (default 20260520, the day of the roundtable). */
  seed?: number;
  /**
   * Password of the staff demo accounts. Without one they get a random password nobody is told:
   * the demo data is there, but no staff account opens.
   */
  staffPassword?: string;
  /**
   * Enrols the staff demo accounts' second factor (decision 0026) with this base32 TOTP secret,
   * encrypted as better-auth's two-factor plugin stores it (under AUTH_SECRET). Without it they are
   * not enrolled, and staff pages ask them to enrol first.
   */
  staffTotp?: { secret: string; authSecret: string };
}

/**
 * Loads the demo consultation unless it is already there. Safe to call on every start.
 * Returns the demo consultation either way.
 */
export async function seedDemo(
  db: Database,
  options: SeedDemoOptions = {},
): Promise<{ consultationId: number; slug: string; created: boolean }> {
  const existing = await findDemoConsultation(db);
  if (existing !== undefined) return { consultationId: existing, slug: DEMO_CONSULTATION_SLUG, created: false };

  const plan = planDemo(options.seed ?? DEFAULT_DEMO_SEED, options.participants ?? DEFAULT_PARTICIPANTS);
  // Hashing is deliberately slow: once per password, outside the transaction.
  const passwordHashes = {
    member: await hashPassword(DEMO_MEMBER_PASSWORD),
    staff: await hashPassword(options.staffPassword ?? randomBytes(24).toString("base64url")),
  };

  const staffSecondFactor = options.staffTotp && (await encryptStaffSecondFactor(options.staffTotp));

  const { consultationId, created } = await db.transaction(async (tx) => {
    // App processes booting side by side on one server may all get here: one seeds, the others wait and find it.
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK})`);
    const seededMeanwhile = await findDemoConsultation(tx);
    if (seededMeanwhile !== undefined) return { consultationId: seededMeanwhile, created: false };

    const institutionId = await ensureInstitution(tx);
    const newConsultationId = await insertConsultation(tx, institutionId);
    const priorityIds = await insertPriorities(tx, newConsultationId);
    await insertDemoAccounts(tx, passwordHashes, newConsultationId, institutionId);
    if (staffSecondFactor) await enrolStaffSecondFactor(tx, staffSecondFactor);
    await insertParticipants(tx, plan.participants);
    await insertVotes(tx, newConsultationId, priorityIds, plan.participants);
    await insertBallots(tx, newConsultationId, priorityIds, plan.participants);
    const commentIds = await insertComments(tx, newConsultationId, priorityIds, plan.comments);
    await insertEndorsements(tx, plan.comments, commentIds);
    await insertFlagsAndModeration(tx, newConsultationId, plan, commentIds);
    const englishSummaryId = await insertSummaries(tx, newConsultationId, commentIds);
    await insertInstitutionalResponse(tx, newConsultationId, institutionId, englishSummaryId);
    return { consultationId: newConsultationId, created: true };
  });
  return { consultationId, slug: DEMO_CONSULTATION_SLUG, created };
}

async function findDemoConsultation(db: Queryable): Promise<number | undefined> {
  const [row] = await db
    .select({ id: consultation.id })
    .from(consultation)
    .where(eq(consultation.slug, DEMO_CONSULTATION_SLUG))
    .limit(1);
  return row?.id;
}

async function insertInChunks<Row>(
  rows: readonly Row[],
  insert: (chunk: Row[]) => PromiseLike<unknown>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    await insert(rows.slice(start, start + CHUNK_SIZE));
  }
}

function date(time: number): Date {
  return new Date(time);
}

/** The institution may survive a deleted demo consultation: reuse it rather than fail on its slug. */
async function ensureInstitution(tx: Transaction): Promise<number> {
  await tx
    .insert(institution)
    .values({ slug: demoInstitution.slug, name: demoInstitution.name, website: null, createdAt: date(SETUP_AT) })
    .onConflictDoNothing({ target: institution.slug });
  const [row] = await tx
    .select({ id: institution.id })
    .from(institution)
    .where(eq(institution.slug, demoInstitution.slug));
  if (!row) throw new Error("demo seed: institution missing after insert");
  return row.id;
}

/** The AU member states (ISO 3166-1 alpha-2) that have one: the demo's region is the continent. */
const africanCountries = [
  "DZ",
  "AO",
  "BJ",
  "BW",
  "BF",
  "BI",
  "CV",
  "CM",
  "CF",
  "TD",
  "KM",
  "CG",
  "CD",
  "CI",
  "DJ",
  "EG",
  "GQ",
  "ER",
  "SZ",
  "ET",
  "GA",
  "GM",
  "GH",
  "GN",
  "GW",
  "KE",
  "LS",
  "LR",
  "LY",
  "MG",
  "MW",
  "ML",
  "MR",
  "MU",
  "MA",
  "MZ",
  "NA",
  "NE",
  "NG",
  "RW",
  "ST",
  "SN",
  "SC",
  "SL",
  "SO",
  "ZA",
  "SS",
  "SD",
  "TZ",
  "TG",
  "TN",
  "UG",
  "ZM",
  "ZW",
];
/** The eight regional economic communities recognised by the African Union. */
const regionalCommunities = ["AMU", "CEN-SAD", "COMESA", "EAC", "ECCAS", "ECOWAS", "IGAD", "SADC"];

async function insertConsultation(tx: Transaction, institutionId: number): Promise<number> {
  const [row] = await tx
    .insert(consultation)
    .values({
      slug: DEMO_CONSULTATION_SLUG,
      title: demoConsultationText.title,
      summary: demoConsultationText.summary,
      context: demoConsultationText.context,
      defaultLocale: "en",
      phase: "open",
      opensAt: date(OPENS_AT),
      closesAt: date(CLOSES_AT),
      moderationMode: "post",
      resultsVisibility: "always",
      ballotBudget: BALLOT_BUDGET,
      regionCountries: africanCountries,
      regionCommunities: regionalCommunities,
      owningInstitutionId: institutionId,
      isDemo: true,
      createdAt: date(SETUP_AT),
      updatedAt: date(OPENS_AT),
    })
    .returning({ id: consultation.id });
  if (!row) throw new Error("demo seed: consultation not inserted");
  return row.id;
}

/** Returns the priority ids in position order: index 0 is priority 1. */
async function insertPriorities(tx: Transaction, consultationId: number): Promise<number[]> {
  const rows = await tx
    .insert(priority)
    .values(
      demoPriorities.map((text, index) => ({
        consultationId,
        position: index + 1,
        title: text.title,
        body: text.body,
        category: text.category,
        productType: text.productType,
        status: "approved" as const,
        createdAt: date(SETUP_AT),
        updatedAt: date(SETUP_AT),
      })),
    )
    .returning({ id: priority.id, position: priority.position });
  return [...rows].sort((a, b) => a.position - b.position).map((row) => row.id);
}

function priorityIdAt(priorityIds: readonly number[], position: number): number {
  return at(priorityIds, position - 1);
}

const staffProfiles: Readonly<
  Record<DemoRole, { country: string; stakeholderGroup: StakeholderGroup; preferredLanguage: DemoLocale }>
> = {
  admin: { country: "KE", stakeholderGroup: "other", preferredLanguage: "en" },
  moderator: { country: "SN", stakeholderGroup: "civil-society", preferredLanguage: "fr" },
  institution: { country: "RW", stakeholderGroup: "government-regulator", preferredLanguage: "en" },
  facilitator: { country: "TZ", stakeholderGroup: "civil-society", preferredLanguage: "sw" },
  member: { country: "GH", stakeholderGroup: "community-member", preferredLanguage: "en" },
};

/**
 * Accounts one can sign in with. `onConflictDoNothing` because they may outlive a deleted demo
 * consultation; the role grants below then attach to the existing users.
 */
interface EncryptedSecondFactor {
  secret: string;
  backupCodes: string;
}

/**
 * As better-auth's two-factor plugin keeps a secret: encrypted with AUTH_SECRET, the "base32:"
 * prefix telling it the key is base32 text. No recovery codes: `npm run demo:code` is the way back.
 */
async function encryptStaffSecondFactor(totp: { secret: string; authSecret: string }): Promise<EncryptedSecondFactor> {
  return {
    secret: await symmetricEncrypt({ key: totp.authSecret, data: `base32:${totp.secret}` }),
    backupCodes: await symmetricEncrypt({ key: totp.authSecret, data: "[]" }),
  };
}

async function enrolStaffSecondFactor(tx: Transaction, encrypted: EncryptedSecondFactor): Promise<void> {
  const staff = demoAccounts.filter(isStaffDemoAccount).map((a) => demoUserId(a.role));
  await tx.update(user).set({ twoFactorEnabled: true }).where(inArray(user.id, staff));
  await tx
    .insert(twoFactor)
    .values(staff.map((userId) => ({ id: `${userId}-totp`, userId, ...encrypted, verified: true })))
    .onConflictDoNothing();
}

async function insertDemoAccounts(
  tx: Transaction,
  passwordHashes: { member: string; staff: string },
  consultationId: number,
  institutionId: number,
): Promise<void> {
  const createdAt = date(SETUP_AT);
  await tx
    .insert(user)
    .values(
      demoAccounts.map((a) => ({
        id: demoUserId(a.role),
        name: a.name,
        email: a.email,
        emailVerified: true,
        createdAt,
        updatedAt: createdAt,
      })),
    )
    .onConflictDoNothing();
  await tx
    .insert(account)
    .values(
      demoAccounts.map((a) => ({
        id: `${demoUserId(a.role)}-credential`,
        accountId: demoUserId(a.role),
        providerId: "credential",
        userId: demoUserId(a.role),
        password: isStaffDemoAccount(a) ? passwordHashes.staff : passwordHashes.member,
        createdAt,
        updatedAt: createdAt,
      })),
    )
    .onConflictDoNothing();
  await tx
    .insert(profile)
    .values(
      demoAccounts.map((a) => ({
        userId: demoUserId(a.role),
        displayName: a.name,
        ...staffProfiles[a.role],
        // Staff are not counted in participation statistics.
        statsConsent: a.role === "member",
        isDemo: true,
        updatedAt: createdAt,
      })),
    )
    .onConflictDoNothing();
  // The demo member's statistics consent, recorded as any member's is (issue 14 item 7), once.
  const [recorded] = await tx
    .select({ id: consentRecord.id })
    .from(consentRecord)
    .where(eq(consentRecord.userId, demoUserId("member")))
    .limit(1);
  if (!recorded) {
    await tx.insert(consentRecord).values({
      userId: demoUserId("member"),
      purpose: "statistics",
      given: true,
      wordingVersion: consentWordingVersions.statistics,
      at: createdAt,
    });
  }
  await tx
    .insert(userRole)
    .values([
      { userId: demoUserId("admin"), role: "admin" as const, createdAt },
      { userId: demoUserId("facilitator"), role: "facilitator" as const, createdAt },
    ])
    .onConflictDoNothing();
  await tx.insert(consultationModerator).values({ consultationId, userId: demoUserId("moderator"), createdAt });
  await tx
    .insert(institutionMember)
    .values({ institutionId, userId: demoUserId("institution"), createdAt })
    .onConflictDoNothing();
}

/** Generated members have no account: nobody signs in as them. */
async function insertParticipants(tx: Transaction, participants: readonly PlannedParticipant[]): Promise<void> {
  await insertInChunks(
    participants.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      emailVerified: false,
      createdAt: date(p.joinedAt),
      updatedAt: date(p.joinedAt),
    })),
    (chunk) => tx.insert(user).values(chunk).onConflictDoNothing(),
  );
  await insertInChunks(
    participants.map((p) => ({
      userId: p.id,
      displayName: p.name,
      country: p.country,
      stakeholderGroup: p.stakeholderGroup,
      ageBand: p.ageBand,
      gender: p.gender,
      preferredLanguage: p.preferredLanguage,
      hasDeclaredInterest: p.hasDeclaredInterest,
      interestKind: p.interestKind,
      statsConsent: p.statsConsent,
      isDemo: true,
      updatedAt: date(p.joinedAt),
    })),
    (chunk) => tx.insert(profile).values(chunk).onConflictDoNothing(),
  );
  await insertInChunks(
    participants
      .filter((p) => p.statsConsent)
      .map((p) => ({
        userId: p.id,
        purpose: "statistics" as const,
        given: true,
        wordingVersion: consentWordingVersions.statistics,
        at: date(p.joinedAt),
      })),
    (chunk) => tx.insert(consentRecord).values(chunk),
  );
}

async function insertVotes(
  tx: Transaction,
  consultationId: number,
  priorityIds: readonly number[],
  participants: readonly PlannedParticipant[],
): Promise<void> {
  const rows = participants.flatMap((p) =>
    p.votes.flatMap((value, index) => {
      if (value === null) return [];
      // A few minutes per priority, as someone reads down the page.
      const votedAt = date(p.joinedAt + (index + 1) * 2 * MINUTE);
      return [
        {
          consultationId,
          priorityId: priorityIdAt(priorityIds, index + 1),
          userId: p.id,
          value,
          enteredById: p.offline ? demoUserId("facilitator") : null,
          createdAt: votedAt,
          updatedAt: votedAt,
        },
      ];
    }),
  );
  await insertInChunks(rows, (chunk) => tx.insert(vote).values(chunk));
}

async function insertBallots(
  tx: Transaction,
  consultationId: number,
  priorityIds: readonly number[],
  participants: readonly PlannedParticipant[],
): Promise<void> {
  const rows = participants.flatMap((p) =>
    p.ballot.flatMap((points, index) =>
      points > 0
        ? [
            {
              consultationId,
              priorityId: priorityIdAt(priorityIds, index + 1),
              userId: p.id,
              points,
              updatedAt: date(p.joinedAt + 25 * MINUTE),
            },
          ]
        : [],
    ),
  );
  await insertInChunks(rows, (chunk) => tx.insert(ballotAllocation).values(chunk));
}

/** Top-level comments first (replies need their parents' ids), each batch in time order. Returns ids by key. */
async function insertComments(
  tx: Transaction,
  consultationId: number,
  priorityIds: readonly number[],
  comments: readonly PlannedComment[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const byTime = (a: PlannedComment, b: PlannedComment) => a.createdAt - b.createdAt;
  for (const batch of [comments.filter((c) => c.parentKey === null), comments.filter((c) => c.parentKey !== null)]) {
    const ordered = [...batch].sort(byTime);
    const rows = ordered.map((c) => ({
      consultationId,
      priorityId: priorityIdAt(priorityIds, c.position),
      parentId: c.parentKey === null ? null : requireId(ids, c.parentKey),
      depth: c.parentKey === null ? 0 : 1,
      authorId: c.author.id,
      body: c.body,
      language: c.language,
      stance: c.stance,
      status: c.status,
      endorsementCount: c.endorsements.length,
      enteredById: c.author.offline ? demoUserId("facilitator") : null,
      createdAt: date(c.createdAt),
      updatedAt: date(c.createdAt),
    }));
    const inserted = await tx.insert(comment).values(rows).returning({ id: comment.id, body: comment.body });
    // PostgreSQL returns multi-row VALUES in order; checked rather than assumed.
    ordered.forEach((c, index) => {
      const row = at(inserted, index);
      if (row.body !== c.body) throw new Error("demo seed: comment ids came back out of order");
      ids.set(c.key, row.id);
    });
  }
  return ids;
}

function requireId(ids: ReadonlyMap<string, number>, key: string): number {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`demo seed: comment ${key} has no id`);
  return id;
}

async function insertEndorsements(
  tx: Transaction,
  comments: readonly PlannedComment[],
  commentIds: ReadonlyMap<string, number>,
): Promise<void> {
  const rows = comments.flatMap((c) =>
    c.endorsements.map((endorsement) => ({
      commentId: requireId(commentIds, c.key),
      userId: endorsement.by.id,
      createdAt: date(endorsement.at),
    })),
  );
  await insertInChunks(rows, (chunk) => tx.insert(commentEndorsement).values(chunk));
}

async function insertFlagsAndModeration(
  tx: Transaction,
  consultationId: number,
  plan: DemoPlan,
  commentIds: ReadonlyMap<string, number>,
): Promise<void> {
  await tx.insert(flag).values(
    plan.flags.map((f) => ({
      consultationId,
      targetType: "comment" as const,
      targetId: requireId(commentIds, f.commentKey),
      reporterId: f.reporter.id,
      reason: f.reason,
      note: f.note,
      resolvedAt: f.resolvedAt === null ? null : date(f.resolvedAt),
      createdAt: date(f.createdAt),
    })),
  );
  // moderation_action is append-only: these rows are written once and never updated.
  await tx.insert(moderationAction).values(
    [...plan.moderation]
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((m) => ({
        consultationId,
        targetType: "comment" as const,
        targetId: String(requireId(commentIds, m.commentKey)),
        action: m.action,
        reason: m.reason,
        note: m.note,
        actorId: demoUserId("moderator"),
        automatic: false,
        details: { flagCount: m.flagCount },
        createdAt: date(m.createdAt),
      })),
  );
}

/** Turns the content's quote placeholders into quote lines with the comments' ids. */
function withQuoteIds(markdown: string, commentIds: ReadonlyMap<string, number>): string {
  return demoSummary.quotedCommentKeys.reduce(
    (text, key) => text.replaceAll(quotePlaceholder(key), quoteToken(requireId(commentIds, key))),
    markdown,
  );
}

/** One consultation-level summary per locale, each published as version 1 with the same quotes. Returns the English one's id. */
async function insertSummaries(
  tx: Transaction,
  consultationId: number,
  commentIds: ReadonlyMap<string, number>,
): Promise<number> {
  const publishedAt = date(SUMMARY_PUBLISHED_AT);
  const draftedAt = date(SUMMARY_PUBLISHED_AT - 20 * HOUR);
  const rows = await tx
    .insert(summary)
    .values(
      demoLocales.map((locale) => ({
        consultationId,
        priorityId: null,
        locale,
        status: "published" as const,
        publishedVersion: 1,
        publishedAt,
        createdAt: draftedAt,
        updatedAt: publishedAt,
      })),
    )
    .returning({ id: summary.id, locale: summary.locale });
  await tx.insert(summaryVersion).values(
    rows.map((row) => ({
      summaryId: row.id,
      version: 1,
      bodyMarkdown: withQuoteIds(demoSummary.markdown[row.locale as DemoLocale], commentIds),
      authorId: demoUserId("moderator"),
      createdAt: draftedAt,
    })),
  );
  await tx.insert(summaryQuote).values(
    rows.flatMap((row) =>
      demoSummary.quotedCommentKeys.map((key, position) => ({
        summaryId: row.id,
        commentId: requireId(commentIds, key),
        position,
      })),
    ),
  );
  const english = rows.find((row) => row.locale === "en");
  if (!english) throw new Error("demo seed: English summary missing");
  return english.id;
}

async function insertInstitutionalResponse(
  tx: Transaction,
  consultationId: number,
  institutionId: number,
  summaryId: number,
): Promise<void> {
  const author = demoUserId("institution");
  const [response] = await tx
    .insert(institutionalResponse)
    .values({
      consultationId,
      institutionId,
      summaryId,
      title: demoResponse.title,
      body: demoResponse.body,
      status: "published",
      publishedAt: date(RESPONSE_PUBLISHED_AT),
      createdById: author,
      createdAt: date(RESPONSE_PUBLISHED_AT - DAY),
      updatedAt: date(RESPONSE_PUBLISHED_AT),
    })
    .returning({ id: institutionalResponse.id });
  if (!response) throw new Error("demo seed: institutional response not inserted");

  for (const [index, text] of demoResponse.commitments.entries()) {
    const latest = text.progress.at(-1);
    const [row] = await tx
      .insert(commitment)
      .values({
        responseId: response.id,
        position: index + 1,
        what: text.what,
        // Written in English only, like an institution that has not translated them yet (pages say so).
        who: { en: text.who },
        dueOn: text.dueOn,
        status: latest?.to ?? "planned",
        statusReason: latest ? { en: latest.reason } : null,
        createdAt: date(RESPONSE_PUBLISHED_AT),
        updatedAt: date(latest ? COMMITMENT_PROGRESS_AT : RESPONSE_PUBLISHED_AT),
      })
      .returning({ id: commitment.id });
    if (!row) throw new Error("demo seed: commitment not inserted");
    await insertCommitmentHistory(tx, row.id, text.progress, author);
  }
}

/** The history starts with the commitment being made (from nothing to planned), then each change. */
async function insertCommitmentHistory(
  tx: Transaction,
  commitmentId: number,
  progress: DemoCommitmentText["progress"],
  changedById: string,
): Promise<void> {
  let from: CommitmentStatus = "planned";
  const changes = progress.map((step, index) => {
    const change = {
      commitmentId,
      fromStatus: from,
      toStatus: step.to,
      reason: { en: step.reason },
      changedById,
      createdAt: date(COMMITMENT_PROGRESS_AT + index * HOUR),
    };
    from = step.to;
    return change;
  });
  await tx.insert(commitmentStatusChange).values([
    {
      commitmentId,
      fromStatus: null,
      toStatus: "planned" as const,
      reason: null,
      changedById,
      createdAt: date(RESPONSE_PUBLISHED_AT),
    },
    ...changes,
  ]);
}
