import type { ReactNode } from 'react';

interface TableScrollProps {
  /** Id of the table's `<caption>` (or another visible label) naming the scroll box. */
  labelledBy: string;
  children: ReactNode;
}

/**
 * Box that lets a wide table scroll sideways on small screens instead of widening the page.
 * It is focusable and named, so keyboard users can scroll it too (WCAG 2.1.1; axe rule
 * `scrollable-region-focusable`).
 */
export function TableScroll({ labelledBy, children }: TableScrollProps) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
