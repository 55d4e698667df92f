/**
 * A table that may be wider than a 320 px screen scrolls sideways in its own box, not the page
 * (WCAG 1.4.10, issue 18 item 1). The box is a named region in the tab order, so keyboard users can
 * scroll it too (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
