/**
 * "Download my data" (issue 14 item 5, docs/decisions/0017-download-my-data.md): a member asks, the
 * job runner builds one zip of everything the platform holds about them (my-data.json and a page in
 * their language, my-data.html), keeps it in `data_export` for 7 days and mails them the link. Then
 * the file is deleted and the row stays, `expired`, so that the link can say so.
 */
import { and, desc, eq, getTableColumns, lte, sql } from "drizzle-orm";
import yazl from "yazl";
import { dataExport, user } from "~db/schema";
import type { Database, Queryable } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { fallbackLanguage, isSupportedLanguage, type Language } from "~/platform/i18n/config";
import { i18nServer } from "~/platform/i18n/i18n.server";
import { claimOldestBuild, stillClaimed, type ClaimedBuild } from "~/platform/jobs/claimed-builds.server";
import { jobNames } from "~/platform/jobs/names";
import { wakeJob } from "~/platform/jobs/runner.server";
import { queueMail } from "~/platform/mail/outbox.server";
import { formatDateTime } from "~/platform/format";
import { renderMemberDataPage } from "~/accounts/member-data-page.server";
import { collectMemberData, type MemberData } from "~/accounts/member-data.server";

/** How long a finished export can be downloaded. */
export const DATA_EXPORT_LIFETIME_MS = 7 * 24 * 60 * 60_000;

export const dataExportFiles = { json: "my-data.json", html: "my-data.html" } as const;

const { zip: _zip, ...viewColumns } = getTableColumns(dataExport);
export type DataExportView = Omit<typeof dataExport.$inferSelect, "zip">;

/** The member's newest export (the one waiting or running first), or null. */
export async function currentDataExport(db: Queryable, userId: string): Promise<DataExportView | null> {
  const [row] = await db
    .select(viewColumns)
    .from(dataExport)
    .where(eq(dataExport.userId, userId))
    .orderBy(sql`${dataExport.status} in ('queued', 'running') desc`, desc(dataExport.createdAt), desc(dataExport.id))
    .limit(1);
  return row ?? null;
}

/**
 * Queues an export of the member's data in `locale`, unless one is already waiting or running (then
 * that one is returned): safe under concurrent requests, a partial unique index allows one.
 */
export async function requestDataExport(
  db: Queryable,
  input: { userId: string; locale: Language },
): Promise<DataExportView> {
  await db.insert(dataExport).values({ userId: input.userId, locale: input.locale }).onConflictDoNothing();
  const current = await currentDataExport(db, input.userId);
  if (!current) throw new Error("a queued data export vanished");
  wakeJob(jobNames.dataExports);
  return current;
}

export type DataExportDownload =
  { kind: "ready"; zip: Buffer; createdAt: Date } | { kind: "expired" } | { kind: "pending" } | { kind: "notFound" };

/**
 * The export `exportId` for `userId`: its file while it lasts. Anyone else's export, or one that does
 * not exist, is `notFound`: staff included, nobody learns that someone else's export exists.
 */
export async function readDataExport(
  db: Queryable,
  input: { exportId: number; userId: string },
  now = new Date(),
): Promise<DataExportDownload> {
  const [row] = await db
    .select({
      status: dataExport.status,
      zip: dataExport.zip,
      expiresAt: dataExport.expiresAt,
      createdAt: dataExport.createdAt,
    })
    .from(dataExport)
    .where(and(eq(dataExport.id, input.exportId), eq(dataExport.userId, input.userId)));
  if (!row) return { kind: "notFound" };
  if (row.status === "queued" || row.status === "running") return { kind: "pending" };
  // Past its date the file is refused even before the worker has deleted it.
  if (row.status !== "done" || !row.zip || !row.expiresAt || row.expiresAt <= now) {
    return row.status === "failed" ? { kind: "notFound" } : { kind: "expired" };
  }
  return { kind: "ready", zip: row.zip, createdAt: row.createdAt };
}

