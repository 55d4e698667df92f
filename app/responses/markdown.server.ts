import MarkdownIt from "markdown-it";

// Raw HTML is off: a response is written by staff, but the page must stay safe whatever is typed.
const markdown = new MarkdownIt({ html: false, linkify: true });

/** A response's Markdown body as HTML that is safe to render. */
export function renderResponseMarkdown(text: string): string {
  return markdown.render(text);
}
