/** `npm run backup [-- DIRECTORY]`: a dated, consistent dump of the database (default ./backups). */
import { backup } from "~db/backup";
import { runCommand } from "./command";

await runCommand(async (env) => {
  const file = await backup(env, process.argv[2] ?? "backups");
  console.log(`Backup written to ${file}`);
});
