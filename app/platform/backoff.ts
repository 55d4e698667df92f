/**
 * Retry timing shared by the queues that deliver to outside systems (mail outbox, webhooks): a
 * claimed row is leased for `leaseSeconds`, so a worker that dies mid-batch leaves it to be claimed
 * again; a failed attempt waits 30 s, 1 min, 2 min, … so a receiver that is down is not hammered.
 */
import { and, eq, lte, or, sql, type AnyColumn } from "drizzle-orm";

export const leaseSeconds = 120;

export function backoffSeconds(attempts: number): number {
  return 30 * 2 ** Math.max(0, attempts - 1);
}

/** The columns a delivery queue's claim reads and writes (outbox_mail, webhook_delivery). */
interface DeliveryQueue {
  status: AnyColumn;
  attempts: AnyColumn;
  nextAttemptAt: AnyColumn;
  lockedUntil: AnyColumn;
}

/** What claiming a row sets: sending, one more attempt, leased for `leaseSeconds`. */
export function leasedClaim(queue: DeliveryQueue) {
  return {
    status: "sending" as const,
    attempts: sql`${queue.attempts} + 1`,
    lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
  };
}

/** The rows a worker may claim: due, and either pending or sending under a lease that ran out. */
export function claimable(queue: DeliveryQueue) {
  return and(
    lte(queue.nextAttemptAt, sql`now()`),
    or(eq(queue.status, "pending"), and(eq(queue.status, "sending"), lte(queue.lockedUntil, sql`now()`))),
  );
}

/**
 * What a failed attempt sets on its row: pending again after the back-off, or `failed` for good
 * once `attempts` (this one included) reached `maxAttempts`; the error kept either way.
 */
export function failedAttempt(attempts: number, maxAttempts: number, error: unknown) {
  const giveUp = attempts >= maxAttempts;
  return {
    giveUp,
    set: {
      status: giveUp ? ("failed" as const) : ("pending" as const),
      lockedUntil: null,
      lastError: error instanceof Error ? error.message : String(error),
      nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(attempts)})`,
    },
  };
}
