import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError } from "~/platform/data-dir-lock.server";

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function freshDir() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "baraza-lock-"));
  return dir;
}

describe("the data directory lock", () => {
  it("is taken, then released", () => {
    const release = acquireDataDirLock(freshDir());
    expect(fs.readFileSync(path.join(dir, "baraza.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, "baraza.lock"))).toBe(false);
  });

  it("refuses while another living process holds it", async () => {
    freshDir();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      fs.writeFileSync(path.join(dir, "baraza.lock"), String(other.pid));
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir)).toThrow(`in use by another Baraza process (PID ${other.pid})`);
    } finally {
      other.kill();
    }
  });

  it("takes over a lock left by a process that died", async () => {
    freshDir();
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.once("exit", resolve));
    fs.writeFileSync(path.join(dir, "baraza.lock"), String(dead.pid));
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, "baraza.lock"), "utf8")).toBe(String(process.pid));
    release();
  });
});
