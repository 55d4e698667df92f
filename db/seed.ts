/**
 * `npm run db:seed`: loads the demo consultation into the configured database (embedded by
 * default; with DATABASE_URL, into that server — only ever when asked for like this).
 */
import { closeDb, getDb } from "~/platform/db.server";
import { getEnv } from "~/platform/env.server";
import { seedDemo } from "./seed/demo";
import { demoStaffPassword, staffPasswordNotice, staffSeedOptions } from "./seed/staff-password";

const db = await getDb();
const staffPassword = demoStaffPassword(getEnv());
const { slug, created } = await seedDemo(db, staffSeedOptions(staffPassword, getEnv()));
await closeDb();
console.log(`Demo consultation ready at /c/${slug}`);
if (created) console.log(staffPasswordNotice(staffPassword));
