/**
 * The moves staff may make between phases. Forward is the life of a consultation; the moves back
 * undo a step taken too early (reopening, withdrawing a summary) without losing anything stored.
 */
import type { ConsultationPhase } from "~/platform/permissions.server";

export const consultationPhases = [
  "draft",
  "open",
  "closed",
  "summarising",
  "published",
] as const satisfies readonly ConsultationPhase[];

const transitions: Record<ConsultationPhase, readonly ConsultationPhase[]> = {
  draft: ["open"],
  open: ["closed", "draft"],
  closed: ["summarising", "open"],
  summarising: ["published", "closed"],
  published: ["summarising"],
};

/** The phases a consultation in `from` can be moved to, the forward one first. */
export function phaseTransitions(from: ConsultationPhase): readonly ConsultationPhase[] {
  return transitions[from];
}

export function canMovePhase(from: ConsultationPhase, to: ConsultationPhase): boolean {
  return transitions[from].includes(to);
}
