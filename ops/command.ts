/** Runs an ops command: configuration from the environment; errors a person can fix as one line. */
import { parseEnv, type Env } from "~/platform/env.server";

const readableErrors = new Set(["EnvError", "DataDirLockedError", "DumpError"]);

export async function runCommand(work: (env: Env) => Promise<void>): Promise<void> {
  try {
    await work(parseEnv());
  } catch (error) {
    if (error instanceof Error && readableErrors.has(error.name)) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
