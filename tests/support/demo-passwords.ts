/**
 * The demo accounts' passwords on test servers: the member keeps the published one; staff accounts
 * get the one the test server is started with (DEMO_STAFF_PASSWORD), as an install gets its own,
 * and a second factor whose TOTP secret is known here (DEMO_STAFF_TOTP_SECRET), so tests compute
 * codes the way `npm run demo:code` does.
 */
import { Secret, TOTP } from "otpauth";
import { DEMO_MEMBER_PASSWORD, demoAccounts, isStaffDemoAccount } from "~db/seed/demo";

export const TEST_STAFF_PASSWORD = "staff-password-of-the-test-server";
export const TEST_STAFF_TOTP_SECRET = "KRSXG5CTORQWMZSUN5KFAU3FMNZGK5DP";

/** The staff demo accounts' current code on a test server. */
export function demoStaffCode(): string {
  return new TOTP({ secret: Secret.fromBase32(TEST_STAFF_TOTP_SECRET) }).generate();
}

export function isStaffDemoEmail(email: string): boolean {
  return demoAccounts.some((a) => a.email === email && isStaffDemoAccount(a));
}

export function demoPassword(email: string): string {
  const account = demoAccounts.find((a) => a.email === email);
  if (!account) throw new Error(`${email} is not a demo account`);
  return isStaffDemoAccount(account) ? TEST_STAFF_PASSWORD : DEMO_MEMBER_PASSWORD;
}
