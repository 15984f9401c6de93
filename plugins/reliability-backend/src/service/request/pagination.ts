/** A page of a list: how many rows at most, after how many. */
export type Page = { limit: number; offset: number };

/**
 * The page a list's query asks for (the schema has already bounded both), with the list's
 * own default size when none is given; from the first row by default.
 */
export function parsePage(
  query: { limit?: number; offset?: number },
  defaultLimit: number,
): Page {
  return { limit: query.limit ?? defaultLimit, offset: query.offset ?? 0 };
}
