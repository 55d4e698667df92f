/** `npm run db:migrate`: applies db/migrations to the configured database, then exits. */
import { closeDb, getDb } from "~/platform/db.server";

await getDb();
await closeDb();
console.log("Migrations applied.");
