/**
 * `encodeURIComponent`, and also the five characters it leaves as they are (`!'()*`): the
 * OpenAPI validator in front of every Backstage router refuses a query value holding any
 * reserved character of RFC 3986 unless the parameter says `allowReserved`.
 *
 * @public
 */
export function encodeQueryComponent(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The query string of a request, from its defined values. Not `URLSearchParams`: that
 * writes a space as `+`, a reserved character the router answers with a 400.
 *
 * @public
 */
export function queryString(query: Record<string, unknown>): string {
  const pairs = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .map(
      ([key, value]) =>
        `${encodeQueryComponent(key)}=${encodeQueryComponent(String(value))}`,
    );
  return pairs.length ? `?${pairs.join('&')}` : '';
}
