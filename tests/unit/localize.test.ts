import { describe, expect, it } from "vitest";
import { localize } from "~/platform/i18n/localize";

describe("localize", () => {
  const text = { en: "Pooled procurement", fr: "Achats groupés" };

  it("gives the reader's language when there is a text for it", () => {
    expect(localize(text, "fr")).toEqual({ text: "Achats groupés", language: "fr", isFallback: false });
  });

  it("falls back visibly to the fallback language", () => {
    expect(localize(text, "sw")).toEqual({ text: "Pooled procurement", language: "en", isFallback: true });
  });

  it("falls back to any language there is when the fallback is missing too", () => {
    expect(localize({ pt: "Compras conjuntas" }, "ar")).toEqual({
      text: "Compras conjuntas",
      language: "pt",
      isFallback: true,
    });
  });

  it("treats an empty text as missing", () => {
    expect(localize({ en: "Financing", fr: "" }, "fr").isFallback).toBe(true);
  });
});
