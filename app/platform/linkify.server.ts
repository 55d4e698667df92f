/**
 * Finds web links in text written by members, on the server: the page receives plain segments
 * and renders them as React elements, so no HTML from a member ever reaches the browser and the
 * link finder stays out of the browser bundle.
 */
import LinkifyIt from "linkify-it";

export interface TextSegment {
  /** Exactly the characters of the original text: joining every segment's text gives it back. */
  text: string;
  /** Set on links: an http(s) address. */
  href?: string;
}

// Only explicit http(s) addresses become links: no guessing at "example.com", no mailto:, ftp: or
// protocol-relative addresses.
const linkify = new LinkifyIt({}, { fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
linkify.add("//", null).add("ftp:", null).add("mailto:", null);

export function linkSegments(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let position = 0;
  for (const match of linkify.match(text) ?? []) {
    if (match.index > position) segments.push({ text: text.slice(position, match.index) });
    segments.push({ text: match.raw, href: match.url });
    position = match.lastIndex;
  }
  if (position < text.length) segments.push({ text: text.slice(position) });
  return segments;
}
