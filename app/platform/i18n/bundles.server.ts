/**
 * Translations as the browser fetches them: one language, only the namespaces a page used, at a URL
 * that names its content (a hash), so it can be cached for good and a changed file gets a new URL.
 */
import { createHash } from "node:crypto";
import { brotliCompressSync, constants } from "node:zlib";
import type { i18n as I18n } from "i18next";
import { namespaces as allNamespaces, type Language, type Namespace } from "~/platform/i18n/config";
import { getResources } from "~/platform/i18n/resources.server";

export interface TranslationBundle {
  body: string;
  hash: string;
  /**
   * The body compressed once with brotli at its highest quality (about 17 % smaller than the
   * quality the server compresses pages at): the bundle never changes while the server runs.
   */
  brotli: () => Uint8Array<ArrayBuffer>;
}

const bundles = new Map<string, TranslationBundle>();

/** The JSON of `language`'s `namespaces`, in the configured order whatever order they are asked in. */
export function translationBundle(language: Language, namespaces: readonly Namespace[]): TranslationBundle {
  const wanted = allNamespaces.filter((ns) => namespaces.includes(ns));
  const key = `${language}:${wanted.join(",")}`;
  let bundle = bundles.get(key);
  if (!bundle) {
    const strings = getResources()[language] ?? {};
    const body = JSON.stringify(Object.fromEntries(wanted.map((ns) => [ns, strings[ns] ?? {}])));
    let brotli: Uint8Array<ArrayBuffer> | undefined;
    bundle = {
      body,
      hash: createHash("sha256").update(body).digest("base64url").slice(0, 16),
      brotli: () =>
        (brotli ??= new Uint8Array(
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
        )),
    };
    bundles.set(key, bundle);
  }
  return bundle;
}

/** Where the browser fetches that bundle: routes/_resources+/locales.$lng.ts. */
export function translationBundleHref(language: Language, namespaces: readonly Namespace[]): string {
  const wanted = allNamespaces.filter((ns) => namespaces.includes(ns));
  const { hash } = translationBundle(language, wanted);
  return `/locales/${language}?ns=${wanted.join(",")}&v=${hash}`;
}

/**
 * Records every namespace `i18n` looks a key up in (`t("reports:link")` names one no component
 * declared) and every namespace a component declares, so that after rendering a page the server
 * knows which ones its hydration needs.
 */
export function trackNamespaces(i18n: I18n): () => Namespace[] {
  const used = new Set<string>();
  // Every lookup of a translation goes through the store's getResource (untyped in i18next's declarations).
  const store = i18n.services.resourceStore as unknown as { getResource: (...args: unknown[]) => unknown };
  const getResource = store.getResource.bind(store);
  store.getResource = (...args: unknown[]) => {
    const [, ns, key] = args;
    // Without a key, i18next is asking whether the namespace is there at all.
    if (key !== undefined) used.add(String(ns));
    return getResource(...args);
  };
  return () => {
    // Every namespace a component declared (`useTranslation(["a", "b"])`), looked up or not: in the
    // browser react-i18next suspends until all of them are there, which during hydration fails it.
    const declared = (i18n as I18n & { reportNamespaces?: { getUsedNamespaces(): string[] } }).reportNamespaces;
    for (const ns of declared?.getUsedNamespaces() ?? []) used.add(ns);
    return allNamespaces.filter((ns) => used.has(ns));
  };
}
