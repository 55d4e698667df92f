/**
 * Translations are read from locales/<lang>/<namespace>.json once per process. Reading the files
 * (rather than bundling them) lets a translator fix a string without touching the code.
 */
import fs from "node:fs";
import path from "node:path";
import type { Resource, ResourceLanguage } from "i18next";
import { namespaces, supportedLanguages } from "~/platform/i18n/config";

export const localesDir = path.resolve(process.cwd(), "locales");

let cache: Resource | undefined;

export function getResources(): Resource {
  cache ??= Object.fromEntries(supportedLanguages.map((language) => [language, readLanguage(language)]));
  return cache;
}

function readLanguage(language: string): ResourceLanguage {
  return Object.fromEntries(
    namespaces.map((ns) => [ns, JSON.parse(fs.readFileSync(path.join(localesDir, language, `${ns}.json`), "utf8"))]),
  );
}
