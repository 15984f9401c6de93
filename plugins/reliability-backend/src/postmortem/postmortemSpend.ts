import {
  SpendPart,
  largestShare,
  spendInPart,
  windowParts,
} from '@reliability-suite/plugin-reliability-common';
import { iso } from '../lib/iso';
import { SliBucketStore } from '../store/SliBucketStore';
import { SloRecord } from '../store/SloStore';

/** The error budget an interval spent, per objective: the arithmetic's inputs and views. */

const spendPartView = (p: SpendPart) => ({
  from: iso(p.from)!,
  to: iso(p.to)!,
  windowStart: iso(p.windowStart)!,
  windowEnd: iso(p.windowEnd)!,
  spent: p.spent,
  budget: p.budget,
  unit: p.unit,
  share: p.share,
});

/** An objective of an SLO as the budget arithmetic needs it. */
export const spendDefinition = (
  slo: SloRecord,
  objective: SloRecord['definition']['objectives'][number],
  bucketMs: number,
) => ({
  objective,
  budgetingMethod: slo.definition.budgetingMethod,
  window: slo.definition.window,
  bucketMs,
});

/** What an interval cost one objective, for the API. */
export const spendView = (
  slo: SloRecord,
  objective: string,
  parts: SpendPart[],
) => ({
  sloRef: slo.sloRef,
  sloTitle: slo.title,
  objective,
  share: largestShare(parts),
  parts: parts.map(spendPartView),
});

/** What `[from, to)` cost each objective of the SLO, reading only the buckets it needs. */
export async function intervalSpendOf(
  buckets: SliBucketStore,
  slo: SloRecord,
  from: number,
  to: number,
) {
  const { definition } = slo;
  const out = [];
  for (const objective of definition.objectives) {
    const def = spendDefinition(slo, objective, buckets.resolutionMs);
    const parts: SpendPart[] = [];
    for (const part of windowParts(definition.window, from, to)) {
      // An hour either side covers the slices the edges fall in and hourly roll-ups.
      const [read, windowEvents] = await Promise.all([
        buckets.read(
          slo.sloRef,
          objective.name,
          Math.max(part.windowStart, part.from - 3_600_000),
          part.to + 3_600_000,
        ),
        definition.budgetingMethod === 'Occurrences'
          ? buckets.sumTotal(
              slo.sloRef,
              objective.name,
              part.windowStart,
              part.to,
            )
          : Promise.resolve(0),
      ]);
      parts.push(spendInPart(def, part, read, windowEvents));
    }
    out.push(spendView(slo, objective.name, parts));
  }
  return out;
}
