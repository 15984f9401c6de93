/**
 * Placeholders a query may use. `{{bucket}}` is the bucket length as a Prometheus duration
 * (`1m`), for range selectors: `sum(increase(http_requests_total[{{bucket}}]))` counts the
 * events of one bucket. `{{bucketSeconds}}` is the same length as a number of seconds, for
 * arithmetic such as `sum(rate(x[5m])) * {{bucketSeconds}}`.
 *
 * @public
 */
export const QUERY_PLACEHOLDERS = ['bucket', 'bucketSeconds'] as const;

const UNITS: Array<[string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

/**
 * Formats a length in milliseconds as a Prometheus duration with the largest unit that
 * divides it exactly: 60000 → `1m`, 90000 → `90s`, 86400000 → `1d`, 1500 → `1500ms`.
 *
 * @public
 */
export function formatPrometheusDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new RangeError(
      `A Prometheus duration must be a positive whole number of milliseconds; got ${ms}`,
    );
  }
  for (const [unit, size] of UNITS) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  // Unreachable: every integer is a multiple of 1 ms.
  return `${ms}ms`;
}

/**
 * Replaces the placeholders of {@link QUERY_PLACEHOLDERS} (`{{bucket}}`, also written
 * `{{ bucket }}`) in a PromQL query. An unknown `{{name}}` is an error, so that a misspelt
 * placeholder is reported instead of reaching Prometheus as a confusing parse error.
 *
 * @public
 */
export function renderQuery(query: string, vars: { bucketMs: number }): string {
  const values: Record<string, string> = {
    bucket: formatPrometheusDuration(vars.bucketMs),
    bucketSeconds: String(vars.bucketMs / 1000),
  };
  return query.replace(
    /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g,
    (match, name: string) => {
      if (!Object.prototype.hasOwnProperty.call(values, name)) {
        throw new Error(
          `unknown placeholder ${match} (known: ${QUERY_PLACEHOLDERS.map(
            p => `{{${p}}}`,
          ).join(', ')})`,
        );
      }
      return values[name];
    },
  );
}
