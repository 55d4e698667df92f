/**
 * The pseudonym computed by the database (for exports it writes with COPY, decision 0031) is the
 * one the app computes, for secrets shorter than, as long as and longer than SHA-256's block, and
 * for account ids outside ASCII.
 */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { queryRows } from "~/platform/db.server";
import { participantKey, participantKeySql } from "~/exports/participant-key.server";
import { setupTestDatabase } from "../support/database";

const db = setupTestDatabase();

it("equals the app's keyed hash", async () => {
  const ids = ["user-1", "ünïcode-账户", "with'quote"];
  for (const secret of ["short", "x".repeat(64), `${"é".repeat(40)} a secret longer than the block`]) {
    const rows = await queryRows<{ id: string; key: string }>(
      db(),
      sql`select id, ${participantKeySql(secret, 42, sql`id`)} as key
          from unnest(${sql.raw(`array[${ids.map((id) => `'${id.replaceAll("'", "''")}'`).join(", ")}]`)}::text[]) as id`,
    );
    expect(rows.map((r) => r.key)).toEqual(ids.map((id) => participantKey(secret, 42, id)));
  }
});
