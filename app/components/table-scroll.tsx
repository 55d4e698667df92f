import { useId } from "react";

/**
 * A table that may be wider than a 320 px screen: it scrolls sideways in its own box, not the page
 * (WCAG 1.4.10, issue 18 item 1). The box is a region in the tab order, so keyboard users can scroll
 * it too (axe: scrollable-region-focusable), named by the table's caption. Where the same caption
 * comes back on one page (one "Votes on this priority" per priority), `context` is the id of what
 * the table belongs to (its priority's heading), added to the name: every landmark then has a name
 * of its own (axe: landmark-unique), and a screen reader's list of them tells the tables apart.
 */
export function TableScroll({
  caption,
  captionClassName,
  context,
  className,
  children,
}: {
  caption: React.ReactNode;
  captionClassName?: string;
  context?: string;
  className?: string;
  /** The table's rows: thead, tbody, tfoot. */
  children: React.ReactNode;
}) {
  const captionId = useId();
  return (
    <div
      className="table-scroll"
      role="region"
      aria-labelledby={context ? `${captionId} ${context}` : captionId}
      tabIndex={0}
    >
      <table className={className}>
        <caption id={captionId} className={captionClassName}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}
