import { TableScroll } from "~/components/table-scroll";

/**
 * A table of records or figures the way every page draws one: in its TableScroll box (320 px
 * reflow, named by the caption), one row of column headers with `scope="col"` so that a screen
 * reader names each cell's column, then the rows (each starting with its `<th scope="row">` where
 * a row has a name) and an optional footer row of totals. A table without column headers (one
 * label and one figure a row) leaves `columns` out.
 */
export function DataTable({
  caption,
  captionClassName,
  context,
  className,
  columns,
  footer,
  children,
}: {
  caption: React.ReactNode;
  captionClassName?: string;
  /** See TableScroll: the id of what the table belongs to, where the same caption comes back. */
  context?: string;
  className?: string;
  /** The column headers, in order; they never move, so their place is their key. */
  columns?: readonly React.ReactNode[];
  /** The rows of the table's `tfoot`: totals. */
  footer?: React.ReactNode;
  /** The rows of the table's body. */
  children: React.ReactNode;
}) {
  return (
    <TableScroll caption={caption} captionClassName={captionClassName} context={context} className={className}>
      {columns ? (
        <thead>
          <tr>
            {columns.map((column, place) => (
              <th scope="col" key={place}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody>{children}</tbody>
      {footer ? <tfoot>{footer}</tfoot> : null}
    </TableScroll>
  );
}
