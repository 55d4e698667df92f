import { Fragment } from "react";
import type { TextSegment } from "~/platform/linkify.server";

/** Plain text a member wrote (or a mail, on the development outbox): line breaks kept, http(s) links followable but not endorsed by the site. */
export function CommentText({ segments }: { segments: readonly TextSegment[] }) {
  return segments.map((segment, index) =>
    segment.href ? (
      <a key={index} href={segment.href} rel="nofollow ugc">
        {segment.text}
      </a>
    ) : (
      <Fragment key={index}>
        {segment.text.split("\n").map((line, lineIndex) => (
          <Fragment key={lineIndex}>
            {lineIndex > 0 ? <br /> : null}
            {line}
          </Fragment>
        ))}
      </Fragment>
    ),
  );
}
