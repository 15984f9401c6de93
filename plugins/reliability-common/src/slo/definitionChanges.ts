import type { ObjectiveDefinition, SloWindow } from '../budget/types';
import type { SloDefinition } from '../openslo/toSloDefinition';

/**
 * What changed between two versions of an SLO's definition, in the terms an SLO review
 * uses: a target tightened or loosened, a window or budgeting method changed, objectives
 * added or removed. Pure; the backend records it with each revision it keeps.
 */

/** One change of an SLO definition. @public */
export type SloDefinitionChange =
  | { kind: 'created' }
  | { kind: 'budgeting-method'; before: string; after: string }
  | { kind: 'window'; before: string; after: string }
  | { kind: 'objective-added'; objective: string; target: number }
  | { kind: 'objective-removed'; objective: string; target: number }
  | {
      kind: 'target';
      objective: string;
      before: number;
      after: number;
      direction: 'tightened' | 'loosened';
    }
  | { kind: 'indicator'; before: string | null; after: string | null }
  | {
      kind: 'time-slice';
      objective: string;
      before: { target?: number; windowMs?: number };
      after: { target?: number; windowMs?: number };
    };

/** A window in words: "28d rolling", "1 Month calendar (Europe/Berlin)". @public */
export function describeWindow(window: SloWindow): string {
  if (window.kind === 'rolling') {
    const days = window.durationMs / 86_400_000;
    return Number.isInteger(days)
      ? `${days}d rolling`
      : `${window.durationMs / 3_600_000}h rolling`;
  }
  return `${window.count} ${window.unit} calendar (${window.timeZone})`;
}

const byName = (objectives: ObjectiveDefinition[]) =>
  new Map(objectives.map(o => [o.name, o]));

/** An indicator by its name: its metadata.name, the SLI it refers to, or null. */
function indicatorName(indicator: unknown): string | null {
  const i = indicator as
    | { metadata?: { name?: unknown }; ref?: unknown }
    | null
    | undefined;
  if (typeof i?.metadata?.name === 'string') return i.metadata.name;
  if (typeof i?.ref === 'string') return i.ref;
  return null;
}

/**
 * What changed between two definitions; `indicators` (the OpenSLO indicators then and now),
 * when both are known, adds a change of what the SLI measures.
 *
 * @public
 */
export function sloDefinitionChanges(
  before: SloDefinition | null,
  after: SloDefinition,
  indicators?: { before: unknown; after: unknown },
): SloDefinitionChange[] {
  if (!before) return [{ kind: 'created' }];
  const changes: SloDefinitionChange[] = [];
  // An unknown indicator (null or absent) is no evidence of a change.
  if (
    indicators &&
    indicators.before !== null &&
    indicators.before !== undefined &&
    indicators.after !== null &&
    indicators.after !== undefined &&
    JSON.stringify(indicators.before) !== JSON.stringify(indicators.after)
  ) {
    changes.push({
      kind: 'indicator',
      before: indicatorName(indicators.before),
      after: indicatorName(indicators.after),
    });
  }
  if (before.budgetingMethod !== after.budgetingMethod) {
    changes.push({
      kind: 'budgeting-method',
      before: before.budgetingMethod,
      after: after.budgetingMethod,
    });
  }
  const windowBefore = describeWindow(before.window);
  const windowAfter = describeWindow(after.window);
  if (
    windowBefore !== windowAfter ||
    JSON.stringify(before.window) !== JSON.stringify(after.window)
  ) {
    changes.push({ kind: 'window', before: windowBefore, after: windowAfter });
  }
  const old = byName(before.objectives);
  const now = byName(after.objectives);
  for (const [name, o] of old) {
    if (!now.has(name)) {
      changes.push({
        kind: 'objective-removed',
        objective: name,
        target: o.target,
      });
    }
  }
  for (const [name, o] of now) {
    const previous = old.get(name);
    if (!previous) {
      changes.push({
        kind: 'objective-added',
        objective: name,
        target: o.target,
      });
      continue;
    }
    if (previous.target !== o.target) {
      changes.push({
        kind: 'target',
        objective: name,
        before: previous.target,
        after: o.target,
        direction: o.target > previous.target ? 'tightened' : 'loosened',
      });
    }
    if (
      previous.timeSliceTarget !== o.timeSliceTarget ||
      previous.timeSliceWindowMs !== o.timeSliceWindowMs
    ) {
      changes.push({
        kind: 'time-slice',
        objective: name,
        before: {
          target: previous.timeSliceTarget,
          windowMs: previous.timeSliceWindowMs,
        },
        after: { target: o.timeSliceTarget, windowMs: o.timeSliceWindowMs },
      });
    }
  }
  return changes;
}
