/**
 * One `vitest run` is the whole suite (`npm test`): unit tests, the integration suite on PGlite and,
 * when TEST_DATABASE_URL is set, again on PostgreSQL, then end-to-end tests in Chromium.
 */
import { availableParallelism } from "node:os";
import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const onCi = process.env.CI === "true";
if (onCi && !process.env.TEST_DATABASE_URL) {
  throw new Error(
    "CI=true but TEST_DATABASE_URL is not set: the PostgreSQL integration suite cannot be skipped on CI.",
  );
}

const shared = { plugins: [tsconfigPaths()] };
const setupFiles = ["tests/support/fail-on-console-error.ts"];

const integration = (name: string, database: "pglite" | "postgres"): TestProjectInlineConfiguration => ({
  ...shared,
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    env: { TEST_DB: database },
    setupFiles,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The PDF report inlines the app's style sheets (`?inline`), which Vitest leaves empty unless asked.
    css: { include: [/app\/styles\/.+\.css/] },
  },
});

export default defineConfig({
  test: {
    pool: "forks",
    // Vitest's default is one fork fewer than the CPUs: one on CI's two cores, where unit and
    // integration files then run one after another, and those that mostly wait (fixed answer times
    // of sign-up, a PostgreSQL server doing the work) leave a core idle. Two at least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      // Property tests run thousands of cases: on two busy cores (CI runs the projects side by side) 5 s is too tight.
      { ...shared, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], setupFiles, testTimeout: 30_000 } },
      integration("integration-pglite", "pglite"),
      ...(process.env.TEST_DATABASE_URL ? [integration("integration-postgres", "postgres")] : []),
      {
        ...shared,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          setupFiles,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One server and one browser at a time: the machine has two cores.
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
