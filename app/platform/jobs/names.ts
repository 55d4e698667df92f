/** The names of the background jobs, as rows of the `job` table. */
export const jobNames = {
  mail: "mail-outbox",
  sms: "sms-outbox",
  webhooks: "webhooks",
  reportBuilds: "report-builds",
  opinionGroups: "opinion-groups",
  accountErasures: "account-erasures",
  dataExports: "data-exports",
  retention: "retention",
} as const;
