/**
 * The date a consultation card shows: when an open consultation will close, or when a finished one
 * did. A consultation closed early by staff has no closing date worth showing: its planned one
 * would still be in the future.
 */
import type { ConsultationPhase } from "~/platform/permissions.server";

export type ClosingDate = { key: "home.closesOn" | "home.closedOn"; date: string } | null;

export function closingDate(phase: ConsultationPhase, closesAt: string | null, now: Date = new Date()): ClosingDate {
  if (!closesAt) return null;
  if (phase === "open") return { key: "home.closesOn", date: closesAt };
  if (phase === "draft" || new Date(closesAt) > now) return null;
  return { key: "home.closedOn", date: closesAt };
}
