import type { ReactNode } from 'react';
import { TableScroll } from './TableScroll';

interface DataTableProps {
  /** Id of the caption; the scroll box and the table are both named by it. */
  captionId: string;
  caption: ReactNode;
  /** Column headings, left to right (one header row). */
  columns: readonly string[];
  /** The body's rows. */
  children: ReactNode;
}

/**
 * A compact table with a caption and one header row of column headings, in a box that scrolls sideways
 * on small screens. The caption names the table and the focusable scroll box alike (see TableScroll).
 */
export function DataTable({ captionId, caption, columns, children }: DataTableProps) {
  return (
    <TableScroll labelledBy={captionId}>
      <table className="table table--compact">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
