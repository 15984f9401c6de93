import { performance } from 'node:perf_hooks';

/** A latency distribution in milliseconds. */
export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentile of ascending `sorted` (p in (0, 100]); no interpolation, so
 * the figure is always a latency that was actually observed. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    n: sorted.length,
    mean: sum / sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
  };
}

/**
 * Runs `fn` `warmup` times untimed (JIT, connection pools and statement caches settle),
 * then `runs` times one after another, timing each call on its own.
 */
export async function sample(
  fn: () => unknown,
  { warmup, runs }: { warmup: number; runs: number },
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Wall time of `fn` in ms, with its result. */
export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await fn();
  return { ms: performance.now() - started, result };
}
