/**
 * A query object as a dependency: the same filters written anew (a new object on each
 * render) are the same request, a changed filter is a new one.
 */
export function queryKey(query: object | undefined): string {
  return JSON.stringify(query ?? {});
}
