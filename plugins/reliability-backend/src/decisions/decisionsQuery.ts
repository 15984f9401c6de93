import { InputError } from '@backstage/errors';

/** The trend's default length: a year, the current month included. */
export const DEFAULT_MONTHS = 12;

/**
 * The options of `GET /v1/decisions` from its query. The OpenAPI validator has checked the
 * types already; this applies the default and keeps the bound for callers that bypass it.
 */
export function parseDecisionsQuery(query: { months?: number }): {
  months: number;
} {
  const months = query.months ?? DEFAULT_MONTHS;
  if (!Number.isInteger(months) || months < 1 || months > 36) {
    throw new InputError(
      `months: must be a whole number from 1 to 36, not ${months}`,
    );
  }
  return { months };
}
