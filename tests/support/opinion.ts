/** Helpers for the opinion-group tests: comparing partitions and reading Pol.is's open data. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { OpinionVote } from "~/opinion";

/** Adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, about 0 for chance. */
export function adjustedRandIndex(left: readonly string[], right: readonly string[]): number {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const columns = new Map<string, number>();
  left.forEach((a, i) => {
    const b = right[i]!;
    cells.set(`${a}\u0000${b}`, (cells.get(`${a}\u0000${b}`) ?? 0) + 1);
    rows.set(a, (rows.get(a) ?? 0) + 1);
    columns.set(b, (columns.get(b) ?? 0) + 1);
  });
  const sum = (counts: Map<string, number>) => [...counts.values()].reduce((s, n) => s + pairs(n), 0);
  const index = sum(cells);
  const expected = (sum(rows) * sum(columns)) / pairs(left.length);
  const maximum = (sum(rows) + sum(columns)) / 2;
  return maximum === expected ? 1 : (index - expected) / (maximum - expected);
}

/** The adjusted Rand index of two labellings of the same participants, over those both label. */
export function agreement(left: ReadonlyMap<string, string>, right: ReadonlyMap<string, string>): number {
  const shared = [...left.keys()].filter((id) => right.has(id));
  return adjustedRandIndex(
    shared.map((id) => left.get(id)!),
    shared.map((id) => right.get(id)!),
  );
}

export interface PolisConversation {
  readonly votes: OpinionVote<string, number>[];
  /** Pol.is's own opinion group of each participant it placed in one. */
  readonly polisGroups: ReadonlyMap<string, string>;
}

/**
 * A conversation's `participants-votes.csv` from the Computational Democracy Project's open data
 * (tests/fixtures/polis/README.md): one row per participant, `group-id` (blank when Pol.is put
 * them in no group), then one column per comment: 1 agree, −1 disagree, 0 pass, blank unseen.
 * The files have no quoted fields.
 */
export function readPolisConversation(name: string): PolisConversation {
  const path = fileURLToPath(new URL(`../fixtures/polis/${name}.participants-votes.csv`, import.meta.url));
  const [header, ...lines] = readFileSync(path, "utf8").trim().split("\n");
  const columns = header!.split(",");
  const group = columns.indexOf("group-id");
  const firstComment = columns.indexOf("n-disagree") + 1;
  const votes: OpinionVote<string, number>[] = [];
  const polisGroups = new Map<string, string>();
  for (const line of lines) {
    const cells = line.split(",");
    const participantId = `p${cells[0]!.padStart(5, "0")}`;
    if (cells[group]) polisGroups.set(participantId, cells[group]);
    for (let c = firstComment; c < columns.length; c++) {
      const cell = cells[c];
      if (cell === undefined || cell === "") continue;
      const value = cell === "1" ? "agree" : cell === "-1" ? "disagree" : "pass";
      votes.push({ participantId, statementId: Number(columns[c]), value });
    }
  }
  return { votes, polisGroups };
}
