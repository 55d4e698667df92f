/**
 * Summaries are Markdown written by moderators. They are rendered with raw HTML switched off and
 * only web and mail links allowed, so a summary can never carry a script into a reader's page.
 * A line `[[quote:123]]` stands for a quoted comment: the page puts the comment there, or nothing
 * when the comment is no longer public.
 */
import MarkdownIt from "markdown-it";

export type SummarySegment = { kind: "html"; html: string } | { kind: "quote"; commentId: number };

const quoteLine = /^[ \t]*\[\[quote:(\d{1,9})\]\][ \t]*$/;
const safeLinkProtocols = /^(https?:|mailto:)/i;
/** A link with no scheme of its own: a path, a query or an anchor on this site. */
const relativeLink = /^(\/(?!\/)|#|\?|\.{1,2}\/)/;

const markdown = new MarkdownIt("default", { html: false, linkify: true, typographer: false });
// Images would let a summary load anything from anywhere into every reader's browser.
markdown.disable("image");
markdown.validateLink = (url) => {
  const trimmed = url.trim();
  return safeLinkProtocols.test(trimmed) || relativeLink.test(trimmed);
};

/**
 * Pages show a summary under a section heading of level 2, so its own headings start at level 3:
 * "#" and "##" become h3, "###" h4, and so on (never beyond h6).
 */
const summaryHeadingLevel = (markdownLevel: number) => Math.min(6, Math.max(markdownLevel, 2) + 1);

const shiftHeading: NonNullable<typeof markdown.renderer.rules.heading_open> = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.tag = `h${summaryHeadingLevel(Number(token.tag.slice(1)))}`;
  return self.renderToken(tokens, idx, options);
};
markdown.renderer.rules.heading_open = shiftHeading;
markdown.renderer.rules.heading_close = shiftHeading;

const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet("rel", "nofollow noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function quoteToken(commentId: number): string {
  return `[[quote:${commentId}]]`;
}

/** The text with a quote line added at its end, on a paragraph of its own. */
export function appendQuoteToken(text: string, commentId: number): string {
  const trimmed = text.replace(/\s+$/, "");
  return trimmed ? `${trimmed}\n\n${quoteToken(commentId)}\n` : `${quoteToken(commentId)}\n`;
}

/** Ids of the comments quoted in the text, in order of first appearance. */
export function quotedCommentIds(text: string): number[] {
  const ids = new Set<number>();
  for (const line of text.split(/\r?\n/)) {
    const match = quoteLine.exec(line);
    if (match) ids.add(Number(match[1]));
  }
  return [...ids];
}

/** The summary as sanitised HTML pieces, with the quotes between them left for the page to fill. */
export function renderSummaryMarkdown(text: string): SummarySegment[] {
  const segments: SummarySegment[] = [];
  let pending: string[] = [];
  const flush = () => {
    const html = pending.length > 0 ? markdown.render(pending.join("\n")) : "";
    if (html.trim()) segments.push({ kind: "html", html });
    pending = [];
  };
  for (const line of text.split(/\r?\n/)) {
    const match = quoteLine.exec(line);
    if (match) {
      flush();
      segments.push({ kind: "quote", commentId: Number(match[1]) });
    } else {
      pending.push(line);
    }
  }
  flush();
  return segments;
}
