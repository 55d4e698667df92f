/**
 * A digest of every table of a stopped server's embedded database: equal digests mean that not a
 * row changed. The server must be stopped first (PGlite is one process per data directory).
 */
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";

export async function tableChecksums(dataDir: string, ignore: readonly string[] = []): Promise<Record<string, string>> {
  const client = await PGlite.create(path.join(dataDir, "pglite"));
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
    );
    const sums: Record<string, string> = {};
    for (const { name } of tables.filter((table) => !ignore.includes(table.name))) {
      const { rows } = await client.query<{ sum: string | null }>(
        `select md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as sum from "${name}" t`,
      );
      sums[name] = rows[0]?.sum ?? "";
    }
    return sums;
  } finally {
    await client.close();
  }
}
