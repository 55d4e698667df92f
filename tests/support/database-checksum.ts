/**
 * Checksums of a stopped server's embedded database, through the same per-table fingerprint as
 * the integration tests use (./table-checksums). The server must be stopped first: PGlite is one
 * process per data directory.
 */
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "~db/schema";
import type { Database } from "~/platform/db.server";
import { tableChecksums, type Checksums } from "./table-checksums";

export async function storedDatabaseChecksums(dataDir: string, ignore: readonly string[] = []): Promise<Checksums> {
  const client = await PGlite.create(path.join(dataDir, "pglite"));
  try {
    return await tableChecksums(drizzle(client, { schema }) as unknown as Database, ignore);
  } finally {
    await client.close();
  }
}
