/**
 * What a page loads besides its HTML, decided by the server for each request (issue 18, item 8):
 * whether it gets scripts at all (not when the browser asks to save data), the URL of the
 * translations its hydration needs, and data its server render draws but its hydration data leaves
 * out. In the browser none of this is provided: there the page was already served with scripts,
 * and entry.client remembers which translation URL it loaded (see `rememberTranslationsHref`).
 */
import { createContext, useContext } from "react";

/** Drawn into the HTML by the server render only; see AppLoadContext.renderOnly. */
export interface RenderOnly {
  /** Each opinion group's dots as one SVG path `d` (app/components/opinion-map.tsx). */
  opinionMapDots?: string[];
}

export interface PageResources {
  scripts: boolean;
  /** Called once the rest of the page has rendered: only then is every namespace it used known. */
  translationsHref: () => string;
  renderOnly: RenderOnly;
}

let loadedTranslationsHref = "";

/** entry.client, before hydrating: the URL it took the translations from, so the page renders it again identically. */
export function rememberTranslationsHref(href: string) {
  loadedTranslationsHref = href;
}

export const PageResourcesContext = createContext<PageResources>({
  scripts: true,
  translationsHref: () => loadedTranslationsHref,
  renderOnly: {},
});

export function usePageResources(): PageResources {
  return useContext(PageResourcesContext);
}

/** Where the early fetch of the translations leaves its promise for entry.client. */
export const translationsGlobal = "__barazaTranslations";

/**
 * Starts fetching the page's translations as soon as the parser reaches it, rather than after every
 * script has run. A script, not a `<link rel="preload">`: a browser without JavaScript would fetch a
 * preload for nothing. Rendered after the page's content (just before the scripts) so that the
 * server knows by then every namespace the page used; on hydration React keeps it as it is.
 */
export function TranslationsFetch({ nonce }: { nonce: string }) {
  const { translationsHref } = usePageResources();
  const href = translationsHref();
  return (
    <script
      nonce={nonce}
      data-translations={href}
      suppressHydrationWarning
      dangerouslySetInnerHTML={{
        __html: `window.${translationsGlobal}=fetch(${JSON.stringify(href)}).then(function(r){return r.json()})`,
      }}
    />
  );
}

/**
 * `Save-Data: on` (https://wicg.github.io/savedata/): the person asked their browser to use less
 * data. The header's value is a list of tokens, of which only `on` is defined; others are ignored.
 */
export function wantsSaveData(headers: Headers): boolean {
  const value = headers.get("save-data");
  return value !== null && value.split(/[;,]/).some((token) => token.trim().toLowerCase() === "on");
}
