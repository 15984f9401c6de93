import { InputError } from '@backstage/errors';

/** What is wrong with one item of a batch: its index, the field, and why. */
export type ItemProblem = {
  index: number;
  field: string;
  message: string;
};

/**
 * A batch rejected as a whole (an SLI push, a postmortem import): an {@link InputError}
 * that carries every problem found, so that the caller can fix all of them at once. The
 * router's error middleware answers it as a 400 in Backstage's error format with the
 * problems as `items` beside `error`.
 */
export class ItemsRejectedError extends InputError {
  constructor(readonly items: ItemProblem[], message: string) {
    super(message);
  }

  /**
   * "2 of 7 items rejected; nothing was written. First: items[3].good: …": how many items
   * (not problems) were rejected, out of how many, what did not happen, and the first
   * problem, which is what a client that shows one line shows.
   */
  static summary(
    items: ItemProblem[],
    total: number,
    what: { noun: string; consequence: string },
  ): string {
    const first = items[0];
    return `${new Set(items.map(i => i.index)).size} of ${total} ${
      what.noun
    } rejected; ${what.consequence}. First: items[${first.index}].${
      first.field
    }: ${first.message}`;
  }
}
