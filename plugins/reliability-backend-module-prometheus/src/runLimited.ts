// Concurrency of the range queries: a bounded pool of workers, failing fast.

/**
 * Runs `tasks` with at most `limit` of them in flight; the first failure aborts the rest
 * (through `controller`) and is the one thrown.
 */
export async function runLimited(
  tasks: Array<() => Promise<void>>,
  limit: number,
  controller: AbortController,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < tasks.length) {
      const task = tasks[next++];
      try {
        await task();
      } catch (e) {
        if (!failed) {
          failed = true;
          controller.abort(e);
        }
        throw e;
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, worker);
  const results = await Promise.allSettled(workers);
  // The first failure caused the others (aborts): throw it.
  if (failed) throw controller.signal.reason;
  for (const r of results) if (r.status === 'rejected') throw r.reason;
}
