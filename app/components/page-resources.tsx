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

/** The id entry.client finds the translation link by. */
export const translationsLinkId = "translations";

/**
 * The page's translations, fetched as soon as the parser reaches this link rather than after every
 * script has run. Rendered after the page's content (just before the scripts) so that the server
 * knows by then every namespace the page used.
 */
export function TranslationsPreload() {
  const { translationsHref } = usePageResources();
  return <link id={translationsLinkId} rel="preload" as="fetch" crossOrigin="anonymous" href={translationsHref()} />;
}

/**
 * `Save-Data: on` (https://wicg.github.io/savedata/): the person asked their browser to use less
 * data. The header's value is a list of tokens, of which only `on` is defined; others are ignored.
 */
export function wantsSaveData(headers: Headers): boolean {
  const value = headers.get("save-data");
  return value !== null && value.split(/[;,]/).some((token) => token.trim().toLowerCase() === "on");
}
