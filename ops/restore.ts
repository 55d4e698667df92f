/** `npm run restore FILE`: loads a backup into the configured database, which must be empty. */
import { restore } from "~db/backup";
import { runCommand } from "./command";

await runCommand(async (env) => {
  const file = process.argv[2];
  if (!file) throw new Error("Usage: npm run restore FILE");
  const counts = await restore(env, file);
  const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
  console.log(`Restored ${rows} rows in ${Object.keys(counts).length} tables from ${file}`);
});
