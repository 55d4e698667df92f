/**
 * The demo accounts' passwords on test servers: the member keeps the published one; staff accounts
 * get the one the test server is started with (DEMO_STAFF_PASSWORD), as an install gets its own.
 */
import { DEMO_MEMBER_PASSWORD, demoAccounts, isStaffDemoAccount } from "../../db/seed/demo";

export const TEST_STAFF_PASSWORD = "staff-password-of-the-test-server";

export function demoPassword(email: string): string {
  const account = demoAccounts.find((a) => a.email === email);
  if (!account) throw new Error(`${email} is not a demo account`);
  return isStaffDemoAccount(account) ? TEST_STAFF_PASSWORD : DEMO_MEMBER_PASSWORD;
}
