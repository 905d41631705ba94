import { type ReactNode, useId } from 'react';

/** A column header; numeric columns are right-aligned like their cells (`td.num`). */
export type DataColumn = { label: ReactNode; numeric?: boolean };

/**
 * A captioned data table in a scrollable region that keyboard users can reach (Tab, then arrow
 * keys): the shell every list of the staff and admin screens shares. The rows are the children.
 */
export function DataTable({
  caption,
  hiddenCaption = false,
  columns,
  children,
}: {
  caption: ReactNode;
  /** The caption only for screen readers, where a heading above already says what the table is. */
  hiddenCaption?: boolean;
  columns: DataColumn[];
  children: ReactNode;
}) {
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId} className={hiddenCaption ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for the table's life.
              <th key={i} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
