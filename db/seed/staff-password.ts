/**
 * The staff demo accounts' password: made at random for each install the first time the demo is
 * loaded, kept beside the data (mode 600) and printed once, so that no published password opens a
 * staff account of any deployment. DEMO_STAFF_PASSWORD sets it instead (tests, scripted demos).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Env } from "../../app/env.server";
import { demoAccounts, isStaffDemoAccount } from "./demo";

export const STAFF_PASSWORD_FILE = "demo-staff-password";

export interface StaffPassword {
  password: string;
  /** Where it is kept; null when it came from DEMO_STAFF_PASSWORD. */
  file: string | null;
}

export function demoStaffPassword(env: Pick<Env, "DATA_DIR" | "DEMO_STAFF_PASSWORD">): StaffPassword {
  if (env.DEMO_STAFF_PASSWORD) return { password: env.DEMO_STAFF_PASSWORD, file: null };
  const file = path.resolve(env.DATA_DIR, STAFF_PASSWORD_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // Four groups of four letters and digits: typed from the console, strong enough offline.
    const password = randomBytes(12).toString("base64url").replace(/[-_]/g, "x").match(/.{4}/g)!.join("-");
    fs.writeFileSync(file, `${password}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return { password: fs.readFileSync(file, "utf8").trim(), file };
}

/** The console message a newcomer reads once, when the demo is first loaded. */
export function staffPasswordNotice({ password, file }: StaffPassword): string {
  const emails = demoAccounts.filter(isStaffDemoAccount).map((a) => a.email);
  return [
    "Staff demo accounts (" + emails.join(", ") + ")",
    `  password: ${password}`,
    file ? `  kept in ${file} (readable by this user only); it is not shown again.` : "  (set by DEMO_STAFF_PASSWORD)",
  ].join("\n");
}
