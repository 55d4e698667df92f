/**
 * The one Drizzle schema of Baraza, for PGlite and PostgreSQL alike.
 *
 * Conventions:
 * - Accounts use text ids because better-auth generates them; domain rows use identity integers,
 *   which keep URLs short and make tampered ids easy to reject.
 * - Texts written by staff in several languages are `jsonb` maps from locale to text
 *   (see docs/decisions/0003-localized-text-as-jsonb.md).
 * - Every timestamp is `timestamptz`.
 */
import { relations, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";

import {
  ageBands,
  flagReasons,
  genders,
  interestKinds,
  meetingMethods,
  priorityCategories,
  productTypes,
  stakeholderGroups,
  type WebhookEvent,
} from "./vocabulary";

export * from "./vocabulary";

export type LocalizedText = Partial<Record<string, string>>;

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const id = () => integer("id").primaryKey().generatedAlwaysAsIdentity();

// ───────────────────────────── accounts (the tables better-auth expects) ─────────────────────────────

export const user = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  /** Set by better-auth's two-factor plugin once a TOTP enrolment is verified. */
  twoFactorEnabled: boolean("two_factor_enabled").notNull().default(false),
});

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    token: text("token").notNull().unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("account_user_idx").on(t.userId)],
);

/**
 * How better-auth's reads join these tables (`advanced.database.joins`): a request's session comes
 * with its user in one statement instead of two, and an e-mail's user with their accounts.
 */
export const userRelations = relations(user, ({ many }) => ({ sessions: many(session), accounts: many(account) }));
export const sessionRelations = relations(session, ({ one }) => ({
  user: one(user, { fields: [session.userId], references: [user.id] }),
}));
export const accountRelations = relations(account, ({ one }) => ({
  user: one(user, { fields: [account.userId], references: [user.id] }),
}));

export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

/** better-auth's two-factor plugin: the TOTP secret and recovery codes, both encrypted with AUTH_SECRET. */
export const twoFactor = pgTable(
  "two_factor",
  {
    id: text("id").primaryKey(),
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** False between "enable" and the first correct code. */
    verified: boolean("verified").notNull().default(true),
    failedVerificationCount: integer("failed_verification_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
  },
  (t) => [index("two_factor_user_idx").on(t.userId)],
);

/** Fixed-window counters shared by every app process (rate-limiter-flexible's Drizzle store). */
export const rateLimit = pgTable("rate_limit", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: timestamp("expire", { withTimezone: true }),
});

/**
 * A member's request to erase their account, carried out by the erasure job once `dueAt` (14 days
 * later) has passed, unless the member cancels first. `keepComments`: their comments stay, without
 * their name, as "a former participant"; otherwise everything they wrote goes too.
 */
export const accountErasure = pgTable(
  "account_erasure",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => user.id, { onDelete: "cascade" }),
    keepComments: boolean("keep_comments").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("account_erasure_due_idx").on(t.dueAt)],
);

// ───────────────────────────── people, institutions, roles ─────────────────────────────

/** Everything optional: nothing of it is required to take part. */
export const profile = pgTable("profile", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  displayName: text("display_name"),
  country: text("country"), // ISO 3166-1 alpha-2
  stakeholderGroup: text("stakeholder_group", { enum: stakeholderGroups }),
  ageBand: text("age_band", { enum: ageBands }),
  gender: text("gender", { enum: genders }),
  preferredLanguage: text("preferred_language"),
  hasDeclaredInterest: boolean("has_declared_interest"),
  interestKind: text("interest_kind", { enum: interestKinds }),
  statsConsent: boolean("stats_consent").notNull().default(false),
  notifyByEmail: boolean("notify_by_email").notNull().default(true),
  notifyInApp: boolean("notify_in_app").notNull().default(true),
  isDemo: boolean("is_demo").notNull().default(false),
  updatedAt: updatedAt(),
});

export const institution = pgTable("institution", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: jsonb("name").$type<LocalizedText>().notNull(),
  website: text("website"),
  createdAt: createdAt(),
});

export const siteRoles = ["admin", "facilitator"] as const;
export type SiteRole = (typeof siteRoles)[number];

/** Roles that hold across the whole site. Per-consultation and per-institution roles have their own tables. */
export const userRole = pgTable(
  "user_role",
  {
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: text("role", { enum: siteRoles }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const institutionMember = pgTable(
  "institution_member",
  {
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institution.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.userId] }), index("institution_member_user_idx").on(t.userId)],
);

// ───────────────────────────── consultations and priorities ─────────────────────────────

