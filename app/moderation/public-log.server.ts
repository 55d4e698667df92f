/**
 * The public moderation log of a consultation: what kind of item a decision was about, what was
 * decided, why and when. Never who decided, whose item it was, nor the text: only these columns
 * are ever read.
 */
import { and, count, desc, eq, ne } from "drizzle-orm";
import { moderationAction } from "~db/schema";
import type { Queryable } from "~/platform/db.server";

export const publicLogPageSize = 50;

export async function listPublicModerationLog(db: Queryable, consultationId: number, requestedPage = 1) {
  // Tagging is the moderators' own filing, not a decision about anyone's words.
  const where = and(eq(moderationAction.consultationId, consultationId), ne(moderationAction.action, "tag"));
  const [total] = await db.select({ count: count() }).from(moderationAction).where(where);
  const pageCount = Math.max(1, Math.ceil((total?.count ?? 0) / publicLogPageSize));
  const page = Math.min(Math.max(1, requestedPage), pageCount);
  const entries = await db
    .select({
      id: moderationAction.id,
      targetType: moderationAction.targetType,
      action: moderationAction.action,
      reason: moderationAction.reason,
      automatic: moderationAction.automatic,
      createdAt: moderationAction.createdAt,
    })
    .from(moderationAction)
    .where(where)
    .orderBy(desc(moderationAction.createdAt), desc(moderationAction.id))
    .limit(publicLogPageSize)
    .offset((page - 1) * publicLogPageSize);
  return { entries, page, pageCount };
}
