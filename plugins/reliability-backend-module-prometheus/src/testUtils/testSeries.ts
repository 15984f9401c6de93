/**
 * Deterministic test series for the Prometheus harness, with the per-bucket counts they
 * must produce, so tests can compare what the source fetched with what was written.
 *
 * - `http_requests_total{code="200"}` and `{code="500"}`: counters sampled every 15 s over
 *   three days ending at the last full hour; a 30-minute outage with many 500s; both
 *   counters reset to a small value in the middle (a process restart).
 * - `latency_p99_seconds`: a gauge sampled once a minute at the middle of each minute
 *   (`:30`), high during the outage, with a 10-minute gap and one NaN sample.
 */

export const SAMPLE_INTERVAL_MS = 15_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** @public */
export interface TestSeries {
  /** First sample (both counters are 0 there); a multiple of one hour. */
  start: number;
  /** Last sample; a multiple of one hour, at most one hour before `now`. */
  end: number;
  /** `[start, end)` of the outage, on minute boundaries. */
  outage: { start: number; end: number };
  /** Time of the first sample after the counter reset (not on a minute boundary). */
  resetAt: number;
  /** `[start, end)` of the latency gap (no samples), on minute boundaries. */
  latencyGap: { start: number; end: number };
  /** Start of the minute whose latency sample is NaN. */
  latencyNaNMinute: number;
  /** Events counted at each sample time (the counters' increase since the previous sample). */
  increments: Array<{ t: number; ok: number; err: number }>;
  /** Latency gauge samples; NaN included, the gap left out. */
  latency: Array<{ t: number; value: number }>;
  /** OpenMetrics text of all series, ending with `# EOF`. */
  openMetrics: string;
}

/** A small deterministic PRNG (mulberry32), so runs are reproducible. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @public */
export function generateTestSeries(now = Date.now()): TestSeries {
  const end = Math.floor(now / HOUR) * HOUR - HOUR;
  const start = end - 72 * HOUR;
  const outage = {
    start: start + 40 * HOUR,
    end: start + 40 * HOUR + 30 * MINUTE,
  };
  const resetAt = start + 55 * HOUR + 30_000;
  const latencyGap = {
    start: start + 20 * HOUR,
    end: start + 20 * HOUR + 10 * MINUTE,
  };
  const latencyNaNMinute = start + 30 * HOUR + 17 * MINUTE;
  const rand = prng(42);

  const increments: TestSeries['increments'] = [];
  const okLines: string[] = [];
  const errLines: string[] = [];
  let ok = 0;
  let err = 0;
  for (let t = start; t <= end; t += SAMPLE_INTERVAL_MS) {
    let incOk = 0;
    let incErr = 0;
    if (t > start) {
      // Events in (t - 15 s, t]: a daily wave of traffic, a few errors, many in the outage.
      const hourOfDay = ((t - start) / HOUR) % 24;
      const base =
        40 + Math.round(20 * Math.sin((hourOfDay / 24) * 2 * Math.PI));
      const inOutage = t > outage.start && t <= outage.end;
      incOk = Math.floor((base + rand() * 10) * (inOutage ? 0.5 : 1));
      if (inOutage) incErr = 20 + Math.floor(rand() * 10);
      else incErr = rand() < 0.1 ? 1 : 0;
      increments.push({ t, ok: incOk, err: incErr });
    }
    if (t === resetAt) {
      // The process restarted: the counters begin again from this sample's events.
      ok = incOk;
      err = incErr;
    } else {
      ok += incOk;
      err += incErr;
    }
    const ts = (t / 1000).toFixed(3);
    okLines.push(`http_requests_total{code="200"} ${ok} ${ts}`);
    errLines.push(`http_requests_total{code="500"} ${err} ${ts}`);
  }

  const latency: TestSeries['latency'] = [];
  const latencyLines: string[] = [];
  for (let m = start; m < end; m += MINUTE) {
    if (m >= latencyGap.start && m < latencyGap.end) continue;
    const t = m + 30_000;
    const inOutage = m >= outage.start && m < outage.end;
    let value = inOutage ? 0.8 + rand() * 0.4 : 0.1 + rand() * 0.15;
    // A few slow minutes outside the outage, so thresholds see both outcomes elsewhere too.
    if (!inOutage && rand() < 0.02) value = 0.55;
    if (m === latencyNaNMinute) value = NaN;
    latency.push({ t, value });
    latencyLines.push(
      `latency_p99_seconds ${Number.isNaN(value) ? 'NaN' : value} ${(
        t / 1000
      ).toFixed(3)}`,
    );
  }

  const openMetrics = [
    '# HELP http_requests HTTP requests served.',
    '# TYPE http_requests counter',
    ...okLines,
    ...errLines,
    '# HELP latency_p99_seconds 99th percentile of request latency.',
    '# TYPE latency_p99_seconds gauge',
    ...latencyLines,
    '# EOF',
    '',
  ].join('\n');

  return {
    start,
    end,
    outage,
    resetAt,
    latencyGap,
    latencyNaNMinute,
    increments,
    latency,
    openMetrics,
  };
}

/**
 * The events per bucket the series hold: a bucket `[s, s + bucketMs)` counts the increments
 * of the samples in `(s, s + bucketMs]` — what `increase(...[bucket])` evaluated at
 * `s + bucketMs` sees.
 */
export function expectedBuckets(
  series: TestSeries,
  bucketMs: number,
): Map<number, { ok: number; err: number }> {
  const buckets = new Map<number, { ok: number; err: number }>();
  for (const { t, ok, err } of series.increments) {
    const bucketStart = Math.ceil(t / bucketMs) * bucketMs - bucketMs;
    const b = buckets.get(bucketStart) ?? { ok: 0, err: 0 };
    b.ok += ok;
    b.err += err;
    buckets.set(bucketStart, b);
  }
  return buckets;
}
