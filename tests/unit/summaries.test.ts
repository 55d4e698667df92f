/** Rendering a summary's Markdown safely, its quote lines, and the word diff between versions. */
import { describe, expect, it } from "vitest";
import { diffTexts } from "~/summaries/summary-diff";
import {
  appendQuoteToken,
  quotedCommentIds,
  renderSummaryMarkdown,
  type SummarySegment,
} from "~/summaries/summary-markdown";

const html = (segments: SummarySegment[]) =>
  segments.map((segment) => (segment.kind === "html" ? segment.html : `{quote ${segment.commentId}}`)).join("");

describe("renderSummaryMarkdown", () => {
  it("renders headings, emphasis, lists and web links", () => {
    const out = html(
      renderSummaryMarkdown("## Findings\n\n**Broad** support:\n\n- one\n- two\n\n[more](https://example.org/x)"),
    );
    expect(out).toContain("<h3>Findings</h3>");
    expect(out).toContain("<strong>Broad</strong>");
    expect(out).toContain("<li>one</li>");
    expect(out).toContain('<a href="https://example.org/x" rel="noopener noreferrer nofollow">more</a>');
  });

  it("places the summary's headings under the page's section heading (h2)", () => {
    const out = html(renderSummaryMarkdown("# One\n\n## Two\n\n### Three\n\n#### Four\n\n###### Six"));
    expect(out).toBe("<h3>One</h3>\n<h3>Two</h3>\n<h4>Three</h4>\n<h5>Four</h5>\n<h6>Six</h6>\n");
  });

  it("neutralises raw HTML: a script tag is shown as text, never as an element", () => {
    const out = html(
      renderSummaryMarkdown('<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>\n\n<b>bold</b>'),
    );
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<img/i);
    expect(out).not.toMatch(/<b>/);
    expect(out).toContain("&lt;script&gt;");
    expect(out).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });

  it.each([
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](file:///etc/passwd)",
    "<javascript:alert(1)>",
    "[elsewhere](//example.org/x)",
  ])("refuses unsafe links: %s", (source) => {
    const out = html(renderSummaryMarkdown(source));
    expect(out).not.toMatch(/href="(?!https?:|\/|#)/i);
    expect(out).not.toMatch(/<a /);
  });

  it("keeps on-site links, and mail addresses as text only", () => {
    const out = html(
      renderSummaryMarkdown("[write](mailto:team@example.org), [results](/c/x#priority-1) and [up](../summary)"),
    );
    expect(out).not.toContain('href="mailto:');
    expect(out).toContain('href="/c/x#priority-1"');
    expect(out).toContain('href="../summary"');
  });

  it("does not load images", () => {
    expect(html(renderSummaryMarkdown("![tracker](https://example.org/pixel.png)"))).not.toMatch(/<img/);
  });

  it("turns a line [[quote:id]] into a quote between the rendered parts", () => {
    const segments = renderSummaryMarkdown("Before.\n\n[[quote:12]]\n\nAfter.\n  [[quote:7]]  ");
    expect(segments).toEqual([
      { kind: "html", html: "<p>Before.</p>\n" },
      { kind: "quote", commentId: 12 },
      { kind: "html", html: "<p>After.</p>\n" },
      { kind: "quote", commentId: 7 },
    ]);
  });

  it("leaves a quote token inside a sentence as text", () => {
    expect(renderSummaryMarkdown("See [[quote:12]] here")).toEqual([
      { kind: "html", html: "<p>See [[quote:12]] here</p>\n" },
    ]);
  });
});

describe("quote lines", () => {
  it("lists quoted comments once, in order", () => {
    expect(quotedCommentIds("[[quote:3]]\ntext\n[[quote:1]]\n[[quote:3]]\nnot [[quote:9]]")).toEqual([3, 1]);
  });

  it("appends a quote on a paragraph of its own", () => {
    expect(appendQuoteToken("Some text.\n\n", 5)).toBe("Some text.\n\n[[quote:5]]\n");
    expect(appendQuoteToken("", 5)).toBe("[[quote:5]]\n");
    expect(quotedCommentIds(appendQuoteToken("x", 42))).toEqual([42]);
  });
});

describe("diffTexts", () => {
  it("marks removed and added words and keeps the rest", () => {
    const parts = diffTexts("Support is broad here.", "Support is narrow here.");
    expect(parts.filter((p) => p.change === "removed").map((p) => p.text)).toEqual(["broad"]);
    expect(parts.filter((p) => p.change === "added").map((p) => p.text)).toEqual(["narrow"]);
    expect(
      parts
        .filter((p) => p.change !== "added")
        .map((p) => p.text)
        .join(""),
    ).toBe("Support is broad here.");
    expect(
      parts
        .filter((p) => p.change !== "removed")
        .map((p) => p.text)
        .join(""),
    ).toBe("Support is narrow here.");
  });

  it("finds nothing changed in equal texts", () => {
    expect(diffTexts("Same text.", "Same text.")).toEqual([{ change: "same", text: "Same text." }]);
  });
});
