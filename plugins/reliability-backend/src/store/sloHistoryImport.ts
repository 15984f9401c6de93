import { InputError } from '@backstage/errors';
import type { SloHistoryItem } from './SloStore';
import { sameRevision } from './sloRecords';

/**
 * Why an import of history was refused; `field` names the offending item. An InputError
 * (named so by `@backstage/errors`), so that the caller gets a 400 with this message.
 */
export class SloHistoryConflict extends InputError {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
  }
}

/**
 * Checks an import of an SLO's history against its delivered revisions (`delivered`, oldest
 * first), SloHistoryConflict naming the offending item otherwise: the items in time order,
 * every one before the first delivery, the last at the first delivery only when it defines
 * the same SLO (`merged`: it then says since when that definition has been in force).
 * Answers the items to store.
 */
export function planHistoryImport(
  sloRef: string,
  items: SloHistoryItem[],
  delivered: any[],
) {
  if (delivered.length === 0) {
    throw new SloHistoryConflict(
      'slo',
      `${sloRef} has no definition from the catalog yet; import its history once the catalog has delivered it`,
    );
  }
  const first = delivered[0];
  const firstDelivery = Number(first.delivered_at ?? first.effective_from);
  let previous = -Infinity;
  items.forEach((item, i) => {
    if (item.effectiveFrom <= previous) {
      throw new SloHistoryConflict(
        `items[${i}].effectiveFrom`,
        'items must be in time order, oldest first, without two at the same time',
      );
    }
    previous = item.effectiveFrom;
  });
  const last = items[items.length - 1];
  const merged =
    last !== undefined &&
    sameRevision(first, {
      definition: JSON.stringify(last.definition),
      indicator:
        last.indicator === null ? null : JSON.stringify(last.indicator),
    });
  const stored = merged ? items.slice(0, -1) : items;
  items.forEach((item, i) => {
    const sameAsFirst = merged && i === items.length - 1;
    if (
      sameAsFirst
        ? item.effectiveFrom > firstDelivery
        : item.effectiveFrom >= firstDelivery
    ) {
      throw new SloHistoryConflict(
        `items[${i}].effectiveFrom`,
        `must be before the catalog first delivered the SLO (${new Date(
          firstDelivery,
        ).toISOString()}); later changes are recorded as the catalog delivers them`,
      );
    }
  });
  return { merged, stored, last };
}
