/** Issue 16: the SMS grammar in every language, typos, and the errors each mistake gives. */
import { describe, expect, it } from "vitest";
import { smsLexicon } from "~/phones/lexicon.server";
import { editDistance, normalizeWord, parseSms } from "~/phones/sms-grammar";

const lexicon = smsLexicon();
const parse = (text: string, preferred?: Parameters<typeof parseSms>[2]) => parseSms(lexicon, text, preferred);

describe("SMS grammar", () => {
  it.each([
    ["VOTE 3 AGREE", "en", { kind: "vote", number: 3, value: "agree" }],
    ["vote 3 agree", "en", { kind: "vote", number: 3, value: "agree" }],
    ["KURA 3 KUBALI", "sw", { kind: "vote", number: 3, value: "agree" }],
    ["kura 12 kataa", "sw", { kind: "vote", number: 12, value: "disagree" }],
    ["Voter 2 contre", "fr", { kind: "vote", number: 2, value: "disagree" }],
    ["صوت ٣ موافق", "ar", { kind: "vote", number: 3, value: "agree" }],
    ["صوت 4 محايد", "ar", { kind: "vote", number: 4, value: "pass" }],
    ["投票3同意", "zh", { kind: "vote", number: 3, value: "agree" }],
    ["ГОЛОС 1 ПРОТИВ", "ru", { kind: "vote", number: 1, value: "disagree" }],
    ["VOTAR 5 CONCORDO", "pt", { kind: "vote", number: 5, value: "agree" }],
    ["votar 5 desacuerdo", "es", { kind: "vote", number: 5, value: "disagree" }],
    ["B 3 4 2 1", "en", { kind: "ballot", points: [3, 4, 2, 1] }],
    ["ALAMA 0 5", "sw", { kind: "ballot", points: [0, 5] }],
    ["RESULTS 3", "en", { kind: "results", number: 3 }],
    ["Résultats 7", "fr", { kind: "results", number: 7 }],
    ["نتائج 2", "ar", { kind: "results", number: 2 }],
    ["HELP", "en", { kind: "help" }],
    ["msaada", "sw", { kind: "help" }],
    ["STOP", "en", { kind: "stop" }],
    ["إيقاف", "ar", { kind: "stop" }],
  ])("%s is understood (%s)", (text, language, command) => {
    expect(parse(text)).toEqual({ ok: true, command, language });
  });

  it("keeps a comment as written, after the number", () => {
    expect(parse("COMMENT 3  Local  plants need *power*, 24/7.")).toEqual({
      ok: true,
      command: { kind: "comment", number: 3, text: "Local  plants need *power*, 24/7." },
      language: "en",
    });
    expect(parse("تعليق ٢ نحتاج ٣ مصانع")).toMatchObject({ command: { number: 2, text: "نحتاج ٣ مصانع" } });
    expect(parse("MAONI 4 Tunahitaji chanjo zetu wenyewe")).toMatchObject({ language: "sw" });
  });

  it("forgives one wrong letter in a word of four letters or more, when only one keyword is that near", () => {
    expect(parse("VOTR 3 AGRE")).toMatchObject({ ok: true, command: { kind: "vote", value: "agree" } });
    expect(parse("KUAR 3 KUBAL")).toMatchObject({ ok: true, command: { kind: "vote", value: "agree" } });
    expect(parse("RESLUTS 2")).toMatchObject({ ok: true, command: { kind: "results", number: 2 } });
    // Short words are not guessed at: "VTE" might be anything.
    expect(parse("VTE 3 AGREE")).toMatchObject({ ok: false, error: "unknownKeyword" });
    expect(parse("VOTE 3 AGRE")).toMatchObject({ ok: true });
    expect(parse("VOTE 3 YS")).toMatchObject({ ok: false, error: "missingValue" });
  });

  it("explains each mistake", () => {
    expect(parse("   ")).toMatchObject({ ok: false, error: "empty" });
    expect(parse("HELLO 3")).toMatchObject({ ok: false, error: "unknownKeyword" });
    expect(parse("VOTE AGREE")).toMatchObject({ ok: false, error: "missingNumber", language: "en" });
    expect(parse("KURA 3")).toMatchObject({ ok: false, error: "missingValue", language: "sw" });
    expect(parse("KURA 3 labda")).toMatchObject({ ok: false, error: "missingValue" });
    expect(parse("COMMENT 3")).toMatchObject({ ok: false, error: "emptyComment" });
    expect(parse(`COMMENT 3 ${"a".repeat(451)}`)).toMatchObject({ ok: false, error: "commentTooLong" });
    expect(parse("B 3 x 2")).toMatchObject({ ok: false, error: "badPoints" });
    expect(parse("B")).toMatchObject({ ok: false, error: "badPoints" });
    expect(parse("RESULTS")).toMatchObject({ ok: false, error: "missingNumber" });
  });

  it("keeps the sender's language for a message it cannot read", () => {
    expect(parse("habari", "sw")).toEqual({ ok: false, error: "unknownKeyword", language: "sw" });
  });

  it("normalizes case, accents and Arabic letter forms, and measures edits", () => {
    expect(normalizeWord("résultats")).toBe("RESULTATS");
    expect(normalizeWord("إيقاف")).toBe(normalizeWord("ايقاف"));
    expect(editDistance("VOTE", "VOTE")).toBe(0);
    expect(editDistance("VOTE", "VTOE")).toBe(1);
    expect(editDistance("VOTE", "VOTER")).toBe(1);
    expect(editDistance("KURA", "RUKA")).toBe(2);
  });
});
