/**
 * Wording a new reader stumbles on (issue 18 item 16): plural forms per locale for the ballot's
 * "N members have given M points" (each number with its own plural, in each language's categories:
 * ar zero/one/two/few/many/other, ru one/few/many/other…), the confidence interval said in plain
 * words with its figure kept, and one "All" per filter menu so that it can agree with the menu's noun.
 */
import { createRemixStub } from "@remix-run/testing";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { BallotResults } from "~/components/ballot-form";
import { CommentFilters } from "~/components/comment-filters";
import { supportedLanguages, type Language } from "~/platform/i18n/config";
import { createI18nInstance } from "~/platform/i18n/i18n.server";
import { expectConsoleError } from "../support/fail-on-console-error";
import { renderInLanguage } from "../support/render";
import { text } from "../support/locales";

/** A ballot result: `ballots` members gave `points` points to one priority. */
function ballot(ballots: number, points: number) {
  return {
    priorities: [{ id: 1, title: { text: "Local insulin", language: "en", isFallback: false }, own: 0 }],
    results: { ballots, totalPoints: points, ranking: [{ id: 1, points, share: 1, members: ballots }] },
    resultsHidden: null,
  };
}

const plainText = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("the ballot summary", () => {
  it('says "1 member has given 1 point", never "1 points", in English', async () => {
    const one = plainText(
      await renderInLanguage(createElement(BallotResults, { ballot: ballot(1, 1), language: "en" }), "en"),
    );
    expect(one).toContain("1 member has given 1 point in all.");
    expect(one).not.toMatch(/\b1 points\b/);
    const many = plainText(
      await renderInLanguage(createElement(BallotResults, { ballot: ballot(3, 12), language: "en" }), "en"),
    );
    expect(many).toContain("3 members have given 12 points in all.");
  });

  it("gives the members and the points each their own plural form, in Russian and Arabic", async () => {
    const ru = plainText(
      await renderInLanguage(createElement(BallotResults, { ballot: ballot(5, 21), language: "ru" }), "ru"),
    );
    expect(ru).toContain("5 участников распределили в сумме 21 балл.");
    const ar = await renderInLanguage(createElement(BallotResults, { ballot: ballot(2, 3), language: "ar" }), "ar");
    expect(plainText(ar)).toContain("عضوان منحا");
    expect(plainText(ar)).toContain("نقاط في المجموع");
  });

  it.each(supportedLanguages)("%s: uses the language's own plural category for every count", async (language) => {
    const i18n = await createI18nInstance(language);
    const rules = new Intl.PluralRules(language);
    const categories = new Set<string>();
    for (const count of [0, 1, 2, 3, 5, 11, 21, 22, 25, 100, 101, 1_000_000, 1.5]) {
      const category = rules.select(count);
      categories.add(category);
      const own = i18n.getResource(language, "ballot", `results.pointsInAll_${category}`) as string | undefined;
      expect(own, `${language} pointsInAll_${category}`).toBeTypeOf("string");
      expect(i18n.t("ballot:results.pointsInAll", { count, formatted: "N" })).toBe(own!.replace("{{formatted}}", "N"));
    }
    expect([...categories].sort()).toEqual([...rules.resolvedOptions().pluralCategories].sort());
  });
});

describe("the confidence interval", () => {
  it.each(supportedLanguages)("%s: keeps the 95 %% figure", (language: Language) => {
    for (const [namespace, key] of [
      ["participation", "results.agreeShare"],
      ["reports", "results.intro"],
      ["reports", "method.intervals"],
    ] as const) {
      expect(text(language, namespace, key), `${namespace}:${key}`).toMatch(/95/);
    }
  });

  it("is said in plain words in English", () => {
    for (const [namespace, key] of [
      ["participation", "results.agreeShare"],
      ["reports", "results.intro"],
      ["reports", "results.interval"],
    ] as const) {
      expect(text("en", namespace, key)).not.toMatch(/confidence|interval/i);
    }
    expect(text("en", "reports", "results.interval", { low: "40%", high: "60%" })).toBe(
      "(most likely between 40% and 60%)",
    );
  });
});

describe("the filter menus' “All”", () => {
  it("is its own word in each menu, agreeing in gender in Spanish", async () => {
    // The stub is a browser router: React warns that its layout effects do nothing on the server.
    expectConsoleError(/useLayoutEffect does nothing on the server/);
    const Stub = createRemixStub([
      {
        path: "/c/x",
        Component: () => createElement(CommentFilters, { query: { sort: "newest", page: 1 }, path: "/c/x" }),
      },
    ]);
    const html = await renderInLanguage(createElement(Stub, { initialEntries: ["/c/x"] }), "es");
    const firstOption = (id: string) => html.match(new RegExp(`id="${id}"[^>]*>\\s*<option[^>]*>([^<]+)<`))?.[1];
    expect(firstOption("comments-language")).toBe("Todos los idiomas");
    expect(firstOption("comments-stance")).toBe("Todas las posturas");
  });

  it.each(supportedLanguages)("%s: has one word per menu", (language) => {
    expect(text(language, "comments", "filters.allLanguages")).not.toBe(
      text(language, "comments", "filters.allStances"),
    );
    expect(text(language, "participation", "filters.allCategories")).not.toBe(
      text(language, "participation", "filters.allProductTypes"),
    );
  });
  it("agrees with a feminine noun in Portuguese and Spanish", () => {
    expect(text("pt", "participation", "filters.allCategories")).toBe("Todas as áreas");
    expect(text("es", "comments", "filters.allStances")).toBe("Todas las posturas");
  });
});
