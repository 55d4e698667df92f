/**
 * A section named by its own heading: a screen reader lists it among the page's regions under
 * that name, and the heading's id is where a link or a redirect can bring the reader back to.
 */
export function LabelledSection({
  headingId,
  heading,
  className,
  children,
}: {
  headingId: string;
  heading: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className={className}>
      <h2 id={headingId}>{heading}</h2>
      {children}
    </section>
  );
}
