/**
 * Thrown when the engine is given input it cannot evaluate. `field` is the path of the
 * offending value (e.g. `buckets[3].good`) so a caller can point its user at it.
 *
 * The name is `InputError` on purpose: Backstage's error middleware maps errors to HTTP
 * statuses by name, so a backend that lets this escape answers 400 rather than 500,
 * without this isomorphic engine depending on `@backstage/errors`.
 *
 * @public
 */
export class BudgetInputError extends Error {
  readonly field: string;
  /** The message without the field. */
  readonly problem: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'InputError';
    this.field = field;
    this.problem = problem;
  }
}
