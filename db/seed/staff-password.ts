/**
 * The staff demo accounts' credentials: a password and a TOTP secret (their second factor, decision
 * 0026), made at random for each install the first time the demo is loaded, kept beside the data
 * (mode 600) and announced once, so that no published password opens a staff account of any
 * deployment while a newcomer can still try every role. DEMO_STAFF_PASSWORD and
 * DEMO_STAFF_TOTP_SECRET set them instead (tests, scripted demos).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Secret } from "otpauth";
import type { Env } from "~/platform/env.server";
import { demoAccounts, isStaffDemoAccount, type SeedDemoOptions } from "./demo";

export const STAFF_PASSWORD_FILE = "demo-staff-password";
export const STAFF_TOTP_FILE = "demo-staff-totp-secret";

type StaffEnv = Pick<Env, "DATA_DIR" | "DEMO_STAFF_PASSWORD" | "DEMO_STAFF_TOTP_SECRET">;

export interface StaffPassword {
  password: string;
  /** Where it is kept; null when it came from DEMO_STAFF_PASSWORD. */
  file: string | null;
  /** The staff accounts' TOTP secret, base32 as authenticator apps take it. */
  totpSecret: string;
  /** Where it is kept; null when it came from DEMO_STAFF_TOTP_SECRET. */
  totpFile: string | null;
}

/** The install's value kept in `name` under DATA_DIR, made by `make` the first time (mode 600). */
function keptSecret(env: StaffEnv, name: string, make: () => string): { value: string; file: string } {
  const file = path.resolve(env.DATA_DIR, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${make()}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return { value: fs.readFileSync(file, "utf8").trim(), file };
}

export function demoStaffPassword(env: StaffEnv): StaffPassword {
  // Four groups of four letters and digits: typed from the console, strong enough offline.
  const makePassword = () => randomBytes(12).toString("base64url").replace(/[-_]/g, "x").match(/.{4}/g)!.join("-");
  const password = env.DEMO_STAFF_PASSWORD
    ? { value: env.DEMO_STAFF_PASSWORD, file: null }
    : keptSecret(env, STAFF_PASSWORD_FILE, makePassword);
  const totp = env.DEMO_STAFF_TOTP_SECRET
    ? { value: env.DEMO_STAFF_TOTP_SECRET, file: null }
    : keptSecret(env, STAFF_TOTP_FILE, () => new Secret({ size: 20 }).base32);
  return { password: password.value, file: password.file, totpSecret: totp.value, totpFile: totp.file };
}

/** What `seedDemo` needs to give the staff demo accounts these credentials. */
export function staffSeedOptions(staff: StaffPassword, env: Pick<Env, "AUTH_SECRET">): SeedDemoOptions {
  return { staffPassword: staff.password, staffTotp: { secret: staff.totpSecret, authSecret: env.AUTH_SECRET } };
}

/** The console message a newcomer reads once, when the demo is first loaded. */
export function staffPasswordNotice({ password, file, totpFile }: StaffPassword): string {
  const emails = demoAccounts.filter(isStaffDemoAccount).map((a) => a.email);
  return [
    "Staff demo accounts (" + emails.join(", ") + ")",
    `  password: ${password}`,
    file ? `  kept in ${file} (readable by this user only); it is not shown again.` : "  (set by DEMO_STAFF_PASSWORD)",
    "  second step of signing in: run `npm run demo:code` for the current six-digit code,",
    totpFile
      ? `  or add the secret in ${totpFile} to an authenticator app.`
      : "  or add DEMO_STAFF_TOTP_SECRET to an authenticator app.",
  ].join("\n");
}
