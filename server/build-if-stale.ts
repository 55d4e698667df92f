/**
 * `npm start` builds only when needed: when there is no build yet, or when a source file is newer
 * than it. A fresh clone builds once; later starts are serving in seconds.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const sources = ["app", "db", "public", "vite.config.ts", "package-lock.json"];
export const serverBuildPath = path.resolve("build/server/index.js");

function newestModification(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestModification(path.join(entry, name))));
}

export function isBuildStale(): boolean {
  if (!fs.existsSync(serverBuildPath)) return true;
  const builtAt = fs.statSync(serverBuildPath).mtimeMs;
  return sources.some((source) => newestModification(source) > builtAt);
}

export function buildIfStale(): void {
  if (!isBuildStale()) return;
  console.log("Building Baraza (first start, or sources changed)…");
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
    stdio: "inherit",
  });
  if (result.status !== 0) {
    console.error("The build failed; see the messages above.");
    process.exit(result.status ?? 1);
  }
}
