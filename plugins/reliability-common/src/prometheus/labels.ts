import type { OpenSloMetadata } from '../openslo/types';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * The SLO's own labels as Prometheus labels: a list value is joined with commas and a key
 * that is not a Prometheus label name (`team/name`, `cost-center`) has its other
 * characters replaced by `_`. Keys Prometheus reserves (`__…`) and Sloth's (`sloth_…`)
 * are left out, so an SLO's labels never override the series' identity.
 */
export function sloLabels(metadata: OpenSloMetadata): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    let name = key.replace(/[^a-zA-Z0-9_]/g, '_');
    if (!LABEL_NAME.test(name)) name = `_${name}`;
    if (name.startsWith('__') || name.startsWith('sloth_')) continue;
    labels[name] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return labels;
}

/** A PromQL string literal: `"..."` with `\` and `"` escaped. */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/** A selector's matchers, e.g. `{sloth_id="checkout-availability"}`. */
export function selector(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}=${promString(v)}`)
    .join(',')}}`;
}

/** A number as PromQL writes it, without exponent noise for the usual fractions. */
export function promNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}
