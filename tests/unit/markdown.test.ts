/**
 * The one Markdown renderer's safety policy (issue 13, item 16), over hostile Markdown: raw HTML is
 * text, no image is ever loaded, and links go only to http(s) addresses or to paths on this site.
 * Summaries and institution responses both render through it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderSummaryMarkdown } from "~/summaries/summary-markdown";
import { isSafeLink, renderMarkdown } from "~/platform/markdown";

/** Every href the HTML carries. */
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);

describe("the Markdown safety policy", () => {
  it.each([
    ["a Markdown image", "![pixel](https://tracker.example/p.gif?reader=1)"],
    ["a protocol-relative image", "![pixel](//tracker.example/p.gif)"],
    ["a reference image", "![pixel][p]\n\n[p]: https://tracker.example/p.gif"],
    ["a data: image", "![x](data:image/png;base64,iVBORw0KGgo=)"],
    ["a raw img tag", '<img src="https://tracker.example/p.gif">'],
    ["an img inside a link", "[![x](https://tracker.example/p.gif)](https://example.org)"],
    ["raw HTML with a style", '<div style="background:url(https://tracker.example/p.gif)">x</div>'],
    ["a picture tag", '<picture><source srcset="https://tracker.example/p.gif"></picture>'],
    ["an iframe", '<iframe src="https://tracker.example/"></iframe>'],
  ])("loads nothing from %s", (_what, source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<(img|picture|source|iframe|video|audio|object|embed)\b/i);
    expect(html).not.toMatch(/<[a-z][^>]*\s(src|srcset|style)=/i);
  });

  it.each([
    // Escaped by the renderer into paths on this site: linked, but never elsewhere.
    "[x](/\\evil.example)",
    "[x](</\t/evil.example>)",
    "[x](<\\\\evil.example>)",
    "[x](java&#x09;script:alert(1))",
    "[x](</%2F/evil.example>)",
  ])("keeps %j on this site", (source) => {
    const html = renderMarkdown(source);
    for (const href of hrefs(html)) {
      // Resolved as a browser resolves it against a page of the site.
      expect(new URL(href!, "https://baraza.example/c/demo/responses").origin, href).toBe("https://baraza.example");
    }
  });

  it.each([
    "[x](//evil.example/path)",
    "[x](///evil.example/path)",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](file:///etc/passwd)",
    "[x](mailto:someone@example.org)",
    "[x](ftp://files.example.org/a)",
    "[x][r]\n\n[r]: //evil.example",
    "<javascript:alert(1)>",
    "<//evil.example>",
    "//evil.example and mailto:a@b.org and a@b.org and www.evil.example",
  ])("renders no link for %j", (source) => {
    expect(renderMarkdown(source)).not.toMatch(/<a\b/);
  });

  it("links http(s) addresses and paths on this site, each with rel noopener noreferrer nofollow", () => {
    const html = renderMarkdown(
      "[a](https://example.org/x?y=1) [b](http://example.org) <https://example.org/auto> " +
        "https://example.org/bare [c](/c/demo#p-1) [d](../summary) [e](#top) [f](?page=2)",
    );
    expect(hrefs(html)).toEqual([
      "https://example.org/x?y=1",
      "http://example.org",
      "https://example.org/auto",
      "https://example.org/bare",
      "/c/demo#p-1",
      "../summary",
      "#top",
      "?page=2",
    ]);
    const anchors = html.match(/<a\b[^>]*>/g) ?? [];
    expect(anchors).toHaveLength(8);
    for (const anchor of anchors) expect(anchor).toContain('rel="noopener noreferrer nofollow"');
  });

  it("cannot be talked out of its rel by a title or a second rel", () => {
    expect(renderMarkdown('[x](https://example.org "t\\" rel=\\"opener")')).toBe(
      '<p><a href="https://example.org" title="t&quot; rel=&quot;opener" rel="noopener noreferrer nofollow">x</a></p>\n',
    );
  });

  it("shows raw HTML and event handlers as text", () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<a href="https://x.example" onclick="steal()">x</a>');
    expect(html).not.toMatch(/<script|onclick="|<a\b[^>]*onclick/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("decides links by resolving them, as a browser would", () => {
    expect(isSafeLink("https://example.org")).toBe(true);
    expect(isSafeLink("HTTPS://EXAMPLE.ORG")).toBe(true);
    expect(isSafeLink("/path")).toBe(true);
    expect(isSafeLink("//example.org")).toBe(false);
    expect(isSafeLink("/\\example.org")).toBe(false);
    expect(isSafeLink("/\t/example.org")).toBe(false);
    expect(isSafeLink("https://")).toBe(false);
    expect(isSafeLink("mailto:a@b.org")).toBe(false);
  });

  it("never renders an image nor a link that leaves the site except to an http(s) address, whatever the destination", () => {
    const page = "https://baraza.example/c/demo/responses";
    const tricky = fc.constantFrom(
      "/",
      "\\",
      ":",
      "%",
      "&",
      "#",
      ";",
      "\t",
      " ",
      "<",
      ">",
      "j",
      "s",
      "h",
      "t",
      "p",
      ".",
    );
    const destination = fc.oneof(
      fc.string(),
      fc.array(tricky, { maxLength: 24 }).map((parts) => parts.join("")),
      fc.webUrl().map((url) => url.replace(/^https?:/, "")),
    );
    fc.assert(
      fc.property(
        destination,
        fc.constantFrom("[x](%)", "[x](<%>)", "![x](%)", "<%>", "[x][r]\n\n[r]: %"),
        (to, form) => {
          const html = renderMarkdown(form.replace("%", to));
          expect(html).not.toMatch(/<img\b/i);
          for (const href of hrefs(html)) {
            const resolved = new URL(href!.replaceAll("&amp;", "&"), page);
            const leaves = resolved.origin !== "https://baraza.example";
            if (leaves) expect(["http:", "https:"], href).toContain(resolved.protocol);
            // An address elsewhere is written out in full, never protocol-relative.
            if (leaves) expect(href, href).toMatch(/^https?:/i);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is the renderer summaries use: the same HTML around their quotes", () => {
    const source = "# Heading\n\n![pixel](https://tracker.example/p.gif) [x](//evil.example) [y](https://example.org)";
    expect(renderSummaryMarkdown(source)).toEqual([{ kind: "html", html: renderMarkdown(source) }]);
  });
});
