/**
 * Tables of builds a background job makes one at a time (data_export, report_build): a row waits
 * `queued`, is `running` from `started_at`, then ends done or failed. A process claims the oldest
 * waiting row, or one left running by a process that died; what it writes back afterwards holds only
 * while the row is still its claim, so a build invalidated or taken over meanwhile is left alone.
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { dataExport, reportBuild } from "~db/schema";
import { queryRows, type Queryable } from "~/platform/db.server";

type BuildTable = typeof dataExport | typeof reportBuild;

/** A build "running" for longer than this was left by a process that died; another may take it over. */
const ABANDONED_AFTER = "10 minutes";

/** A claimed row, as the claim returns it (snake_case, like the raw SQL that makes it). */
export interface ClaimedBuild {
  id: number;
  /** As text, compared exactly: the claim is still ours only while the row keeps this start. */
  started_at: string;
}

/**
 * Takes the oldest waiting (or abandoned) row of `table` for this process, setting `alsoSet` too;
 * returns its id, start and `columns`, or null when none waits.
 */
export async function claimOldestBuild<Claim extends ClaimedBuild>(
  db: Queryable,
  table: BuildTable,
  columns: readonly Exclude<keyof Claim, keyof ClaimedBuild>[],
  alsoSet: SQL = sql``,
): Promise<Claim | null> {
  const returned = sql.join(
    columns.map((column) => sql.identifier(String(column))),
    sql`, `,
  );
  const [claimed] = await queryRows<Claim>(
    db,
    sql`update ${table} set status = 'running', started_at = now()${alsoSet}
        where id = (
          select id from ${table}
           where status = 'queued' or (status = 'running' and started_at < now() - ${ABANDONED_AFTER}::interval)
           order by id limit 1 for update skip locked)
        returning id, started_at::text as started_at, ${returned}`,
  );
  return claimed ?? null;
}

/** The condition that keeps a write to the claimed row from landing once the claim is lost. */
export function stillClaimed(table: BuildTable, claimed: ClaimedBuild) {
  return and(
    eq(table.id, claimed.id),
    eq(table.status, "running"),
    sql`${table.startedAt}::text = ${claimed.started_at}`,
  );
}
