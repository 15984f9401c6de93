import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';

export interface ReliabilityConfig {
  ingest: { maxAgeMs: number; maxFutureSkewMs: number };
  storage: { rollupAfterMs: number; retentionMs: number };
  evaluation: { frequency: HumanDuration };
  catalogSync: { frequency: HumanDuration };
  sliSync: { frequency: HumanDuration };
}

function duration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  return config.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

/** Reads `reliability.*` with its defaults, rejecting combinations that lose data. */
export function readReliabilityConfig(root: Config): ReliabilityConfig {
  const config = root.getOptionalConfig('reliability');
  const get = (key: string, fallback: HumanDuration) =>
    config ? duration(config, key, fallback) : fallback;
  const maxAgeMs = durationToMilliseconds(get('ingest.maxAge', { days: 36 }));
  const rollupAfterMs = durationToMilliseconds(
    get('storage.rollupAfter', { days: 36 }),
  );
  const retentionMs = durationToMilliseconds(
    get('storage.retention', { days: 100 }),
  );
  if (maxAgeMs > rollupAfterMs) {
    throw new Error(
      'reliability.ingest.maxAge must not exceed reliability.storage.rollupAfter: pushes older than the roll-up age would be counted twice',
    );
  }
  if (rollupAfterMs > retentionMs) {
    throw new Error(
      'reliability.storage.rollupAfter must not exceed reliability.storage.retention',
    );
  }
  return {
    ingest: {
      maxAgeMs,
      maxFutureSkewMs: durationToMilliseconds(
        get('ingest.maxFutureSkew', { minutes: 5 }),
      ),
    },
    storage: { rollupAfterMs, retentionMs },
    evaluation: { frequency: get('evaluation.frequency', { minutes: 5 }) },
    catalogSync: { frequency: get('catalogSync.frequency', { minutes: 1 }) },
    sliSync: { frequency: get('sliSync.frequency', { minutes: 1 }) },
  };
}
