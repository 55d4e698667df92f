/** `npm run db:move -- postgres://…`: copies the embedded database into an empty PostgreSQL database. */
import { moveToPostgres } from "~db/backup";
import { runCommand } from "./command";

await runCommand(async (env) => {
  const target = process.argv[2];
  if (!target) throw new Error("Usage: npm run db:move -- postgres://user:password@host:5432/database");
  const report = await moveToPostgres(env, target);
  for (const [table, { rows, checksum }] of Object.entries(report.tables)) {
    console.log(`${table.padEnd(40)} ${String(rows).padStart(9)}  ${checksum}`);
  }
  console.log(
    `Copied and verified ${report.rows} rows. Set DATABASE_URL=${new URL(target).origin}/… and start Baraza.`,
  );
});
