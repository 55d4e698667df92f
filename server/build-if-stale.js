/**
 * `npm start` builds only when needed: when there is no build yet, or when a source file is newer
 * than it. A fresh clone builds once; later starts are serving in seconds.
 *
 * Plain JavaScript because it runs before anything is compiled: the app (Remix, through Vite) and
 * the HTTP server (server/*.ts, through esbuild) are both built by `npm run build`, so nothing runs
 * TypeScript at run time (docs/decisions/0034-server-compiled-at-build-time.md).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const sources = ["app", "db", "server", "public", "vite.config.ts", "package-lock.json"];
/** The Remix server build: routes, the domain and the entry module the HTTP server calls into. */
export const serverBuildPath = path.resolve("build/server/index.js");
/** The HTTP server (Express, the web edge), compiled from server/index.ts. */
export const httpServerPath = path.resolve("build/http/index.js");

/** @param {string} entry */
function newestModification(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestModification(path.join(entry, name))));
}

/** @returns {boolean} */
export function isBuildStale() {
  const outputs = [serverBuildPath, httpServerPath];
  if (!outputs.every((output) => fs.existsSync(output))) return true;
  const builtAt = Math.min(...outputs.map((output) => fs.statSync(output).mtimeMs));
  return sources.some((source) => newestModification(source) > builtAt);
}

/** Runs `npm run build` when the build is missing or older than a source; exits if it fails. */
export function buildIfStale() {
  if (!isBuildStale()) return;
  console.log("Building Baraza (first start, or sources changed)…");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  // Always a production build: under Vitest (NODE_ENV=test) Vite would otherwise bundle React's
  // development build, 55 KB more than what a browser gets from a deployed server.
  const result = spawnSync(npm, ["run", "--silent", "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    console.error("The build failed; see the messages above.");
    process.exit(result.status ?? 1);
  }
}
