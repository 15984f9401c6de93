import { parseEntityRef } from '@backstage/catalog-model';
import type { SliEvent } from '@reliability-suite/plugin-reliability-common';
import type { BucketWrite } from '../store/SliBucketStore';
import type { SloRecord } from '../store/SloStore';
import type { ItemProblem } from '../lib/ItemsRejectedError';

/** One item of a push, as the schema admits it. */
export type SliEventInput = SliEvent;

/** A problem of one item of the batch. */
export type ItemError = ItemProblem;

export interface IngestLimits {
  /** How far in the future a timestamp may be (clock skew of pushers). */
  maxFutureSkewMs: number;
  /** How old a timestamp may be. */
  maxAgeMs: number;
  bucketMs: number;
}

const MAX_COUNT = 1e12;
const ITEM_FIELDS = [
  'slo',
  'objective',
  'timestamp',
  'good',
  'bad',
  'total',
] as const;
const ISO_WITH_ZONE =
  /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:?\d\d)$/i;

/** The canonical ref of a pushed `slo` (kind SLO and namespace default may be left out). */
export function sloRefOf(value: string): string | undefined {
  // No entity reference holds a control character, and PostgreSQL cannot even look up one
  // with a NUL (it fails the query): such a value is not a reference.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return undefined;
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'slo',
      defaultNamespace: 'default',
    });
    // Entity reference characters are ASCII: the plain lower-casing is exact, and much
    // cheaper than a locale-aware one on a 5,000-item batch.
    return `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
  } catch {
    return undefined;
  }
}

/** sloRefOf for every distinct `slo` of a batch, computed once each. */
export function sloRefsOf(
  items: { slo: string }[],
): Map<string, string | undefined> {
  const refs = new Map<string, string | undefined>();
  for (const { slo } of items) {
    if (!refs.has(slo)) refs.set(slo, sloRefOf(slo));
  }
  return refs;
}

// The last instant a Date holds; epoch ms past it (up to MAX_SAFE_INTEGER) have no ISO form.
const MAX_DATE_MS = 8.64e15;

/** A time for a message; one past what a Date can hold would make toISOString throw. */
function isoOf(ms: number): string {
  return ms > MAX_DATE_MS
    ? `after ${new Date(MAX_DATE_MS).toISOString()}`
    : new Date(ms).toISOString();
}

function parseTimestamp(value: string | number): number | string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      return `must be epoch milliseconds (a whole, non-negative number); got ${value}`;
    }
    return value;
  }
  if (!ISO_WITH_ZONE.test(value)) {
    return `must be an ISO 8601 date-time with a time zone (e.g. 2026-11-27T10:15:00Z) or epoch milliseconds; got '${value}'`;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? `is not a valid date-time: '${value}'` : ms;
}

function checkCount(
  value: number | undefined,
  field: string,
  index: number,
  errors: ItemError[],
): value is number {
  if (value === undefined) return false;
  if (!Number.isFinite(value) || !Number.isInteger(value) || value < 0) {
    errors.push({
      index,
      field,
      message: `must be a whole number of events, 0 or more; got ${value}`,
    });
    return false;
  }
  if (value > MAX_COUNT) {
    errors.push({
      index,
      field,
      message: `must be at most ${MAX_COUNT} per item; got ${value}`,
    });
    return false;
  }
  return true;
}

/**
 * Checks every item of a batch and turns the valid ones into bucket writes. The caller
 * writes nothing unless `errors` is empty, so a batch is taken whole or not at all.
 */
export function parseSliBatch(
  items: SliEventInput[],
  slos: Map<string, SloRecord>,
  now: number,
  limits: IngestLimits,
): { writes: BucketWrite[]; errors: ItemError[] } {
  const writes: BucketWrite[] = [];
  const errors: ItemError[] = [];
  const refs = sloRefsOf(items);

  items.forEach((item, index) => {
    const before = errors.length;
    // The schema leaves items open so that an unknown field (a typo such as goood) is
    // named here, which its validator's message does not do.
    for (const key of Object.keys(item)) {
      if (!(ITEM_FIELDS as readonly string[]).includes(key)) {
        errors.push({
          index,
          field: key.length > 100 ? `${key.slice(0, 100)}…` : key,
          message: `unknown field (expected one of: ${ITEM_FIELDS.join(', ')})`,
        });
      }
    }
    const sloRef = refs.get(item.slo);
    const slo = sloRef ? slos.get(sloRef) : undefined;
    if (!sloRef) {
      errors.push({
        index,
        field: 'slo',
        message: `'${item.slo}' is not an entity reference; expected e.g. slo:default/checkout-availability`,
      });
    } else if (!slo) {
      errors.push({
        index,
        field: 'slo',
        message: `no SLO ${sloRef} in the catalog`,
      });
    }

    let objective: string | undefined;
    if (slo) {
      const names = slo.definition.objectives.map(o => o.name);
      if (item.objective === undefined) {
        if (names.length === 1) objective = names[0];
        else
          errors.push({
            index,
            field: 'objective',
            message: `required: ${sloRef} has several objectives (${names.join(
              ', ',
            )})`,
          });
      } else if (!names.includes(item.objective)) {
        errors.push({
          index,
          field: 'objective',
          message: `${sloRef} has no objective '${
            item.objective
          }'; it has ${names.join(', ')}`,
        });
      } else {
        objective = item.objective;
      }
    }

    const ts = parseTimestamp(item.timestamp);
    if (typeof ts === 'string') {
      errors.push({ index, field: 'timestamp', message: ts });
    } else if (ts > now + limits.maxFutureSkewMs) {
      errors.push({
        index,
        field: 'timestamp',
        message: `is in the future (${isoOf(ts)}); at most ${Math.round(
          limits.maxFutureSkewMs / 1000,
        )} s ahead of the server clock is accepted`,
      });
    } else if (ts < now - limits.maxAgeMs) {
      errors.push({
        index,
        field: 'timestamp',
        message: `is older than the ${Math.round(
          limits.maxAgeMs / 86_400_000,
        )} days the API accepts (${isoOf(ts)})`,
      });
    }

    const hasGood = item.good !== undefined;
    const hasBad = item.bad !== undefined;
    let good: number | undefined;
    const total = checkCount(item.total, 'total', index, errors)
      ? item.total
      : undefined;
    if (item.total === undefined) {
      errors.push({ index, field: 'total', message: 'required' });
    }
    if (hasGood === hasBad) {
      errors.push({
        index,
        field: hasGood ? 'bad' : 'good',
        message: 'exactly one of good or bad is required',
      });
    } else if (hasGood && checkCount(item.good, 'good', index, errors)) {
      if (total !== undefined && item.good! > total) {
        errors.push({
          index,
          field: 'good',
          message: `must not exceed total (${item.good} > ${total})`,
        });
      } else good = item.good;
    } else if (hasBad && checkCount(item.bad, 'bad', index, errors)) {
      if (total !== undefined && item.bad! > total) {
        errors.push({
          index,
          field: 'bad',
          message: `must not exceed total (${item.bad} > ${total})`,
        });
      } else if (total !== undefined) good = total - item.bad!;
    }

    if (
      errors.length === before &&
      sloRef &&
      objective &&
      typeof ts === 'number' &&
      good !== undefined &&
      total !== undefined
    ) {
      writes.push({
        sloRef,
        objective,
        bucketStart: Math.floor(ts / limits.bucketMs) * limits.bucketMs,
        good,
        total,
      });
    }
  });
  return { writes, errors };
}
