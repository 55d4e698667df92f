/** The moderation queue's choices, shared by the server and the page (no I/O, nothing server-only). */

export const queueItemTypes = ["comment", "proposal"] as const;
export type QueueItemType = (typeof queueItemTypes)[number];

/** "open": waiting for approval or reported; "hidden": hidden items, which may be restored. */
export const queueViews = ["open", "hidden"] as const;
export const queueAges = ["day", "week", "older"] as const;

/** Decisions that apply to several selected items at once. */
export const bulkDecisions = ["approve", "hide", "reject", "dismiss-flags"] as const;
export type BulkDecision = (typeof bulkDecisions)[number];
