/**
 * The people who hold a role over one thing (a consultation's moderators and facilitators, an
 * institution's members): listed, granted by e-mail, removed. Every such role is a (thing, user)
 * table, so one set of functions serves them all and a fix to one cannot miss another.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { consultationFacilitator, consultationModerator, institutionMember, user } from "~db/schema";
import type { Queryable } from "~/platform/db.server";

/** Each role's table and the column naming what it is held over. */
const roleTables = {
  moderator: {
    table: consultationModerator,
    over: consultationModerator.consultationId,
    row: (consultationId: number, userId: string) => ({ consultationId, userId }),
  },
  /** Granted by an admin or the consultation's moderators, who are remembered (decision 0037). */
  facilitator: {
    table: consultationFacilitator,
    over: consultationFacilitator.consultationId,
    row: (consultationId: number, userId: string, grantedById: string | null) => ({
      consultationId,
      userId,
      grantedById,
    }),
  },
  institutionMember: {
    table: institutionMember,
    over: institutionMember.institutionId,
    row: (institutionId: number, userId: string) => ({ institutionId, userId }),
  },
};
export type Role = keyof typeof roleTables;

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

const roleHolderColumns = {
  userId: user.id,
  name: user.name,
  email: user.email,
  pending: sql<boolean>`not ${user.emailVerified}`,
};

export type GrantResult = { ok: true; alreadyHeld: boolean } | { ok: false; reason: "no-account" };

/** Who holds `role` over `overId` (a consultation's or an institution's id), by name then e-mail. */
export async function listRoleHolders(db: Queryable, role: Role, overId: number): Promise<RoleHolder[]> {
  const { table, over } = roleTables[role];
  return db
    .select(roleHolderColumns)
    .from(table)
    .innerJoin(user, eq(user.id, table.userId))
    .where(eq(over, overId))
    .orderBy(asc(user.name), asc(user.email));
}

/** Gives `role` over `overId` to the account with this e-mail, when there is one. */
export async function grantRole(
  db: Queryable,
  role: Role,
  overId: number,
  email: string,
  grantedById: string | null = null,
): Promise<GrantResult> {
  const userId = await findUserIdByEmail(db, email);
  if (!userId) return { ok: false, reason: "no-account" };
  const { table, row } = roleTables[role];
  const inserted = await db
    .insert(table)
    .values(row(overId, userId, grantedById))
    .onConflictDoNothing()
    .returning({ userId: table.userId });
  return { ok: true, alreadyHeld: inserted.length === 0 };
}

/** Takes `role` over `overId` from `userId`; false when they did not hold it. */
export async function removeRole(db: Queryable, role: Role, overId: number, userId: string): Promise<boolean> {
  const { table, over } = roleTables[role];
  const removed = await db
    .delete(table)
    .where(and(eq(over, overId), eq(table.userId, userId)))
    .returning({ userId: table.userId });
  return removed.length > 0;
}
