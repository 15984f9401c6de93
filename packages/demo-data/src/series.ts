// The demo's SLI data point of an SLO for a minute: deterministic per SLO and minute, so a
// restart pushes the same values and tests can pin them.
import type { SliEvent } from '@reliability-suite/plugin-reliability-common';
import type { Profile } from './profiles';

/** A deterministic pseudo-random number in [0, 1) for a string (FNV-1a, then mixed). */
export function rand(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  h ^= h >>> 15;
  return (h >>> 0) / 4294967296;
}

/** The error rate at `t`: the highest of the usual rate and the incidents going on. */
export function errorRateAt(
  profile: Profile,
  anchor: number,
  t: number,
): number {
  let rate = profile.errorRate;
  for (const { start, duration, errorRate } of profile.incidents) {
    const from = anchor + start;
    if (t >= from && (duration === null || t < from + duration)) {
      rate = Math.max(rate, errorRate);
    }
  }
  return rate;
}

/** The point of SLO `name` (namespace default) for the minute starting at `t`. */
export function itemFor(
  name: string,
  profile: Profile,
  anchor: number,
  t: number,
): SliEvent {
  const timestamp = new Date(t).toISOString();
  const slo = `slo:default/${name}`;
  if (profile.kind === 'timeslices') {
    const good = rand(`${name}${t}`) >= errorRateAt(profile, anchor, t) ? 1 : 0;
    return { slo, timestamp, good, total: 1 };
  }
  // Diurnal traffic: a trough at 04:00 UTC, a peak at 16:00.
  const hour = new Date(t).getUTCHours() + new Date(t).getUTCMinutes() / 60;
  const load = 0.55 + 0.45 * Math.sin(((hour - 10) / 24) * 2 * Math.PI);
  const total = Math.max(
    1,
    Math.round(profile.rpm * load * (0.9 + 0.2 * rand(`${name}${t}n`))),
  );
  const p = errorRateAt(profile, anchor, t) * (0.5 + rand(`${name}${t}e`));
  const bad = Math.min(total, Math.round(total * p));
  return profile.reportsBad
    ? { slo, timestamp, bad, total }
    : { slo, timestamp, good: total - bad, total };
}
