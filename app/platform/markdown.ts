/**
 * The one Markdown renderer, for everything staff write in Markdown (summaries, institution
 * responses), with one safety policy, so that no page renders staff text more loosely than another:
 * - raw HTML is shown as text, never as markup;
 * - no images: a picture would load whatever the writer points it at into every reader's browser
 *   (a tracking pixel); `![alt](url)` is left as a plain link to the picture;
 * - links only to http(s) addresses or to a path on this site (no `javascript:`, `data:`, `mailto:`,
 *   no protocol-relative `//host`), each with `rel="noopener noreferrer nofollow"`;
 * - bare addresses become links only when written with http(s)://, as in members' comments
 *   (`linkify.server.ts`): no guessing at "example.com" or at e-mail addresses.
 * See decision 0028.
 */
import MarkdownIt from "markdown-it";

const markdown = new MarkdownIt("default", { html: false, linkify: true, typographer: false });
markdown.disable("image");
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
markdown.linkify.add("//", null).add("ftp:", null).add("mailto:", null);

/** Any origin would do: a relative link is resolved against it only to see whether it stays on the site. */
const siteOrigin = "https://site.invalid";
const scheme = /^[a-z][a-z\d+.-]*:/i;
/**
 * Backslashes and control characters (tab, line feed…) in a link: browsers read `\` as `/` and drop
 * the others, so `/\evil.example` or `/<tab>/evil.example` would leave the site.
 */
const misleadingCharacters = /[\\\p{Cc}]/u;

/** Whether a link may be rendered: an http(s) address, or a path, query or anchor on this site. */
export function isSafeLink(url: string): boolean {
  const link = url.trim();
  if (misleadingCharacters.test(link)) return false;
  let resolved: URL;
  try {
    resolved = new URL(link, `${siteOrigin}/`);
  } catch {
    return false;
  }
  if (scheme.test(link)) return resolved.protocol === "https:" || resolved.protocol === "http:";
  return resolved.origin === siteOrigin;
}
markdown.validateLink = isSafeLink;

/**
 * Pages show staff Markdown under a section heading of level 2, so its own headings start at level 3:
 * "#" and "##" become h3, "###" h4, and so on (never beyond h6).
 */
const shiftedHeadingLevel = (markdownLevel: number) => Math.min(6, Math.max(markdownLevel, 2) + 1);

const shiftHeading: NonNullable<typeof markdown.renderer.rules.heading_open> = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.tag = `h${shiftedHeadingLevel(Number(token.tag.slice(1)))}`;
  return self.renderToken(tokens, idx, options);
};
markdown.renderer.rules.heading_open = shiftHeading;
markdown.renderer.rules.heading_close = shiftHeading;

markdown.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet("rel", "noopener noreferrer nofollow");
  return self.renderToken(tokens, idx, options);
};

/** Staff Markdown as HTML that is safe to put in a page (see the policy above). */
export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
