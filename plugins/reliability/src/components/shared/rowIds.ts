/**
 * Rows for Backstage's `Table` (material-table), each with the unique `id` it keys its state
 * by (selection, open details, the page) between renders; without one it warns in the
 * browser's console, once per table, in development builds.
 */
export function withRowIds<T extends object>(
  rows: readonly T[],
  idOf: (row: T) => string,
): Array<T & { id: string }> {
  return rows.map(row => ({ ...row, id: idOf(row) }));
}
