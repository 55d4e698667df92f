import { downloadLog } from "../../db/schema";
import type { Queryable } from "../db.server";

/** Each view of a report by an institution reader leaves one audit line, like a download. */
export async function recordReportView(
  db: Queryable,
  entry: { userId: string; institutionId: number | null; consultationId: number },
): Promise<void> {
  await db.insert(downloadLog).values({ ...entry, kind: "report", format: "html" });
}
