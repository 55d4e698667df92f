/**
 * Retry timing shared by the queues that deliver to outside systems (mail outbox, webhooks): a
 * claimed row is leased for `leaseSeconds`, so a worker that dies mid-batch leaves it to be claimed
 * again; a failed attempt waits 30 s, 1 min, 2 min, … so a receiver that is down is not hammered.
 */
export const leaseSeconds = 120;

export function backoffSeconds(attempts: number): number {
  return 30 * 2 ** Math.max(0, attempts - 1);
}
