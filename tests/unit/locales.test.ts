/**
 * Locale file parity: every language has every namespace file, every English key (plural keys with
 * exactly the categories the language's plural rules use), no keys English lacks, non-empty strings,
 * the same {{placeholders}} as English, and real translations rather than English copies.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const languages = ["en", "fr", "pt", "ar", "es", "sw", "zh", "ru"] as const;
const translated = languages.filter((language) => language !== "en");
const localesDir = path.resolve(process.cwd(), "locales");
const pluralSuffix = /_(zero|one|two|few|many|other)$/;
/** Words that stay as they are in every language; a value made only of these is not a copy. */
const properNouns = ["Baraza"];
const maxIdenticalShare = 0.1;

type Flat = Map<string, unknown>;

const namespaces = fs.existsSync(path.join(localesDir, "en"))
  ? fs
      .readdirSync(path.join(localesDir, "en"))
      .filter((file) => file.endsWith(".json"))
      .map((file) => file.slice(0, -".json".length))
      .sort()
  : [];

function flatten(value: unknown, prefix = "", out: Flat = new Map()): Flat {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

function readNamespace(language: string, namespace: string): Flat | undefined {
  const file = path.join(localesDir, language, `${namespace}.json`);
  if (!fs.existsSync(file)) return undefined;
  return flatten(JSON.parse(fs.readFileSync(file, "utf8")));
}

function pluralCategories(language: string): string[] {
  return [...new Intl.PluralRules(language).resolvedOptions().pluralCategories];
}

function placeholders(value: unknown): string[] {
  if (typeof value !== "string") return [];
  return [...new Set([...value.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((match) => match[1] ?? ""))].sort();
}

/** The English keys of a namespace: plain keys, and plural base names (e.g. `home.participants`). */
function englishShape(en: Flat): { plain: string[]; pluralBases: string[] } {
  const pluralBases = new Set<string>();
  for (const key of en.keys()) {
    const base = key.replace(pluralSuffix, "");
    if (base !== key && en.has(`${base}_other`)) pluralBases.add(base);
  }
  const plain = [...en.keys()].filter((key) => !pluralBases.has(key.replace(pluralSuffix, "")));
  return { plain, pluralBases: [...pluralBases] };
}

/** The keys a language must have: English's plain keys, and each plural base in each of `categories`. */
function expectedKeys(en: Flat, categories: string[]): string[] {
  const { plain, pluralBases } = englishShape(en);
  return [...plain, ...pluralBases.flatMap((base) => categories.map((category) => `${base}_${category}`))];
}

const showPlaceholders = (names: string[]) => (names.length ? names.map((name) => `{{${name}}}`).join(" ") : "none");

/** The English text a translated key is compared with: its own key, or the `_other` form for plurals. */
function englishCounterpart(key: string, en: Flat): unknown {
  return en.get(key) ?? en.get(`${key.replace(pluralSuffix, "")}_other`);
}

/** True when a value has nothing to translate: only placeholders, proper nouns, digits and punctuation. */
function isUntranslatable(value: string): boolean {
  let rest = value.replace(/\{\{[^{}]*\}\}/g, "");
  for (const noun of properNouns) rest = rest.split(noun).join("");
  return !/\p{L}/u.test(rest);
}

describe("locale files", () => {
  it("have English namespace files to compare with", () => {
    expect(namespaces.length, `no JSON files in ${path.join(localesDir, "en")}`).toBeGreaterThan(0);
  });

  describe.each(languages)("%s", (language) => {
    it("has a folder with every namespace file and no others", () => {
      const dir = path.join(localesDir, language);
      expect(fs.existsSync(dir), `missing folder locales/${language}`).toBe(true);
      const files = fs
        .readdirSync(dir)
        .filter((file) => file.endsWith(".json"))
        .sort();
      expect(files).toEqual(namespaces.map((namespace) => `${namespace}.json`));
    });

    it.each(namespaces)("%s.json has only non-empty string values", (namespace) => {
      const strings = readNamespace(language, namespace);
      expect(strings, `missing locales/${language}/${namespace}.json`).toBeDefined();
      const bad = [...(strings ?? new Map()).entries()]
        .filter(([, value]) => typeof value !== "string" || value.trim() === "")
        .map(([key]) => key);
      expect(bad, "keys whose value is not a non-empty string").toEqual([]);
    });
  });

  it.each(namespaces)("en/%s.json gives each plural key every English category", (namespace) => {
    const en = readNamespace("en", namespace);
    if (!en) throw new Error(`missing locales/en/${namespace}.json`);
    const missing = englishShape(en).pluralBases.flatMap((base) =>
      pluralCategories("en")
        .map((category) => `${base}_${category}`)
        .filter((key) => !en.has(key)),
    );
    expect(missing).toEqual([]);
  });

  describe.each(translated)("%s against English", (language) => {
    const categories = pluralCategories(language);

    it.each(namespaces)("%s.json has every English key, each plural in every category", (namespace) => {
      const en = readNamespace("en", namespace);
      const strings = readNamespace(language, namespace);
      expect(en && strings, `missing locales/${language}/${namespace}.json`).toBeTruthy();
      if (!en || !strings) return;
      const missing = expectedKeys(en, categories).filter((key) => !strings.has(key));
      expect(missing, `keys missing from ${language}/${namespace}.json`).toEqual([]);
    });

    it.each(namespaces)("%s.json has no key that English lacks", (namespace) => {
      const en = readNamespace("en", namespace);
      const strings = readNamespace(language, namespace);
      if (!en || !strings) throw new Error(`missing locales/${language}/${namespace}.json`);
      const allowed = new Set(expectedKeys(en, categories));
      const extra = [...strings.keys()].filter((key) => !allowed.has(key));
      expect(extra, `keys in ${language}/${namespace}.json that English lacks`).toEqual([]);
    });

    it.each(namespaces)("%s.json keeps the English {{placeholders}}", (namespace) => {
      const en = readNamespace("en", namespace);
      const strings = readNamespace(language, namespace);
      if (!en || !strings) throw new Error(`missing locales/${language}/${namespace}.json`);
      const mismatches = [...strings.entries()].flatMap(([key, value]) => {
        const english = englishCounterpart(key, en);
        if (english === undefined) return [];
        const expected = placeholders(english);
        const actual = placeholders(value);
        if (expected.join() === actual.join()) return [];
        return [`${key}: English has ${showPlaceholders(expected)}, translation has ${showPlaceholders(actual)}`];
      });
      expect(mismatches, `placeholders that differ from English in ${language}/${namespace}.json`).toEqual([]);
    });

    it("is translated, not copied from English", () => {
      let compared = 0;
      const identical: string[] = [];
      for (const namespace of namespaces) {
        const en = readNamespace("en", namespace);
        const strings = readNamespace(language, namespace);
        if (!en || !strings) throw new Error(`missing locales/${language}/${namespace}.json`);
        for (const [key, value] of strings) {
          const english = englishCounterpart(key, en);
          if (typeof value !== "string" || typeof english !== "string" || isUntranslatable(english)) continue;
          compared += 1;
          if (value.trim() === english.trim()) identical.push(`${namespace}:${key}`);
        }
      }
      expect(compared).toBeGreaterThan(0);
      const message = `${identical.length} of ${compared} values identical to English, e.g. ${identical.slice(0, 10).join(", ")}`;
      expect(identical.length / compared, message).toBeLessThan(maxIdenticalShare);
    });
  });
});
