import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CommentText } from "~/components/comment-text";
import { linkSegments } from "~/platform/linkify.server";

const render = (text: string) => renderToStaticMarkup(createElement(CommentText, { segments: linkSegments(text) }));

describe("links in members' text", () => {
  it("turns http and https addresses into links, leaving trailing punctuation outside", () => {
    expect(linkSegments("See https://who.int/news?a=1&b=2). Or HTTP://Example.org.")).toEqual([
      { text: "See " },
      { text: "https://who.int/news?a=1&b=2", href: "https://who.int/news?a=1&b=2" },
      { text: "). Or " },
      { text: "HTTP://Example.org", href: "HTTP://Example.org" },
      { text: "." },
    ]);
  });

  it("leaves every other scheme and bare domains as text", () => {
    const text = "mailto:a@b.org ftp://files.example.org //example.org www.example.org javascript:alert(1) a@b.org";
    expect(linkSegments(text)).toEqual([{ text }]);
  });

  it("keeps the text exactly: joining the segments gives it back", () => {
    const text = "Ligne une\nhttps://exemple.fr/é\n\n  fin ";
    expect(
      linkSegments(text)
        .map((segment) => segment.text)
        .join(""),
    ).toBe(text);
  });

  it("renders links with rel=nofollow ugc, line breaks as <br>, and markup as text", () => {
    expect(render('Hello <script>alert("x")</script>\nhttps://example.org/?q="x"')).toBe(
      'Hello &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br/><a href="https://example.org/?q=&quot;x&quot;" rel="nofollow ugc">https://example.org/?q=&quot;x&quot;</a>',
    );
  });
});
