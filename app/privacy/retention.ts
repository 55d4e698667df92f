/** The retention periods an admin sets (app/privacy/retention.server.ts), shared with the staff page. */
export const retentionKinds = ["sessionsDays", "rateLimitDays", "mailDays"] as const;
export type RetentionPeriods = Record<(typeof retentionKinds)[number], number>;

export const DEFAULT_RETENTION_DAYS = 30;
export const MAX_RETENTION_DAYS = 3650;
