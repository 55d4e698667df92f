/**
 * Builds the app if needed and starts one production server, with a fresh embedded database
 * (migrated and seeded with the demo consultation, as `npm start` does), for all e2e test files.
 */
import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { buildIfStale } from "../../server/build-if-stale.js";
import { TEST_STAFF_PASSWORD, TEST_STAFF_TOTP_SECRET } from "../support/demo-passwords";
import { startServer } from "../support/server";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject) {
  buildIfStale();
  const server = await startServer({
    env: { DEMO_STAFF_PASSWORD: TEST_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET: TEST_STAFF_TOTP_SECRET },
  });
  project.provide("baseURL", server.url);
  return async () => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  };
}
