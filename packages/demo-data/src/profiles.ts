// The demo's SLI traffic for each example SLO (examples/slos.yaml): the usual load and error
// rate and the incidents, placed relative to when the demo started so that every alert tier
// and an exhausted budget are on show.
import { DAY, HOUR, MIN } from './time';

/** Errors above the usual rate from `start` (relative to the anchor) for `duration`. */
export interface Incident {
  /** Milliseconds relative to the demo's anchor (negative: in the past). */
  start: number;
  /** Milliseconds; null: still going on. */
  duration: number | null;
  /** The error rate during the incident (for timeslices: the share of bad minutes). */
  errorRate: number;
}

/**
 * Request-based traffic (`rpm` requests a minute at the diurnal peak), reported as good and
 * total, or as bad and total when `reportsBad` (an SLO whose indicator counts bad events).
 */
export interface RatioProfile {
  kind: 'ratio';
  rpm: number;
  errorRate: number;
  reportsBad?: boolean;
  incidents: Incident[];
}

/** Timeslices: one event a minute, good when the minute met the threshold (1/1), else 0/1. */
export interface TimesliceProfile {
  kind: 'timeslices';
  errorRate: number;
  incidents: Incident[];
}

export type Profile = RatioProfile | TimesliceProfile;

const incident = (
  start: number,
  duration: number | null,
  errorRate: number,
): Incident => ({ start, duration, errorRate });

/** The SLOs the demo pushes data for, by name (namespace default), in push order. */
export const PROFILES: Record<string, Profile> = {
  // Page tier: a fast burn still going on.
  'checkout-api-availability': {
    kind: 'ratio',
    rpm: 1200,
    errorRate: 0.0002,
    incidents: [
      incident(-9 * DAY, 90 * MIN, 0.02),
      incident(-75 * MIN, null, 0.025),
    ],
  },
  'checkout-api-latency': {
    kind: 'timeslices',
    errorRate: 0.002,
    incidents: [incident(-3 * DAY, 45 * MIN, 1)],
  },
  // Calendar month in Europe/Berlin: healthy with a short incident.
  'payments-gateway-availability': {
    kind: 'ratio',
    rpm: 600,
    errorRate: 0.0001,
    reportsBad: true,
    incidents: [incident(-2 * DAY, 20 * MIN, 0.01)],
  },
  // Ticket tier: a slow burn over the last day, after a day of errors five days ago, so the
  // error-budget policy puts it "at risk".
  'search-api-availability': {
    kind: 'ratio',
    rpm: 2000,
    errorRate: 0.001,
    incidents: [
      // A whole day, so its share of the budget does not depend on the time of day the
      // demo starts (the traffic is diurnal): about 84% of the budget spent at start.
      incident(-5 * DAY, 24 * HOUR, 0.07),
      incident(-26 * HOUR, null, 0.02),
    ],
  },
  // Budget exhausted: a day of failing writes five days ago on a 99.99% SLO, about 3.5 times
  // its 28-day budget whatever the time of day the demo starts (a two-hour outage at 10% was
  // exhausted at the afternoon's peak and within budget in the night's trough: the traffic is
  // diurnal). Its System's policy (strict-payments) enacts a release freeze by itself.
  'ledger-availability': {
    kind: 'ratio',
    rpm: 300,
    errorRate: 0.00002,
    incidents: [incident(-5 * DAY, 24 * HOUR, 0.01)],
  },
  // RatioTimeslices over 5-minute slices.
  'cart-web-availability': {
    kind: 'ratio',
    rpm: 800,
    errorRate: 0.003,
    incidents: [incident(-30 * HOUR, 30 * MIN, 0.08)],
  },
};
