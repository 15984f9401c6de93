/**
 * OpenSLO v1: document types, a validator that explains every problem by field path, and
 * the conversion of an SLO into the error-budget engine's definition.
 */
export * from './types';
export {
  parseOpenSloDuration,
  durationToMs,
  isFixedDurationUnit,
} from './duration';
export type { OpenSloDuration, OpenSloDurationUnit } from './duration';
export { checkOpenSloDocument, validateOpenSloDocument } from './validate';
export type { OpenSloCheckResult } from './validate';
export { toSloDefinition } from './toSloDefinition';
export type { SloDefinition } from './toSloDefinition';
