import {
  ValidPostmortem,
  validatePostmortemInput,
} from '@reliability-suite/plugin-reliability-common';
import { ItemProblem, ItemsRejectedError } from '../lib/ItemsRejectedError';

/** A rejected record of an import, or a field of a single request. */
export type PostmortemRejection = ItemProblem;

/** An import where some records are invalid: nothing was written. */
export class PostmortemImportError extends ItemsRejectedError {
  constructor(items: PostmortemRejection[], total: number) {
    super(
      items,
      ItemsRejectedError.summary(items, total, {
        noun: 'records',
        consequence: 'nothing was imported',
      }),
    );
  }
}

/**
 * The records of an import validated, each `externalId` at most once; PostmortemImportError
 * naming every rejected record otherwise. `seen`: the first index of each `externalId`.
 */
export function validateImport(raw: unknown[], now: number) {
  const valid: Array<{ index: number; value: ValidPostmortem }> = [];
  const rejections: PostmortemRejection[] = [];
  const seen = new Map<string, number>();
  raw.forEach((item, index) => {
    const { value, problems } = validatePostmortemInput(item, now);
    for (const p of problems) rejections.push({ index, ...p });
    if (!value) return;
    if (value.externalId !== null) {
      const first = seen.get(value.externalId);
      if (first !== undefined) {
        rejections.push({
          index,
          field: 'externalId',
          message: `'${value.externalId}' is also the externalId of items[${first}]`,
        });
        return;
      }
      seen.set(value.externalId, index);
    }
    valid.push({ index, value });
  });
  if (rejections.length > 0) {
    throw new PostmortemImportError(rejections, raw.length);
  }
  return { valid, seen };
}
