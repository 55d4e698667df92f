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
  const plural = typeof values.count === "number" ? `${key}_${new Intl.PluralRules(language).select(values.count)}` : null;
  const node = lookup(key) ?? (plural ? lookup(plural) : undefined);
  if (typeof node !== "string") throw new Error(`No string ${language}/${namespace}:${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`));
}
