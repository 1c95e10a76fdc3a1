/** A data table that scrolls sideways on a small screen, with its columns' headers and numbers aligned. */
import type { ComponentChildren } from 'preact';

export interface Column {
  label: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
}

export interface Row {
  key: string;
  cells: ComponentChildren[];
}

export function Table({
  labelledBy,
  columns,
  rows,
  id,
  rowHeaders = false,
}: {
  labelledBy: string;
  columns: Column[];
  rows: Row[];
  id?: string;
  rowHeaders?: boolean;
}) {
  const numeric = (i: number) => (columns[i]?.numeric ? 'koers-number' : undefined);
  return (
    <div class="koers-table-wrapper" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      <table class="koers-table" id={id}>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th scope="col" class={numeric(i)} key={column.label}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 && rowHeaders ? (
                  <th scope="row" key={i}>
                    {cell}
                  </th>
                ) : (
                  <td class={numeric(i)} key={i}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
