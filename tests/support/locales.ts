/** Reads the UI strings the way a test wants to compare against them: `text("ar", "common", "home.heading")`. */
import fs from "node:fs";
import path from "node:path";

const cache = new Map<string, Record<string, unknown>>();

export function text(
  language: string,
  namespace: string,
  key: string,
  values: Record<string, string | number> = {},
): string {
  const file = path.resolve("locales", language, `${namespace}.json`);
  if (!cache.has(file)) cache.set(file, JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>);
  const lookup = (path: string) => {
    let node: unknown = cache.get(file);
    for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
    return node;
  };
  // Plural keys as i18next resolves them: key_one, key_few, … chosen by the language's rules.
  const plural =
    typeof values.count === "number" ? `${key}_${new Intl.PluralRules(language).select(values.count)}` : null;
  const node = lookup(key) ?? (plural ? lookup(plural) : undefined);
  if (typeof node !== "string") throw new Error(`No string ${language}/${namespace}:${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}

/**
 * The inverse of `text`: the values a shown string was made from, whichever plural form it uses, or
 * null if it is not that string. `valuesIn("en", "ballot", "results.summary", "2 members have given
 * 20 points in all.")` is `{ members: "2", points: "20" }`.
 */
export function valuesIn(
  language: string,
  namespace: string,
  key: string,
  shown: string,
): Record<string, string> | null {
  const escape = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const forms = ["", "_zero", "_one", "_two", "_few", "_many", "_other"];
  for (const form of forms) {
    let template: string;
    try {
      template = text(language, namespace, `${key}${form}`);
    } catch {
      continue;
    }
    const names: string[] = [];
    const pattern = template
      .split(/(\{\{\w+\}\})/)
      .map((part) => {
        const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
        if (!name) return escape(part);
        names.push(name);
        return "(.+?)";
      })
      .join("");
    const match = new RegExp(`^${pattern}$`).exec(shown.trim());
    if (match) return Object.fromEntries(names.map((name, index) => [name, match[index + 1]!]));
  }
  return null;
}

/** A number as shown in any language: Arabic-Indic digits read, grouping separators dropped. */
export function shownNumber(shown: string): number {
  const digits = shown
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/\D/g, "");
  if (digits === "") throw new Error(`No number in "${shown}"`);
  return Number(digits);
}
