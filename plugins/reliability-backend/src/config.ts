import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  BUILT_IN_DEFAULT_POLICY,
  DefaultPolicySpec,
  ERROR_BUDGET_POLICY_KIND,
  validatePolicySpec,
} from '@reliability-suite/plugin-reliability-common';

/** The policy for entities that select none: a catalog policy, or one written in app-config. */
export type DefaultPolicySetting =
  | { ref: string }
  | { spec: DefaultPolicySpec; title: string };

export interface ReliabilityConfig {
  ingest: { maxAgeMs: number; maxFutureSkewMs: number };
  storage: { rollupAfterMs: number; retentionMs: number };
  evaluation: { frequency: HumanDuration };
  catalogSync: { frequency: HumanDuration };
  sliSync: { frequency: HumanDuration };
  policy: { default: DefaultPolicySetting };
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
    policy: { default: readDefaultPolicy(config) },
  };
}

/** `reliability.policy.default`: an ErrorBudgetPolicy reference, an inline policy, or the built-in one. */
function readDefaultPolicy(config: Config | undefined): DefaultPolicySetting {
  const key = 'reliability.policy.default';
  const value = config?.getOptional('policy.default');
  if (value === undefined) {
    return {
      spec: BUILT_IN_DEFAULT_POLICY,
      title: 'Default error-budget policy',
    };
  }
  if (typeof value === 'string') {
    try {
      const ref = parseEntityRef(value, {
        defaultKind: ERROR_BUDGET_POLICY_KIND,
        defaultNamespace: 'default',
      });
      if (ref.kind.toLocaleLowerCase('en-US') !== 'errorbudgetpolicy') {
        throw new Error(`kind must be ${ERROR_BUDGET_POLICY_KIND}`);
      }
      return {
        ref: `errorbudgetpolicy:${ref.namespace}/${ref.name}`.toLocaleLowerCase(
          'en-US',
        ),
      };
    } catch (e) {
      throw new Error(
        `${key}: '${value}' is not an ErrorBudgetPolicy reference: ${
          (e as Error).message
        }`,
      );
    }
  }
  const { title, ...spec } = (value ?? {}) as Record<string, unknown>;
  const problems = validatePolicySpec(spec, key, { ownerRequired: false });
  if (problems.length > 0) {
    throw new Error(
      `Invalid default error-budget policy: ${problems
        .map(p => `${p.path}: ${p.message}`)
        .join('; ')}`,
    );
  }
  return {
    spec: spec as DefaultPolicySpec,
    title: typeof title === 'string' ? title : 'Default error-budget policy',
  };
}
