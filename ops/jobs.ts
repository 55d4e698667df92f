/** `npm run jobs`: every background job's state, from the running server or the database. */
import { text } from "node:stream/consumers";
import { openDatabase } from "~/platform/db.server";
import { listJobs } from "~/platform/jobs/runner.server";
import { requestOpsSocket } from "~/platform/ops/ops-socket.server";
import { runCommand } from "./command";

await runCommand(async (env) => {
  const response = env.databaseMode === "embedded" ? await requestOpsSocket(env.DATA_DIR, "/jobs") : null;
  if (response) {
    console.table(JSON.parse(await text(response)));
    return;
  }
  const connection = await openDatabase(env, { migrate: false });
  try {
    console.table(await listJobs(connection.db));
  } finally {
    await connection.close();
  }
});
