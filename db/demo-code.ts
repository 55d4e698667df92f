/**
 * `npm run demo:code`: the current six-digit code of the staff demo accounts' second factor, for
 * the second step of signing in as them (decision 0026). Reads the install's secret (or
 * DEMO_STAFF_TOTP_SECRET); it never makes one: that happens when the demo is first loaded.
 */
import fs from "node:fs";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import { getEnv } from "~/platform/env.server";
import { STAFF_TOTP_FILE } from "./seed/staff-password";

const env = getEnv();
const file = path.resolve(env.DATA_DIR, STAFF_TOTP_FILE);
const secret = env.DEMO_STAFF_TOTP_SECRET ?? (fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : null);
if (!secret) {
  console.error(`No staff demo secret in ${file}: start the app once (npm start) to load the demo.`);
  process.exit(1);
}
const totp = new TOTP({ secret: Secret.fromBase32(secret) });
const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${totp.generate()}  (staff demo accounts' code, valid for ${secondsLeft} more seconds)`);
