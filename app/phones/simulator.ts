/**
 * The phones the staff's phone simulator speaks as (docs/decisions/0049): numbers in Ofcom's range
 * reserved for drama, +44 7700 900000 to 900999, which no network will ever give a subscriber. Any
 * reply queued for one of them must never be sent: the SMS sender skips these numbers.
 */

export const simulatedNumberPrefix = "+447700900";
const simulatedNumberPattern = /^\+447700900\d{3}$/;

export function isSimulatedNumber(number: string): boolean {
  return simulatedNumberPattern.test(number);
}

/** A staff member's own simulated phone, the same on every visit, so two of them rarely share one. */
export function defaultSimulatedNumber(userId: string): string {
  // FNV-1a: any stable spread of user ids over the thousand numbers will do.
  let hash = 0x811c9dc5;
  for (const char of userId) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return `${simulatedNumberPrefix}${String(hash % 1000).padStart(3, "0")}`;
}
