/**
 * A consultation's data export as a file to download: which file a name asks for, its bytes (a
 * stream), its type and name, and the audit line every download leaves in download_log.
 */
import { count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { consultation, downloadLog, institution, user } from "~db/schema";
import type { ConsultationRow } from "~/consultations/consultations.server";
import type { Queryable } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import type { Actor, ConsultationScope } from "~/platform/permissions.server";
import { participantKeys } from "~/exports/participant-key.server";
import { exportTableNames, exportTables, type ExportContext, type ExportTableName } from "~/exports/tables.server";
import { streamCsv, streamDataPackage, streamJson, streamXlsx, type ByteStream } from "~/exports/writers.server";

/**
 * What can be downloaded: one table or all of them as XLSX (a sheet each) or JSON, one table as CSV
 * (with a byte-order mark for Excel, or without), or the Data Package of every table.
 */
export type ExportFile =
  | { kind: ExportTableName; format: "csv" | "csv-bom" | "xlsx" | "json" }
  | { kind: "all"; format: "xlsx" | "json" }
  | { kind: "package"; format: "zip" };

const fileName = z.union([
  z
    .string()
    .regex(/^[a-z_]+\.(csv|xlsx|json)$/)
    .transform((name) => {
      const [kind, format] = name.split(".") as [string, "csv" | "xlsx" | "json"];
      return { kind, format };
    })
    .pipe(
      z.union([
        z.object({ kind: z.enum(exportTableNames), format: z.enum(["csv", "xlsx", "json"]) }),
        z.object({ kind: z.literal("all"), format: z.enum(["xlsx", "json"]) }),
      ]),
    ),
  z.literal("package.zip").transform(() => ({ kind: "package" as const, format: "zip" as const })),
]);

/** The file a URL's last segment names (`votes.csv`, `all.xlsx`, `package.zip`), or null when it names none. */
export function parseExportFile(name: string, bom: boolean): ExportFile | null {
  const parsed = fileName.safeParse(name);
  if (!parsed.success) return null;
  const file = parsed.data;
  return file.format === "csv" && bom ? { ...file, format: "csv-bom" } : file;
}

const contentTypes: Record<ExportFile["format"], string> = {
  csv: "text/csv; charset=utf-8; header=present",
  "csv-bom": "text/csv; charset=utf-8; header=present",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
  zip: "application/zip",
};

const extensions: Record<ExportFile["format"], string> = {
  csv: "csv",
  "csv-bom": "csv",
  xlsx: "xlsx",
  json: "json",
  zip: "zip",
};

export interface ExportSettings {
  secret: string;
  smallCellThreshold: number;
  batchSize?: number;
}

/**
 * Rows per query. Read through JavaScript (XLSX, JSON), a batch becomes one JSON text and then
 * objects: 2,000 keep memory flat (PGlite's `votes.xlsx` grew resident memory by 107 MB at 10,000,
 * by 7 MB at 2,000, for 9 % less speed). The database's own CSV writer (COPY, on PGlite batch by
 * batch) gains from large batches: 10,000 (PGlite's `votes.csv` lost 40 % of its speed at 2,000).
 */
const ROW_BATCH_SIZE = 2_000;
const COPY_BATCH_SIZE = 10_000;

export interface ExportDownload {
  body: ByteStream;
  contentType: string;
  filename: string;
}

/** The bytes, type and file name of `file` for `consultation`. Nothing is read before the body is. */
export function buildExport(
  db: Queryable,
  row: Pick<ConsultationRow, "id" | "slug" | "title" | "defaultLocale">,
  file: ExportFile,
  settings: ExportSettings,
): ExportDownload {
  const tables = exportTables(settings.smallCellThreshold);
  const context: ExportContext = {
    db,
    consultationId: row.id,
    participantKey: participantKeys(settings.secret, row.id),
    secret: settings.secret,
    smallCellThreshold: settings.smallCellThreshold,
    batchSize:
      settings.batchSize ?? (file.format === "xlsx" || file.format === "json" ? ROW_BATCH_SIZE : COPY_BATCH_SIZE),
  };
  const base = `baraza-${row.slug}`;
  const filename = `${base}-${file.kind}.${extensions[file.format]}`;
  const contentType = contentTypes[file.format];
  if (file.kind === "package") {
    const metadata = {
      name: base,
      title: row.title.en ?? row.title[row.defaultLocale] ?? row.slug,
      created: new Date(),
      smallCellThreshold: settings.smallCellThreshold,
    };
    return { body: streamDataPackage(tables, context, metadata), contentType, filename };
  }
  const chosen = file.kind === "all" ? tables : tables.filter((t) => t.name === file.kind);
  switch (file.format) {
    case "xlsx":
      return { body: streamXlsx(chosen, context), contentType, filename };
    case "json":
      return { body: streamJson(chosen, context, row.slug), contentType, filename };
    default: {
      // The variant for Excel is opened by a spreadsheet: its would-be formulas are escaped.
      const forExcel = file.format === "csv-bom";
      return {
        body: streamCsv(chosen[0]!, context, { bom: forExcel, escapeFormulas: forExcel }),
        contentType,
        filename,
      };
    }
  }
}

/**
 * The institution a download is made for: the owner when the member belongs to it, else the first
 * following institution they belong to; none for an admin outside them.
 */
export function downloadingInstitution(actor: Actor, scope: ConsultationScope): number | null {
  if (actor.kind !== "member") return null;
  const candidates = [scope.owningInstitutionId, ...scope.followingInstitutionIds];
  return candidates.find((id) => id !== null && actor.institutions.includes(id)) ?? null;
}

/** Marks a logged download made with an API token, so the audit can say so. */
export const API_DOWNLOAD_PREFIX = "api:";

/**
 * Logs a download, then starts it with this install's key and small-cell threshold: the page and the
 * API both come through here, so no way of downloading can leave the log out.
 */
export async function startExportDownload(
  db: Queryable,
  row: Pick<ConsultationRow, "id" | "slug" | "title" | "defaultLocale">,
  file: ExportFile,
  downloader: {
    /** Null for a download through the API, which acts for the institution, not a person. */
    userId: string | null;
    institutionId: number | null;
  },
): Promise<ExportDownload> {
  await db.insert(downloadLog).values({
    userId: downloader.userId,
    institutionId: downloader.institutionId,
    consultationId: row.id,
    kind: `${downloader.userId === null ? API_DOWNLOAD_PREFIX : ""}export:${file.kind}`,
    format: file.format,
  });
  const env = getEnv();
  return buildExport(db, row, file, { secret: env.AUTH_SECRET, smallCellThreshold: env.SMALL_CELL_THRESHOLD });
}

export const AUDIT_PAGE_SIZE = 50;

export interface DownloadLogPage {
  entries: {
    id: number;
    createdAt: Date;
    userName: string | null;
    userEmail: string | null;
    institutionName: Record<string, string | undefined> | null;
    consultationSlug: string;
    consultationTitle: Record<string, string | undefined>;
    kind: string;
    format: string;
  }[];
  total: number;
}

/** Every download, newest first, a page at a time (for admins: it names who downloaded). */
export async function listDownloads(db: Queryable, page: number): Promise<DownloadLogPage> {
  const [entries, [totals]] = await Promise.all([
    db
      .select({
        id: downloadLog.id,
        createdAt: downloadLog.createdAt,
        userName: user.name,
        userEmail: user.email,
        institutionName: institution.name,
        consultationSlug: consultation.slug,
        consultationTitle: consultation.title,
        kind: downloadLog.kind,
        format: downloadLog.format,
      })
      .from(downloadLog)
      .innerJoin(consultation, eq(consultation.id, downloadLog.consultationId))
      .leftJoin(user, eq(user.id, downloadLog.userId))
      .leftJoin(institution, eq(institution.id, downloadLog.institutionId))
      .orderBy(desc(downloadLog.createdAt), desc(downloadLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((page - 1) * AUDIT_PAGE_SIZE),
    db.select({ total: count() }).from(downloadLog),
  ]);
  return { entries, total: totals?.total ?? 0 };
}
