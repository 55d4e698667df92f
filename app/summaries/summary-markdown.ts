/**
 * Summaries are Markdown written by moderators, rendered by the site's one Markdown renderer and its
 * safety policy (`platform/markdown.ts`). A line `[[quote:123]]` stands for a quoted comment: the page
 * puts the comment there, or nothing when the comment is no longer public.
 */
import { renderMarkdown } from "~/platform/markdown";

export type SummarySegment = { kind: "html"; html: string } | { kind: "quote"; commentId: number };

const quoteLine = /^[ \t]*\[\[quote:(\d{1,9})\]\][ \t]*$/;

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
    const html = pending.length > 0 ? renderMarkdown(pending.join("\n")) : "";
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
