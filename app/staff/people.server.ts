/** Finding an existing account by e-mail, for giving it a role (moderator, institution member). */
import { eq, sql } from "drizzle-orm";
import { user } from "../../db/schema";
import type { Queryable } from "../db.server";

export async function findUserIdByEmail(db: Queryable, email: string): Promise<string | null> {
  const [row] = await db
    .select({ id: user.id })
    .from(user)
    .where(eq(sql`lower(${user.email})`, email.toLowerCase()))
    .limit(1);
  return row?.id ?? null;
}

/** A person holding a role, as the console lists them (staff see e-mails; no public page does). */
export interface RoleHolder {
  userId: string;
  name: string;
  email: string;
  /** The role waits until the person confirms their e-mail address (permissions.server.ts loadActor). */
  pending: boolean;
}

/** The columns a role list selects from `user`. */
export const roleHolderColumns = {
  userId: user.id,
  name: user.name,
  email: user.email,
  pending: sql<boolean>`not ${user.emailVerified}`,
};

export type GrantResult = { ok: true; alreadyHeld: boolean } | { ok: false; reason: "no-account" };
