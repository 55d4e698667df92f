/**
 * The fixed lists of values the schema stores as text (categories, product types, profile answers,
 * flag reasons). Kept apart from db/schema.ts, with no imports, so pages can use them without
 * shipping Drizzle to the browser.
 */

export const stakeholderGroups = [
  "community-member",
  "civil-society",
  "health-worker",
  "manufacturer",
  "government-regulator",
  "procurement-agency",
  "researcher",
  "financing-institution",
  "international-organisation",
  "other",
] as const;

export const ageBands = [
  "under-18",
  "18-24",
  "25-34",
  "35-44",
  "45-54",
  "55-64",
  "65-plus",
  "prefer-not-to-say",
] as const;

export const genders = ["woman", "man", "another", "prefer-not-to-say"] as const;

export const interestKinds = ["manufacturer", "distributor", "investor", "procurement-body"] as const;

export const priorityCategories = [
  "pooled-procurement",
  "needs-aligned",
  "innovation-capacity",
  "technology-transfer",
  "access-provisions",
  "regulatory-harmonisation",
  "api-supply-chains",
  "financing",
  "policy-coherence",
  "community-engagement",
] as const;

export const productTypes = [
  "vaccines",
  "diagnostics",
  "ncd-medicines",
  "antimicrobials",
  "neglected-disease-medicines",
  "medical-countermeasures",
  "other",
] as const;

/** How a community meeting gathered its input (the `meeting` table). */
export const meetingMethods = ["show-of-hands", "paper-ballots", "discussion", "mixed"] as const;

/** More than a village hall holds: a bigger figure is a typing error, and would lift the entry limit with it. */
export const maxMeetingPeoplePresent = 5_000;

export const flagReasons = ["spam", "abusive", "off-topic", "misinformation", "personal-data", "other"] as const;

/** Why a moderator hides, rejects or suspends: the flag reasons, and a duplicate of something already there. */
export const moderationReasons = [...flagReasons, "duplicate"] as const;

/** Themes a moderator tags comments with, to find them again when writing a summary. */
export const commentThemes = [
  "cost",
  "access",
  "quality",
  "supply",
  "regulation",
  "skills",
  "financing",
  "equity",
] as const;

/** How long a moderator may suspend a member from a consultation. */
export const suspensionPeriodsInDays = [1, 7, 30, 90] as const;

export type StakeholderGroup = (typeof stakeholderGroups)[number];

export type PriorityCategory = (typeof priorityCategories)[number];

export type ProductType = (typeof productTypes)[number];

export type FlagReason = (typeof flagReasons)[number];

/** The African Union's regional economic communities a consultation can be scoped to. */
export const regionalEconomicCommunities = [
  "AMU",
  "COMESA",
  "CEN-SAD",
  "EAC",
  "ECCAS",
  "ECOWAS",
  "IGAD",
  "SADC",
] as const;

export type RegionalEconomicCommunity = (typeof regionalEconomicCommunities)[number];

export type ModerationReason = (typeof moderationReasons)[number];

export type CommentTheme = (typeof commentThemes)[number];

/** The events an institution's webhook can subscribe to. */
export const webhookEvents = ["consultation.closed", "summary.published", "response.published"] as const;
export type WebhookEvent = (typeof webhookEvents)[number];
