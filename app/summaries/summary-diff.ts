/** What changed between two versions of a summary, word by word. Pure. */
import { diffWordsWithSpace } from "diff";

export interface DiffPart {
  change: "same" | "added" | "removed";
  text: string;
}

export function diffTexts(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((part) => ({
    change: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
}
