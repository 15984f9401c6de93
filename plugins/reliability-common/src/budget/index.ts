/**
 * The error-budget engine: pure functions from SLI buckets to budgets, burn rates and
 * burn-rate alerts.
 */
export * from './types';
export { BudgetInputError } from './errors';
export { allowedErrorRate } from './errorRate';
export { resolveWindow } from './window';
export type { ResolvedWindow } from './window';
export { BURN_WINDOWS, BURN_WINDOW_MS } from './burnRate';
export {
  ALERT_TIERS,
  MIN_SCALED_WINDOW_MS,
  REFERENCE_WINDOW_MS,
  evaluateAlerts,
  scaleAlertFactor,
} from './alerts';
export type { AlertTier } from './alerts';
export { forecastExhaustion } from './forecast';
export type { ExhaustionForecast, ExhaustionForecastInput } from './forecast';
export { MIN_COVERAGE, assessDataQuality, dataCoverage } from './dataQuality';
export { evaluateObjective } from './evaluate';
export {
  intervalSpend,
  largestShare,
  spendInPart,
  windowParts,
} from './intervalSpend';
export type { SpendDefinition, SpendPart, WindowPart } from './intervalSpend';
export { alertEpisodes, pageEpisodes } from './alertEpisodes';
export type {
  AlertEpisode,
  AlertEpisodesInput,
  PageEpisode,
} from './alertEpisodes';
export {
  evaluateFromRunningTotals,
  evaluatesFromRunningTotals,
  runningTotalQueries,
} from './runningTotals';
export type {
  RunningTotal,
  RunningTotalQueries,
  RunningTotalReadings,
} from './runningTotals';
export type { EvaluationSpec } from './evaluate';
export {
  evaluateFromSliceTotals,
  sliceEdgeRanges,
  sliceTotalQueries,
} from './sliceSeries';
export type {
  SliceReadings,
  SliceTotalQueries,
  SliceTotalReadings,
} from './sliceSeries';
export {
  recomputeSliceTotals,
  retainSliceTotals,
  sliceRecomputation,
  evaluatesFromSliceTotals,
  sliceTotalsBuilder,
  sliceTotalsOf,
  sliceTotalsOrigin,
  sliceVariant,
  sliceVariantKey,
} from './sliceTotals';
export type {
  SliceTotal,
  SliceTotalsBase,
  SliceTotalsBuilder,
  SliceVariant,
} from './sliceTotals';
