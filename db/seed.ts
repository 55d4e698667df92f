/**
 * `npm run db:seed`: loads the demo consultation into the configured database (embedded by
 * default; with DATABASE_URL, into that server — only ever when asked for like this).
 */
import { closeDb, getDb } from "../app/db.server";
import { seedDemo } from "./seed/demo";

const db = await getDb();
const { slug } = await seedDemo(db);
await closeDb();
console.log(`Demo consultation ready at /c/${slug}`);