export const consultationPhase = pgEnum("consultation_phase", ["draft", "open", "closed", "summarising", "published"]);
export const moderationMode = pgEnum("moderation_mode", ["pre", "post"]);
export const resultsVisibility = pgEnum("results_visibility", ["always", "after_vote", "after_close"]);

export const consultation = pgTable(
  "consultation",
  {
    id: id(),
    slug: text("slug").notNull().unique(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    summary: jsonb("summary").$type<LocalizedText>().notNull(),
    context: jsonb("context").$type<LocalizedText>().notNull(),
    defaultLocale: text("default_locale").notNull().default("en"),
    phase: consultationPhase("phase").notNull().default("draft"),
    opensAt: timestamp("opens_at", { withTimezone: true }),
    closesAt: timestamp("closes_at", { withTimezone: true }),
    moderationMode: moderationMode("moderation_mode").notNull().default("post"),
    resultsVisibility: resultsVisibility("results_visibility").notNull().default("always"),
    /** Points each member may spread over the priorities; null when the consultation has no ballot. */
    ballotBudget: integer("ballot_budget"),
    flagThreshold: integer("flag_threshold").notNull().default(3),
    regionCountries: text("region_countries")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    regionCommunities: text("region_communities")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    owningInstitutionId: integer("owning_institution_id").references(() => institution.id),
    isDemo: boolean("is_demo").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("consultation_ballot_budget_positive", sql`${t.ballotBudget} is null or ${t.ballotBudget} > 0`)],
);

/** The consultation a row belongs to, and goes with. */
const consultationIdColumn = () =>
  integer("consultation_id")
    .notNull()
    .references(() => consultation.id, { onDelete: "cascade" });

export const consultationModerator = pgTable(
  "consultation_moderator",
  {
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultation.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.userId] }), index("consultation_moderator_user_idx").on(t.userId)],
);

/**
 * Members who record community meetings and type in their input for one consultation, granted by an
 * admin or the consultation's moderators (docs/decisions/0037-meetings-and-offline-input.md).
 */
export const consultationFacilitator = pgTable(
  "consultation_facilitator",
  {
    consultationId: consultationIdColumn(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    grantedById: text("granted_by_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.consultationId, t.userId] }),
    index("consultation_facilitator_user_idx").on(t.userId),
  ],
);

/** Institutions other than the owner that follow a consultation and may download its reports. */
export const institutionFollow = pgTable(
  "institution_follow",
  {
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institution.id, { onDelete: "cascade" }),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultation.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.consultationId] })],
);

/** Seed priorities are `approved`; member proposals start `pending` and go to moderation. */
export const priorityStatus = pgEnum("priority_status", ["pending", "approved", "rejected", "merged", "hidden"]);