/** The zip of a member's data: the JSON and the page, nothing else. */
export async function zipMemberData(data: MemberData, html: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(data.generatedAt);
  zip.addBuffer(Buffer.from(JSON.stringify(data, null, 2), "utf8"), dataExportFiles.json, { mtime });
  zip.addBuffer(Buffer.from(html, "utf8"), dataExportFiles.html, { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Builds the whole zip of `userId`'s data, its page in `locale`. */
export async function buildMemberDataZip(
  db: Queryable,
  userId: string,
  locale: Language,
  now = new Date(),
): Promise<Buffer> {
  const data = await collectMemberData(db, userId, locale, now);
  const t = await i18nServer.getFixedT(locale, ["mydata", "profile", "participation"]);
  return zipMemberData(data, renderMemberDataPage(data, t));
}

/** Deletes the files of exports past their date; their rows stay, `expired`. Returns how many. */
export async function expireDataExports(db: Queryable, now = new Date()): Promise<number> {
  const expired = await db
    .update(dataExport)
    .set({ status: "expired", zip: null })
    .where(and(eq(dataExport.status, "done"), lte(dataExport.expiresAt, now)))
    .returning({ id: dataExport.id });
  return expired.length;
}

interface ClaimedExport extends ClaimedBuild {
  user_id: string;
  locale: string;
}

/**
 * One round of the data-export job: deletes expired files, then builds every waiting export, one
 * after another, until none waits or `signal` aborts. Returns how many it expired, built or failed.
 */
export async function processDataExports(db: Database, signal?: AbortSignal, now = () => new Date()): Promise<number> {
  let handled = await expireDataExports(db, now());
  while (!signal?.aborted) {
    const claimed = await claimOldestBuild<ClaimedExport>(db, dataExport, ["user_id", "locale"]);
    if (!claimed) break;
    await runDataExport(db, claimed, now());
    handled += 1;
  }
  return handled;
}

async function runDataExport(db: Database, claimed: ClaimedExport, now: Date): Promise<void> {
  const locale = isSupportedLanguage(claimed.locale) ? claimed.locale : fallbackLanguage;
  try {
    const zip = await buildMemberDataZip(db, claimed.user_id, locale, now);
    const expiresAt = new Date(now.getTime() + DATA_EXPORT_LIFETIME_MS);
    await db.transaction(async (tx) => {
      const finished = await tx
        .update(dataExport)
        .set({ status: "done", zip, byteSize: zip.byteLength, finishedAt: now, expiresAt })
        .where(stillClaimed(dataExport, claimed))
        .returning({ id: dataExport.id });
      if (finished.length === 0) return;
      // Only the newest file is worth keeping: earlier ones are deleted now rather than in 7 days.
      await tx
        .update(dataExport)
        .set({ status: "expired", zip: null })
        .where(
          and(
            eq(dataExport.userId, claimed.user_id),
            eq(dataExport.status, "done"),
            sql`${dataExport.id} <> ${claimed.id}`,
          ),
        );
      await queueReadyMail(tx, { exportId: claimed.id, userId: claimed.user_id, locale, expiresAt });
    });
  } catch (error) {
    console.warn(`[data exports] export ${claimed.id} failed:`, error);
    await db
      .update(dataExport)
      .set({ status: "failed", error: "failed", finishedAt: now })
      .where(stillClaimed(dataExport, claimed));
  }
}

/** The link to an export, as mailed and shown on the page. */
export const dataExportPath = (exportId: number) => `/profile/data/${exportId}`;

async function queueReadyMail(
  db: Queryable,
  input: { exportId: number; userId: string; locale: Language; expiresAt: Date },
): Promise<void> {
  const [owner] = await db.select({ email: user.email }).from(user).where(eq(user.id, input.userId));
  if (!owner) return;
  const t = await i18nServer.getFixedT(input.locale, "mydata");
  const link = new URL(dataExportPath(input.exportId), getEnv().BASE_URL).toString();
  await queueMail(db, {
    dedupeKey: `data-export:${input.exportId}`,
    to: owner.email,
    subject: t("mail.subject"),
    text: t("mail.body", { link, until: formatDateTime(input.expiresAt, input.locale) }),
  });
}
