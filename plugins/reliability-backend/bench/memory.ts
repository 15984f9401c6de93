/**
 * Samples the process's resident set size every 100 ms and keeps the peak. The backend
 * runs in this process, so the peak also holds the load generator and the data generation:
 * an upper bound of the backend's own memory. (A timer cannot fire while synchronous work
 * blocks the event loop, so a short spike inside such work can be missed; the sample taken
 * on stop() catches what is still resident then.)
 */
export function startRssSampler(intervalMs = 100): {
  stop(): { peakBytes: number; samples: number };
} {
  let peakBytes = 0;
  let samples = 0;
  const take = () => {
    samples++;
    peakBytes = Math.max(peakBytes, process.memoryUsage().rss);
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakBytes, samples };
    },
  };
}

/**
 * Heap still in use after a full garbage collection (needs --expose-gc, which run.ts gives
 * the database processes): tells memory the backend holds apart from V8's slack in the RSS.
 */
export function heapAfterGc(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  return process.memoryUsage().heapUsed;
}
