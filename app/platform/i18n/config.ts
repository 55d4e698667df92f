/** Languages and namespaces, shared by server and browser. */
export const supportedLanguages = ["en", "fr", "pt", "ar", "es", "sw", "zh", "ru"] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = "en";

/** One JSON file per namespace in locales/<lang>/. */
export const namespaces = [
  "common",
  "auth",
  "consultation",
  "participation",
  "comments",
  "proposals",
  "profile",
  "ballot",
  "staff",
  "moderation",
  "summaries",
  "responses",
  "notifications",
  "opinion",
  "exports",
  "reports",
  "api",
  "security",
  "mydata",
  "privacy",
  "phones",
  "meetings",
  "imports",
] as const;
export type Namespace = (typeof namespaces)[number];
export const defaultNamespace: Namespace = "common";

/** Each language's own name for itself, so a reader finds it whatever language the page is in. */
export const languageAutonyms: Record<Language, string> = {
  en: "English",
  fr: "Français",
  pt: "Português",
  ar: "العربية",
  es: "Español",
  sw: "Kiswahili",
  zh: "中文",
  ru: "Русский",
};

export function isSupportedLanguage(value: unknown): value is Language {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}

export function textDirection(language: string): "ltr" | "rtl" {
  return language === "ar" ? "rtl" : "ltr";
}
