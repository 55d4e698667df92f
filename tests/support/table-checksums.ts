/**
 * A fingerprint of everything stored: one md5 per table of the app's schema, over every row as
 * text in primary-key order, so "nothing changed" can be checked byte for byte after a refused post.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "~/platform/db.server";

export type Checksums = Record<string, string>;

interface Table {
  name: string;
  /** The primary key's columns, quoted, in key order; the row's text where a table has none. */
  order: string;
}

const tablesByDatabase = new WeakMap<Database, Promise<Table[]>>();

function listTables(db: Database): Promise<Table[]> {
  return queryRows<Table>(
    db,
    sql`select c.relname as name,
          coalesce(
            (select string_agg(quote_ident(a.attname), ', ' order by array_position(i.indkey::int2[], a.attnum))
             from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
             where i.indrelid = c.oid and i.indisprimary),
            't::text') as "order"
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        order by c.relname`,
  );
}

function checksumQuery(tables: readonly Table[], ignore: readonly string[]): string {
  return tables
    .filter((table) => !ignore.includes(table.name))
    .map(
      (table) =>
        `select '${table.name}' as name, md5(coalesce(string_agg(t::text, E'\\n' order by ${table.order}), '')) as sum
         from public."${table.name}" t`,
    )
    .join("\nunion all\n");
}

/**
 * Checksums of every table but `ignore` (e.g. `rate_limit`, whose counters are meant to move when a
 * post is refused). The list of tables is read once per database; one query sums them all.
 */
export async function tableChecksums(db: Database, ignore: readonly string[] = []): Promise<Checksums> {
  let tables = tablesByDatabase.get(db);
  if (!tables) {
    tables = listTables(db);
    tablesByDatabase.set(db, tables);
  }
  const query = checksumQuery(await tables, ignore);
  const rows = await queryRows<{ name: string; sum: string }>(db, sql.raw(query));
  return Object.fromEntries(rows.map((row) => [row.name, row.sum]));
}
