import { readFileSync, writeFileSync } from 'node:fs';

/** A process's peak resident set size in bytes (Linux's VmHWM); undefined elsewhere. */
export function peakRssOf(pid: number | string = 'self'): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** This process's high-water marks before each reset by `peakSinceLastStep`. */
let peakBeforeReset = 0;

/**
 * This process's peak resident set size since the previous call (or its start), in bytes;
 * then the kernel's high-water mark is reset to the current size (Linux's
 * `/proc/self/clear_refs`), so that each step of a run reports its own peak. The whole
 * run's peak (`processPeakRss`) still holds every step's. Undefined where neither exists.
 */
export function peakSinceLastStep(): number | undefined {
  const peak = peakRssOf();
  if (peak === undefined) return undefined;
  peakBeforeReset = Math.max(peakBeforeReset, peak);
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not resettable here: later steps report the peak so far, an upper bound.
  }
  return peak;
}

/** This process's peak resident set size over its life, across `peakSinceLastStep` resets. */
export function processPeakRss(): number | undefined {
  const now = peakRssOf();
  return now === undefined ? undefined : Math.max(now, peakBeforeReset);
}

/**
 * Samples the process's resident set size every 100 ms and keeps the peak. The backend
 * runs in this process, so the peak also holds the load generator and the data generation:
 * an upper bound of the backend's own memory. A timer cannot fire while synchronous work
 * (better-sqlite3's calls) blocks the event loop, so samples can miss a spike; on Linux the
 * peak is therefore the kernel's high-water mark of the process (VmHWM), which misses
 * nothing, and the samples only say how the memory moved.
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
      return {
        peakBytes: Math.max(peakBytes, processPeakRss() ?? 0),
        samples,
      };
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
