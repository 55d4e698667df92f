/**
 * Staff powers need a verified second factor (app/platform/permissions.server.ts, decision 0026). Tests about
 * what a moderator, admin or institution member may do mark their test users as enrolled here; the
 * enrolment flow itself is tested through the real pages (tests/integration/two-factor.test.ts).
 */
import { inArray } from "drizzle-orm";
import type { Database } from "~/platform/db.server";
import { user } from "~db/schema";

export async function markSecondFactorEnrolled(db: Database, ...userIds: string[]): Promise<void> {
  await db.update(user).set({ twoFactorEnabled: true }).where(inArray(user.id, userIds));
}
