/** Data directories for server processes of one test file, removed when the file is done. */
import fs from "node:fs";
import { afterAll } from "vitest";
import { makeDataDir } from "./server";

export function dataDirsForThisFile(): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = makeDataDir();
    made.push(dir);
    return dir;
  };
}
