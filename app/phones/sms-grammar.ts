/**
 * The SMS grammar (issue 16): `VOTE 3 AGREE`, `B 3 4 2 1`, `COMMENT 3 …`, `RESULTS 3`, `HELP`, `STOP`,
 * with the keywords of every language (locales/<lang>/phones.json, `keywords`). Pure: the route reads
 * the lexicon from the locale files once and hands it in, so every rule here is unit-tested.
 *
 * A keyword is understood in any language, because people on a shared handset or near a border mix
 * them; the sender's own language decides only when two languages give one word different meanings.
 */
import type { VoteValue } from "~db/schema";

export const commandWords = ["vote", "ballot", "comment", "results", "help", "stop"] as const;
export const valueWords = ["agree", "disagree", "pass"] as const satisfies readonly VoteValue[];
export type CommandWord = (typeof commandWords)[number];
export type Meaning = CommandWord | VoteValue;

/** Longest comment an SMS may carry: a concatenated SMS of three parts is about 450 characters. */
export const smsCommentMaxLength = 450;

export type SmsCommand =
  | { kind: "vote"; number: number; value: VoteValue }
  | { kind: "ballot"; points: number[] }
  | { kind: "comment"; number: number; text: string }
  | { kind: "results"; number: number }
  | { kind: "help" }
  | { kind: "stop" };

export type SmsErrorCode =
  "empty" | "unknownKeyword" | "missingNumber" | "missingValue" | "emptyComment" | "commentTooLong" | "badPoints";

export type ParsedSms<L extends string> =
  | { ok: true; command: SmsCommand; language: L | undefined }
  | { ok: false; error: SmsErrorCode; language: L | undefined };

interface Entry<L extends string> {
  word: string;
  meaning: Meaning;
  language: L;
}

export type Lexicon<L extends string> = readonly Entry<L>[];

/** Builds the lexicon from each language's `keywords` (each value is `WORD|WORD|…`). */
export function buildLexicon<L extends string>(keywords: Record<L, Record<Meaning, string>>): Lexicon<L> {
  const entries: Entry<L>[] = [];
  for (const language of Object.keys(keywords) as L[]) {
    for (const meaning of [...commandWords, ...valueWords]) {
      for (const word of keywords[language][meaning].split("|")) {
        const normalized = normalizeWord(word);
        if (normalized) entries.push({ word: normalized, meaning, language });
      }
    }
  }
  return entries;
}

/**
 * How a word is compared: upper case, without accents or Arabic vowel marks (phones often cannot
 * type them), with the Arabic alef forms made one, so `résultats`, `RESULTATS` and `Resultats` match.
 */
export function normalizeWord(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[أإآٱ]/g, "ا")
    .toUpperCase()
    .trim();
}

/** Arabic-Indic and Eastern Arabic-Indic digits as ASCII, so `صوت ٣ موافق` is `صوت 3 موافق`. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String((digit.charCodeAt(0) - 0x0660) % 0x90));
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment), enough to tell 0, 1 or more
 * for the short words of the grammar.
 */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => i || j));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[x.length]![y.length]!;
}

/** Typos are forgiven only on words long enough that one wrong letter still names one keyword. */
const typoMinLength = 4;

/**
 * What a word means among `allowed`: an exact keyword first, then a keyword one edit away; a word
 * whose candidates disagree is resolved by the sender's language, else not understood.
 */
function lookUp<L extends string>(
  lexicon: Lexicon<L>,
  word: string,
  allowed: readonly Meaning[],
  preferred: L | undefined,
): Entry<L> | undefined {
  const normalized = normalizeWord(word);
  const candidates = lexicon.filter((entry) => allowed.includes(entry.meaning));
  const exact = candidates.filter((entry) => entry.word === normalized);
  const near =
    exact.length > 0 || [...normalized].length < typoMinLength
      ? exact
      : candidates.filter(
          (entry) => [...entry.word].length >= typoMinLength && editDistance(entry.word, normalized) === 1,
        );
  if (near.length === 0) return undefined;
  const own = near.find((entry) => entry.language === preferred);
  if (own) return own;
  return near.every((entry) => entry.meaning === near[0]!.meaning) ? near[0] : undefined;
}

const numberPattern = /^\d{1,6}$/;

/**
 * Reads one message. `preferred` is the sender's known language; the answer carries the language of
 * the keyword understood, for a sender the app does not know yet.
 */
export function parseSms<L extends string>(lexicon: Lexicon<L>, text: string, preferred?: L): ParsedSms<L> {
  // Digits split from words, so `KURA3KUBALI` and `投票3同意` (no spaces in Chinese) read as three words.
  const spaced = asciiDigits(text).replace(/(\d+)/g, " $1 ").trim();
  const words = spaced.split(/\s+/).filter(Boolean);
  if (words.length === 0) return { ok: false, error: "empty", language: preferred };
  const keyword = lookUp(lexicon, words[0]!, commandWords, preferred);
  if (!keyword) return { ok: false, error: "unknownKeyword", language: preferred };
  const language = keyword.language;
  const fail = (error: SmsErrorCode): ParsedSms<L> => ({ ok: false, error, language });
  const done = (command: SmsCommand): ParsedSms<L> => ({ ok: true, command, language });
  const number = words[1] !== undefined && numberPattern.test(words[1]) ? Number(words[1]) : undefined;
  switch (keyword.meaning) {
    case "help":
      return done({ kind: "help" });
    case "stop":
      return done({ kind: "stop" });
    case "results":
      return number === undefined ? fail("missingNumber") : done({ kind: "results", number });
    case "vote": {
      if (number === undefined) return fail("missingNumber");
      if (words[2] === undefined) return fail("missingValue");
      const value = lookUp(lexicon, words[2], valueWords, language);
      if (!value) return fail("missingValue");
      // `VOTAR` is Spanish and Portuguese: `DESACUERDO` says which.
      const both = lookUp(lexicon, words[0]!, commandWords, value.language)?.language === value.language;
      return {
        ok: true,
        command: { kind: "vote", number, value: value.meaning as VoteValue },
        language: both ? value.language : language,
      };
    }
    case "ballot": {
      const points = words.slice(1);
      if (points.length === 0 || !points.every((word) => numberPattern.test(word))) return fail("badPoints");
      return done({ kind: "ballot", points: points.map(Number) });
    }
    case "comment": {
      if (number === undefined) return fail("missingNumber");
      // The comment keeps the sender's own spacing and characters: only what follows the number.
      // `asciiDigits` keeps every index, so the position found in it is the position in the original.
      const match = /^\s*\D*?\d+\s*/u.exec(asciiDigits(text));
      const comment = text.slice(match?.[0].length ?? text.length).trim();
      if (comment === "") return fail("emptyComment");
      if ([...comment].length > smsCommentMaxLength) return fail("commentTooLong");
      return done({ kind: "comment", number, text: comment });
    }
    default:
      return fail("unknownKeyword");
  }
}
