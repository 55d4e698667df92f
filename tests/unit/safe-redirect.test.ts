/**
 * Issue 13, item 5: no redirect target taken from a request (`redirectTo`, the page a form was
 * posted from) ever sends the browser to another site. "Where the browser goes" is worked out the
 * way a browser does: the WHATWG URL parser resolving the Location value against the page.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "~/web/request.server";
import { backTo } from "~/web/respond.server";

const sites = ["http://localhost:3000", "https://baraza.example.org"];

function staysOnSite(location: string): boolean {
  return sites.every((site) => new URL(location, site).origin === site);
}

/** Pieces attackers put together: schemes, slashes and backslashes, tabs, newlines, encodings. */
const crafted = [
  "/%09/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/ /evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "//evil.example",
  "///evil.example",
  "/.//evil.example",
  "/a/..//evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%5C/evil.example",
  "https:evil.example",
  "https://evil.example",
  "http:/evil.example",
  "javascript:alert(1)",
  " /\t/evil.example",
  "\u0000//evil.example",
  "/\u3000/evil.example",
  "/@evil.example",
];

const piece = fc.constantFrom(
  "/",
  "//",
  "\\",
  "\t",
  "\n",
  "\r",
  " ",
  ".",
  "..",
  "%09",
  "%2F",
  "%5C",
  "@",
  ":",
  "?",
  "#",
  "https:",
  "evil.example",
  "\u0000",
  "\u00a0",
);

describe("safeRedirectPath", () => {
  it.each(crafted)("never leaves the site for %j", (value) => {
    const location = safeRedirectPath(value);
    expect(staysOnSite(location), location).toBe(true);
  });

  it("refuses the tab trick of issue 13 (a tab after the first slash)", () => {
    // `?redirectTo=/%09/evil.example` arrives decoded; browsers drop the tab and go to //evil.example.
    expect(safeRedirectPath(new URLSearchParams("redirectTo=/%09/evil.example").get("redirectTo"))).toBe("/");
  });

  it("keeps same-site paths with their query and fragment", () => {
    expect(safeRedirectPath("/c/regional-production?sort=new#comment-4")).toBe(
      "/c/regional-production?sort=new#comment-4",
    );
    expect(safeRedirectPath("/profile")).toBe("/profile");
    expect(safeRedirectPath(undefined, "/institution")).toBe("/institution");
  });

  it("sends no arbitrary string off the site", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (value) => staysOnSite(safeRedirectPath(value))),
      { numRuns: 2_000 },
    );
  });

  it("sends no string made of an attacker's usual pieces off the site", () => {
    const composed = fc
      .array(fc.oneof(piece, fc.string({ unit: "grapheme-ascii", maxLength: 4 })), { maxLength: 10 })
      .map((pieces) => pieces.join(""));
    fc.assert(
      fc.property(
        composed,
        (value) => staysOnSite(safeRedirectPath(value)) && staysOnSite(safeRedirectPath(`/${value}`)),
      ),
      { numRuns: 2_000 },
    );
  });

  it("sends a form back to the page it came from, never elsewhere, whatever the request path", () => {
    expect(backTo(new Request("http://localhost/c/regional-production?index&sort=new"), "vote-3")).toBe(
      "/c/regional-production?sort=new#vote-3",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        let request: Request;
        try {
          request = new Request(`http://localhost/${pieces.join("")}`);
        } catch {
          return true;
        }
        return staysOnSite(backTo(request, "anchor"));
      }),
    );
  });
});