export const priority = pgTable(
  "priority",
  {
    id: id(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultation.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    body: jsonb("body").$type<LocalizedText>().notNull(),
    category: text("category", { enum: priorityCategories }).notNull(),
    productType: text("product_type", { enum: productTypes }),
    status: priorityStatus("status").notNull().default("approved"),
    proposedById: text("proposed_by_id").references(() => user.id, { onDelete: "set null" }),
    /** Language a member's proposal was written in; null for staff-written priorities. */
    proposalLanguage: text("proposal_language"),
    mergedIntoId: integer("merged_into_id").references((): AnyPgColumn => priority.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("priority_consultation_idx").on(t.consultationId, t.status, t.position)],
);

// ───────────────────────────── channels and community meetings ─────────────────────────────

/**
 * Where a vote, ballot or comment came from: the website, a community meeting typed in by a
 * facilitator, or a phone (SMS, USSD). A dimension of every report, export and API breakdown
 * (docs/decisions/0038-channel-as-a-dimension.md).
 */
export const inputChannel = pgEnum("input_channel", ["web", "meeting", "sms", "ussd"]);
export type InputChannel = (typeof inputChannel.enumValues)[number];

export const meetingStatus = pgEnum("meeting_status", ["recorded", "voided"]);

/**
 * A community meeting whose input a facilitator typed in. Its votes, ballots and comments carry its
 * id; voiding it (a moderator's decision, in the moderation log) takes them out of every count.
 */
export const meeting = pgTable(
  "meeting",
  {
    id: id(),
    consultationId: consultationIdColumn(),
    facilitatorId: text("facilitator_id").references(() => user.id, { onDelete: "set null" }),
    heldOn: date("held_on").notNull(),
    country: text("country").notNull(), // ISO 3166-1 alpha-2
    place: text("place").notNull(),
    language: text("language").notNull(),
    peoplePresent: integer("people_present").notNull(),
    method: text("method", { enum: meetingMethods }).notNull(),
    status: meetingStatus("status").notNull().default("recorded"),
    voidedReason: text("voided_reason"),
    voidedById: text("voided_by_id").references(() => user.id, { onDelete: "set null" }),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("meeting_consultation_idx").on(t.consultationId, t.heldOn),
    index("meeting_facilitator_idx").on(t.facilitatorId),
    check("meeting_people_present_positive", sql`${t.peoplePresent} > 0`),
  ],
);

export const meetingImportStatus = pgEnum("meeting_import_status", ["preview", "confirmed", "undone"]);

/**
 * A spreadsheet uploaded on a meeting's page, parsed and kept until the facilitator confirms it:
 * `rows` is what will be stored, `rowErrors` what stops it. The rows it stored carry its id, so an
 * undo takes exactly them away. A file (by `contentHash`) is confirmed at most once per consultation.
 */
export const meetingImport = pgTable(
  "meeting_import",
  {
    id: id(),
    meetingId: integer("meeting_id")
      .notNull()
      .references(() => meeting.id, { onDelete: "cascade" }),
    consultationId: consultationIdColumn(),
    uploadedById: text("uploaded_by_id").references(() => user.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    format: text("format", { enum: ["csv", "xlsx"] }).notNull(),
    contentHash: text("content_hash").notNull(),
    status: meetingImportStatus("status").notNull().default("preview"),
    rows: jsonb("rows").$type<unknown[]>().notNull(),
    rowErrors: jsonb("row_errors").$type<unknown[]>().notNull(),
    createdAt: createdAt(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    undoneAt: timestamp("undone_at", { withTimezone: true }),
  },
  (t) => [
    index("meeting_import_meeting_idx").on(t.meetingId, t.createdAt),
    uniqueIndex("meeting_import_confirmed_once")
      .on(t.consultationId, t.contentHash)
      .where(sql`${t.status} = 'confirmed'`),
  ],
);

// ───────────────────────────── votes and ballots ─────────────────────────────

/**
 * The columns that say where a vote, ballot or comment came from. Exactly one of the member, the
 * meeting or the phone stands behind each row, and the channel agrees with it.
 */
const inputSource = () => ({
  channel: inputChannel("channel").notNull().default("web"),
  meetingId: integer("meeting_id").references(() => meeting.id, { onDelete: "cascade" }),
  /** The rows a spreadsheet import stored, so that undoing the import takes exactly them away. */
  meetingImportId: integer("meeting_import_id").references(() => meetingImport.id, { onDelete: "cascade" }),
  /** A phone's votes, points and comments (SMS, USSD); erasing the phone takes them away. */
  phoneId: integer("phone_id").references((): AnyPgColumn => phone.id, { onDelete: "cascade" }),
});

function inputSourceChecks(
  table: string,
  t: { userId: AnyPgColumn; channel: AnyPgColumn; meetingId: AnyPgColumn; phoneId: AnyPgColumn },
) {
  return [
    check(
      `${table}_has_source`,
      sql`${t.userId} is not null or ${t.meetingId} is not null or ${t.phoneId} is not null`,
    ),
    check(`${table}_meeting_channel`, sql`(${t.channel} = 'meeting') = (${t.meetingId} is not null)`),
  ];
}

export const voteValue = pgEnum("vote_value", ["agree", "disagree", "pass"]);
export type VoteValue = (typeof voteValue.enumValues)[number];

export const vote = pgTable(
  "vote",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultation.id, { onDelete: "cascade" }),
    priorityId: integer("priority_id")
      .notNull()
      .references(() => priority.id, { onDelete: "cascade" }),
    /** Null for a vote from a meeting or a phone: one row per ballot, with no account behind it. */
    userId: text("user_id").references(() => user.id, { onDelete: "cascade" }),
    value: voteValue("value").notNull(),
    /** Set when a facilitator entered this vote on the member's behalf (offline input). */
    enteredById: text("entered_by_id").references(() => user.id, { onDelete: "set null" }),
    ...inputSource(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("vote_one_per_member_per_priority").on(t.priorityId, t.userId),
    uniqueIndex("vote_one_per_phone_per_priority").on(t.priorityId, t.phoneId),
    index("vote_consultation_idx").on(t.consultationId),
    index("vote_user_idx").on(t.userId),
    index("vote_meeting_idx").on(t.meetingId),
    ...inputSourceChecks("vote", t),
  ],
);

export const ballotAllocation = pgTable(
  "ballot_allocation",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultation.id, { onDelete: "cascade" }),
    priorityId: integer("priority_id")
      .notNull()
      .references(() => priority.id, { onDelete: "cascade" }),
    /** Null for points from a meeting's paper ballot or a phone. */
    userId: text("user_id").references(() => user.id, { onDelete: "cascade" }),
    points: integer("points").notNull(),
    ...inputSource(),
    /**
     * Which paper ballot of its meeting these points were written on (1, 2, …): the rows of one
     * ballot count as one ballot, like one member's rows. Null outside meetings.
     */
    meetingBallot: integer("meeting_ballot"),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("ballot_allocation_one_per_member_per_priority").on(t.priorityId, t.userId),
    unique("ballot_allocation_one_per_phone_per_priority").on(t.priorityId, t.phoneId),
    unique("ballot_allocation_one_per_paper_ballot_per_priority").on(t.meetingId, t.meetingBallot, t.priorityId),
    index("ballot_allocation_consultation_user_idx").on(t.consultationId, t.userId),
    index("ballot_allocation_meeting_idx").on(t.meetingId),
    check("ballot_allocation_points_non_negative", sql`${t.points} >= 0`),
    check(
      "ballot_allocation_meeting_ballot",
      sql`(${t.meetingId} is null) = (${t.meetingBallot} is null) and (${t.meetingBallot} is null or ${t.meetingBallot} > 0)`,
    ),
    ...inputSourceChecks("ballot_allocation", t),
  ],
);

// ───────────────────────────── comments, flags, moderation ─────────────────────────────

export const commentStance = pgEnum("comment_stance", ["supports", "concerns", "question"]);
/** `removed` means deleted by its author: the thread keeps its place, the text is gone. */
export const contentStatus = pgEnum("content_status", ["pending", "published", "hidden", "removed"]);

export const comment = pgTable(
  "comment",
  {
    id: id(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultation.id, { onDelete: "cascade" }),
    priorityId: integer("priority_id").references(() => priority.id, { onDelete: "cascade" }),
    parentId: integer("parent_id").references((): AnyPgColumn => comment.id, { onDelete: "cascade" }),
    depth: integer("depth").notNull().default(0),
    /**
     * Null once its author erased their account but chose to leave their comments, shown as "a
     * former participant" (app/accounts/erasure.server.ts, docs/decisions/0020-account-erasure.md).
     */
    authorId: text("author_id").references(() => user.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    /** BCP 47 tag of the language the author wrote in. */
    language: text("language").notNull(),
    stance: commentStance("stance"),
    status: contentStatus("status").notNull().default("published"),
    endorsementCount: integer("endorsement_count").notNull().default(0),
    enteredById: text("entered_by_id").references(() => user.id, { onDelete: "set null" }),
    ...inputSource(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
  },
  (t) => [
    index("comment_meeting_idx").on(t.meetingId),
    // No "has a source" check here: an erasure that keeps a member's comments leaves them authorless.
    check("comment_meeting_channel", sql`(${t.channel} = 'meeting') = (${t.meetingId} is not null)`),
    index("comment_priority_idx").on(t.priorityId, t.status, t.createdAt),
    index("comment_consultation_idx").on(t.consultationId, t.status),
    index("comment_parent_idx").on(t.parentId),
    index("comment_author_idx").on(t.authorId),
    // The spam check's "same text" lookup (app/moderation/records.server.ts): the MD5 of the text as
    // `comparableText` normalises it, so a post finds its repeats without reading the consultation.
    index("comment_same_text_idx").on(
      t.consultationId,
      sql`md5(lower(regexp_replace(btrim(${t.body}), '\\s+', ' ', 'g')))`,
    ),
    check("comment_body_length", sql`char_length(${t.body}) between 1 and 5000`),
  ],
);

/** Earlier texts of an edited comment, oldest first. */
export const commentRevision = pgTable(
  "comment_revision",
  {
    id: id(),
    commentId: integer("comment_id")
      .notNull()
      .references(() => comment.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("comment_revision_comment_idx").on(t.commentId)],
);

/**
 * An edit of a published comment waiting for a moderator: in a pre-moderated consultation, or when
 * the new text shows spam signals. The published text stays as it is until the edit is approved;
 * a later edit replaces the waiting one. See decision 0028.
 */
export const commentPendingEdit = pgTable(
  "comment_pending_edit",
  {
    commentId: integer("comment_id")
      .primaryKey()
      .references(() => comment.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    /** The spam signals the new text showed, if any (app/moderation/spam-signals.ts). */
    signals: jsonb("signals").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  () => [check("comment_pending_edit_body_length", sql`char_length(body) between 1 and 5000`)],
);

export const commentEndorsement = pgTable(
  "comment_endorsement",
  {
    commentId: integer("comment_id")
      .notNull()
      .references(() => comment.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] })],
);

export const commentTag = pgTable(
  "comment_tag",
  {
    commentId: integer("comment_id")
      .notNull()
      .references(() => comment.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.tag] })],
);

export const flagTargetType = pgEnum("flag_target_type", ["comment", "priority"]);

export const flag = pgTable(
  "flag",
  {
    id: id(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultation.id, { onDelete: "cascade" }),
    targetType: flagTargetType("target_type").notNull(),
    targetId: integer("target_id").notNull(),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: flagReasons }).notNull(),
    note: text("note"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("flag_one_per_member_per_item").on(t.targetType, t.targetId, t.reporterId),
    index("flag_consultation_idx").on(t.consultationId, t.resolvedAt),
  ],
);

export const moderationActionKinds = [
  "approve",
  "hide",
  "restore",
  "tag",
  "redact",
  "merge",
  "approve-as-priority",
  "reject",
  "hold",
  "suspend",
  "lift-suspension",
  "dismiss-flags",
  "approve-edit",
  "reject-edit",
  "void",
] as const;
export type ModerationActionKind = (typeof moderationActionKinds)[number];

/**
 * Append-only: a trigger in the migrations refuses UPDATE and DELETE (see 0001 custom migration).
 * `actorId` is null for automatic decisions (flag threshold, spam signals).
 */
export const moderationAction = pgTable(
  "moderation_action",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultation.id, { onDelete: "cascade" }),
    targetType: text("target_type", { enum: ["comment", "priority", "user", "meeting"] }).notNull(),
    targetId: text("target_id").notNull(),
    action: text("action", { enum: moderationActionKinds }).notNull(),
    reason: text("reason"),
    note: text("note"),
    actorId: text("actor_id").references(() => user.id, { onDelete: "set null" }),
    automatic: boolean("automatic").notNull().default(false),
    /** What the decision needs to be understood later, e.g. the original text of a redacted comment. */
    details: jsonb("details").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index("moderation_action_consultation_idx").on(t.consultationId, t.createdAt),
    index("moderation_action_target_idx").on(t.targetType, t.targetId),
  ],
);

export const suspension = pgTable(
  "suspension",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** Null suspends the member everywhere (admins); otherwise only in that consultation. */
    consultationId: integer("consultation_id").references(() => consultation.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    liftedAt: timestamp("lifted_at", { withTimezone: true }),
    createdById: text("created_by_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("suspension_user_idx").on(t.userId)],
);

// ───────────────────────────── summaries and institutional responses ─────────────────────────────

export const publicationStatus = pgEnum("publication_status", ["draft", "published"]);

/** One per consultation (priorityId null) or per priority, per locale. */
export const summary = pgTable(
  "summary",
  {
    id: id(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultation.id, { onDelete: "cascade" }),
    priorityId: integer("priority_id").references(() => priority.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    status: publicationStatus("status").notNull().default("draft"),
    publishedVersion: integer("published_version"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("summary_one_per_scope_locale").on(t.consultationId, t.priorityId, t.locale).nullsNotDistinct()],
);

export const summaryVersion = pgTable(
  "summary_version",
  {
    id: id(),
    summaryId: integer("summary_id")
      .notNull()
      .references(() => summary.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    bodyMarkdown: text("body_markdown").notNull(),
    authorId: text("author_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("summary_version_number").on(t.summaryId, t.version)],
);

/** Comments a moderator quoted in a summary; the quote shows no name, ever. */
export const summaryQuote = pgTable(
  "summary_quote",
  {
    summaryId: integer("summary_id")
      .notNull()
      .references(() => summary.id, { onDelete: "cascade" }),
    commentId: integer("comment_id")
      .notNull()
      .references(() => comment.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.summaryId, t.commentId] })],
);

export const institutionalResponse = pgTable(
  "institutional_response",
  {
    id: id(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultation.id, { onDelete: "cascade" }),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institution.id, { onDelete: "cascade" }),
    summaryId: integer("summary_id").references(() => summary.id, { onDelete: "set null" }),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    body: jsonb("body").$type<LocalizedText>().notNull(),
    status: publicationStatus("status").notNull().default("draft"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdById: text("created_by_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("institutional_response_consultation_idx").on(t.consultationId)],
);

export const commitmentStatus = pgEnum("commitment_status", ["planned", "in_progress", "done", "dropped"]);

export const commitment = pgTable(
  "commitment",
  {
    id: id(),
    responseId: integer("response_id")
      .notNull()
      .references(() => institutionalResponse.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    what: jsonb("what").$type<LocalizedText>().notNull(),
    who: jsonb("who").$type<LocalizedText>().notNull(),
    dueOn: date("due_on"),
    status: commitmentStatus("status").notNull().default("planned"),
    /** Why the status last changed: the latest history entry's reason, translated with it. */
    statusReason: jsonb("status_reason").$type<LocalizedText>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("commitment_response_idx").on(t.responseId)],
);

export const commitmentStatusChange = pgTable(
  "commitment_status_change",
  {
    id: id(),
    commitmentId: integer("commitment_id")
      .notNull()
      .references(() => commitment.id, { onDelete: "cascade" }),
    fromStatus: commitmentStatus("from_status"),
    toStatus: commitmentStatus("to_status").notNull(),
    reason: jsonb("reason").$type<LocalizedText>(),
    changedById: text("changed_by_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("commitment_status_change_commitment_idx").on(t.commitmentId, t.createdAt)],
);

// ───────────────────────────── notifications, mail, audit ─────────────────────────────

export const notification = pgTable(
  "notification",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["summary-published", "response-published", "commitment-status"] }).notNull(),
    /** Identifies the event, so a member is notified once per event whatever retries happen. */
    eventKey: text("event_key").notNull(),
    consultationId: integer("consultation_id").references(() => consultation.id, { onDelete: "cascade" }),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("notification_once_per_event").on(t.userId, t.eventKey),
    index("notification_unread_idx").on(t.userId, t.readAt),
  ],
);

export const outboxStatus = pgEnum("outbox_status", ["pending", "sending", "sent", "failed"]);

/**
 * Every e-mail goes through this table: written in the same transaction as the event, sent by the
 * outbox worker with retries. `dedupeKey` makes "once per member and event" a database guarantee.
 */
export const outboxMail = pgTable(
  "outbox_mail",
  {
    id: id(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    /** The one-click unsubscribe address (RFC 8058) of a notification mail; null for account mails. */
    listUnsubscribeUrl: text("list_unsubscribe_url"),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_mail_due_idx").on(t.status, t.nextAttemptAt)],
);

export const downloadLog = pgTable(
  "download_log",
  {
    id: id(),
    userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
    institutionId: integer("institution_id").references(() => institution.id, { onDelete: "set null" }),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultation.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    format: text("format").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("download_log_consultation_idx").on(t.consultationId, t.createdAt)],
);

// ───────────────────────────── opinion groups ─────────────────────────────

/**
 * The latest opinion-group analysis of a consultation (app/opinion/), computed in the background.
 * `voteCount` and `computedAt` say what it was computed from, so the worker knows when it is stale.
 */
export const opinionGroupsResult = pgTable("opinion_groups_result", {
  consultationId: integer("consultation_id")
    .primaryKey()
    .references(() => consultation.id, { onDelete: "cascade" }),
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  voteCount: integer("vote_count").notNull(),
  participantCount: integer("participant_count").notNull(),
  result: jsonb("result").$type<Record<string, unknown>>().notNull(),
  durationMs: integer("duration_ms").notNull(),
});

// ───────────────────────────── institution API ─────────────────────────────

/**
 * Read-only API tokens of an institution. Only a SHA-256 hash of the token is stored: the token is
 * shown once, at creation. A revoked token is refused from the next request on.
 */
export const apiToken = pgTable(
  "api_token",
  {
    id: id(),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institution.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** The first characters of the token, so its owners can tell their tokens apart. */
    tokenPrefix: text("token_prefix").notNull(),
    createdById: text("created_by_id").references(() => user.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** The API refuses the token from then on; tokens made before expiry dates existed get a year. */
    expiresAt: timestamp("expires_at", { withTimezone: true })
      .notNull()
      .default(sql`now() + interval '1 year'`),
  },
  (t) => [index("api_token_institution_idx").on(t.institutionId)],
);

/** An https endpoint of an institution that receives the events of its consultations, signed with `secret`. */
export const webhook = pgTable(
  "webhook",
  {
    id: id(),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institution.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /**
     * The HMAC of each delivery needs it back, so it is encrypted, not hashed: `enc:v1:…` under a key
     * derived from AUTH_SECRET (app/webhooks/webhook-secret.server.ts); older rows hold it in clear.
     */
    secret: text("secret").notNull(),
    events: text("events").array().$type<WebhookEvent[]>().notNull(),
    createdAt: createdAt(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
  },
  (t) => [index("webhook_institution_idx").on(t.institutionId)],
);

export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", ["pending", "sending", "delivered", "failed"]);

/** One event for one webhook, delivered through a lease and back-off like `outbox_mail`. */
export const webhookDelivery = pgTable(
  "webhook_delivery",
  {
    id: id(),
    webhookId: integer("webhook_id")
      .notNull()
      .references(() => webhook.id, { onDelete: "cascade" }),
    event: text("event").$type<WebhookEvent>().notNull(),
    /** Names the event (e.g. `summary-published:12`): a webhook gets each event queued once. */
    eventKey: text("event_key").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: webhookDeliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("webhook_delivery_event_unique").on(t.webhookId, t.eventKey),
    index("webhook_delivery_due_idx").on(t.status, t.nextAttemptAt),
  ],
);

/** Consultations whose closing by the clock has been announced to webhooks, so it is announced once. */
export const consultationClosedEvent = pgTable("consultation_closed_event", {
  consultationId: integer("consultation_id")
    .primaryKey()
    .references(() => consultation.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
});

/** PostgreSQL `bytea`, read and written as a Node Buffer (PGlite hands back a Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const reportBuildStatus = pgEnum("report_build_status", ["queued", "running", "done", "failed"]);

/**
 * A PDF of a consultation's report in one language, built in the background (app/reports/report-builds.server.ts).
 * `progress` (0–100) and `stage` are what the waiting page shows; the finished file is kept here so that any
 * server process can hand it out.
 */
export const reportBuild = pgTable(
  "report_build",
  {
    id: id(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultation.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    status: reportBuildStatus("status").notNull().default("queued"),
    stage: text("stage"),
    progress: integer("progress").notNull().default(0),
    requestedById: text("requested_by_id").references(() => user.id, { onDelete: "set null" }),
    error: text("error"),
    pdf: bytea("pdf"),
    byteSize: integer("byte_size"),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("report_build_consultation_idx").on(t.consultationId, t.locale, t.createdAt),
    // One build at a time per report: requests while one is waiting or running join it.
    uniqueIndex("report_build_pending_unique")
      .on(t.consultationId, t.locale)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);

export const jobStatus = pgEnum("job_status", ["idle", "running", "failed"]);

/**
 * One row per background job (mail outbox, webhooks, report builds, opinion groups): the one place
 * to see what every job is doing, and the lease that lets exactly one process run a job's round at
 * a time across processes and machines (app/platform/jobs/runner.server.ts, docs/decisions/0019).
 */
export const job = pgTable("job", {
  name: text("name").primaryKey(),
  status: jobStatus("status").notNull().default("idle"),
  leaseOwner: text("lease_owner"),
  leaseUntil: timestamp("lease_until", { withTimezone: true }),
  nextRunAt: timestamp("next_run_at", { withTimezone: true }).notNull().defaultNow(),
  /** Failed rounds in a row; sets the back-off and resets on success. */
  attempts: integer("attempts").notNull().default(0),
  runs: integer("runs").notNull().default(0),
  lastStartedAt: timestamp("last_started_at", { withTimezone: true }),
  lastFinishedAt: timestamp("last_finished_at", { withTimezone: true }),
  /** How many items the last successful round handled (mails sent, builds finished, …). */
  lastResult: integer("last_result"),
  lastError: text("last_error"),
});

export const dataExportStatus = pgEnum("data_export_status", ["queued", "running", "done", "failed", "expired"]);

/**
 * "Download my data" (app/accounts/data-export.server.ts): a zip of everything the platform holds
 * about one member, built in the background and kept here for 7 days, then its file is deleted and
 * the row stays `expired` so that its link can say so (docs/decisions/0017-download-my-data.md).
 * Deleting the account deletes its exports with it.
 */
export const dataExport = pgTable(
  "data_export",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    /** The language of the HTML page and of the e-mail: the member's when they asked. */
    locale: text("locale").notNull(),
    status: dataExportStatus("status").notNull().default("queued"),
    zip: bytea("zip"),
    byteSize: integer("byte_size"),
    error: text("error"),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [
    index("data_export_user_idx").on(t.userId, t.createdAt),
    // One export at a time per member: asking again while one waits or runs joins it.
    uniqueIndex("data_export_pending_unique")
      .on(t.userId)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);

// ───────────────────────────── privacy: consents and retention ─────────────────────────────

/** What a member can consent to: profile answers counted in totals, and e-mail notifications. */
export const consentPurposes = ["statistics", "notifications"] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/**
 * Every time a member gives or withdraws a consent, with the version of the wording they were shown
 * (docs/decisions/0021-consent-records-and-retention.md). Append-only: the member's current choice
 * is the newest row, and the profile's `stats_consent` / `notify_by_email` columns, written in the
 * same transaction, are what every report, breakdown and export reads.
 */
export const consentRecord = pgTable(
  "consent_record",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: consentPurposes }).notNull(),
    wordingVersion: text("wording_version").notNull(),
    given: boolean("given").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("consent_record_user_idx").on(t.userId, t.purpose, t.at)],
);

/**
 * How long personal traces are kept, set by an admin (one row, id 1; defaults when absent): sign-in
 * history (`session`), the fixed-window counters that hold IP addresses (`rate_limit`) and sent mail
 * (`outbox_mail`). Enforced by the `retention` job (app/privacy/retention.server.ts).
 */
export const retentionPolicy = pgTable(
  "retention_policy",
  {
    id: integer("id").primaryKey().default(1),
    sessionsDays: integer("sessions_days").notNull().default(30),
    rateLimitDays: integer("rate_limit_days").notNull().default(30),
    mailDays: integer("mail_days").notNull().default(30),
    updatedAt: updatedAt(),
    updatedBy: text("updated_by").references(() => user.id, { onDelete: "set null" }),
  },
  (t) => [
    check("retention_policy_single_row", sql`${t.id} = 1`),
    check(
      "retention_policy_days",
      sql`${t.sessionsDays} between 1 and 3650 and ${t.rateLimitDays} between 1 and 3650 and ${t.mailDays} between 1 and 3650`,
    ),
  ],
);

// ───────────────────────────── phones (SMS and USSD) ─────────────────────────────

/**
 * A phone that took part by SMS or USSD: an identity like an account (one vote per phone per
 * priority), known only by a keyed hash of its number (docs/decisions/0040). The number in clear is
 * kept nowhere but in `outbox_sms`, for replies not yet sent.
 */
export const phone = pgTable(
  "phone",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** HMAC-SHA256 of the E.164 number under a key derived from the install's secret. */
    numberHash: text("number_hash").notNull().unique(),
    /** ISO 3166-1 alpha-2 from the calling code, for the report's country breakdown; null outside Africa. */
    countryCode: text("country_code"),
    language: text("language"),
    /** The account this phone was linked to, with a code sent by SMS; its votes then count once. */
    userId: text("user_id").references(() => user.id, { onDelete: "set null" }),
    /**
     * The number's last two digits, kept only while the phone is linked, so the member can tell
     * their phones apart on the profile without the number being stored (docs/decisions/0048).
     */
    lastDigits: text("last_digits"),
    /** Set by STOP: no message goes to this phone any more. */
    stoppedAt: timestamp("stopped_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("phone_user_idx").on(t.userId)],
);

export const phoneGateway = pgEnum("phone_gateway", ["africastalking", "twilio", "webhook"]);

/**
 * Each message a gateway delivered, once: the unique (gateway, message id) makes a replay find the
 * first answer instead of acting again. The message's own text is not kept, only the reply.
 */
export const phoneMessage = pgTable(
  "phone_message",
  {
    id: id(),
    gateway: phoneGateway("gateway").notNull(),
    messageId: text("message_id").notNull(),
    phoneId: integer("phone_id")
      .notNull()
      .references(() => phone.id, { onDelete: "cascade" }),
    reply: text("reply").notNull(),
    /** The message came in a flood from its phone: answered, nothing stored. */
    held: boolean("held").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("phone_message_once").on(t.gateway, t.messageId),
    index("phone_message_phone_idx").on(t.phoneId, t.createdAt),
  ],
);

/**
 * SMS waiting for their gateway, retried like `outbox_mail` (app/phones/sms-outbox.server.ts): the
 * row goes once sent, and a row that failed for good keeps its error but not its number.
 */
export const outboxSms = pgTable(
  "outbox_sms",
  {
    id: id(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    /** The gateway the message came through; null for a message of ours (a link code): any sender. */
    gateway: phoneGateway("gateway"),
    /** The number in clear, the only place it is; null once the message failed for good. */
    toNumber: text("to_number"),
    body: text("body").notNull(),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_sms_due_idx").on(t.status, t.nextAttemptAt)],
);

/**
 * A code sent by SMS to prove a member holds a number before the phone is linked to their account
 * (app/phones/phone-link.server.ts): one pending code per member, only its hash kept, ten minutes.
 */
export const phoneLinkCode = pgTable("phone_link_code", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  numberHash: text("number_hash").notNull(),
  countryCode: text("country_code"),
  lastDigits: text("last_digits").notNull(),
  codeHash: text("code_hash").notNull(),
  attempts: integer("attempts").notNull().default(0),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: createdAt(),
});
