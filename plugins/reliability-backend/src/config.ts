import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { parseEntityRef } from '@backstage/catalog-model';
import { EVALUATION_DEFAULTS } from './evaluation/EvaluationWorker';
import {
  BUILT_IN_DEFAULT_POLICY,
  DefaultPolicySpec,
  ENGAGEMENT_MODELS,
  EngagementModel,
  mergeResponsibilityMatrix,
  ResponsibilityMatrix,
  ERROR_BUDGET_POLICY_KIND,
  readTimeBudgetSettings,
  TimeBudgetSettings,
  validatePolicySpec,
  refKey,
} from '@reliability-suite/plugin-reliability-common';

/** The policy for entities that select none: a catalog policy, or one written in app-config. */
export type DefaultPolicySetting =
  | { ref: string }
  | { spec: DefaultPolicySpec; title: string };

export interface ReliabilityConfig {
  ingest: { maxAgeMs: number; maxFutureSkewMs: number };
  storage: {
    rollupAfterMs: number;
    retentionMs: number;
    maintenanceFrequency: HumanDuration;
  };
  evaluation: {
    frequency: HumanDuration;
    debounceMs: number;
    leaseMs: number;
    batchSize: number;
    pollMs: number;
  };
  catalogSync: { frequency: HumanDuration };
  sliSync: { frequency: HumanDuration };
  policy: { default: DefaultPolicySetting };
  responsibility: {
    matrix: ResponsibilityMatrix;
    tierWeights: Record<1 | 2 | 3 | 4, number>;
    countedEngagements: EngagementModel[];
    cacheForMs: number;
  };
  /** The recorder of burn-rate alert episodes for the SRE time budget. */
  alertEpisodes: { frequency: HumanDuration; retentionMs: number };
  /** The SRE time budget: operational work against the team's time. */
  sreTime: TimeBudgetSettings;
  /** The request path's cache of entities and their contexts (EntityContextCache). */
  catalogCache: { ttlMs: number; maxEntries: number };
  /** The cache of generated alerts' state in the SLOs' sources (AlertStateService). */
  alertState: { ttlMs: number; maxEntries: number };
  /** How long a caller's catalog visibility is reused (CatalogVisibility). */
  visibility: { cacheTtlMs: number };
  /** How requests start under load (service/admission.ts). */
  requests: { perTurn: number };
  /** Whether the deploy gate answers from memory on PostgreSQL (policy/GateStateView.ts). */
  deployGate: { fromMemory: boolean };
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
    storage: {
      rollupAfterMs,
      retentionMs,
      maintenanceFrequency: get('storage.maintenanceFrequency', { hours: 1 }),
    },
    evaluation: readEvaluation(config, get),
    catalogSync: { frequency: get('catalogSync.frequency', { minutes: 1 }) },
    sliSync: { frequency: get('sliSync.frequency', { minutes: 1 }) },
    policy: { default: readDefaultPolicy(config) },
    responsibility: readResponsibility(config),
    sreTime: readSreTime(config),
    alertEpisodes: readAlertEpisodes(get),
    catalogCache: readCatalogCache(config),
    alertState: readAlertState(config),
    visibility: {
      cacheTtlMs: durationToMilliseconds(
        get('visibility.cacheTtl', { seconds: 10 }),
      ),
    },
    requests: readRequests(config),
    deployGate: {
      fromMemory: config?.getOptionalBoolean('deployGate.fromMemory') ?? true,
    },
  };
}

/** `reliability.requests`: how requests start under load (service/admission.ts). */
function readRequests(
  config: Config | undefined,
): ReliabilityConfig['requests'] {
  const perTurn = config?.getOptionalNumber('requests.perTurn') ?? 4;
  if (!Number.isInteger(perTurn) || perTurn < 0) {
    throw new Error(
      `Invalid configuration: reliability.requests.perTurn: must be a whole number >= 0; got ${perTurn}`,
    );
  }
  return { perTurn };
}

/** `reliability.alertEpisodes`: how often episodes are replayed, and how long they are kept. */
function readAlertEpisodes(
  get: (key: string, fallback: HumanDuration) => HumanDuration,
): ReliabilityConfig['alertEpisodes'] {
  const retentionMs = durationToMilliseconds(
    get('alertEpisodes.retention', { days: 732 }),
  );
  if (retentionMs < 24 * 3_600_000) {
    throw new Error(
      `Invalid configuration: reliability.alertEpisodes.retention: must be at least 1 day; got ${retentionMs} ms`,
    );
  }
  return {
    frequency: get('alertEpisodes.frequency', { minutes: 5 }),
    retentionMs,
  };
}

/** `reliability.alertState`: how long a source's answer on an SLO's alerts is served, for how many SLOs. */
function readAlertState(
  config: Config | undefined,
): ReliabilityConfig['alertState'] {
  const section = config?.getOptionalConfig('alertState');
  const maxEntries = section?.getOptionalNumber('maxEntries') ?? 1_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new Error(
      `Invalid configuration: reliability.alertState.maxEntries: must be a whole number >= 1; got ${maxEntries}`,
    );
  }
  const ttlMs = durationToMilliseconds(
    section ? duration(section, 'ttl', { seconds: 30 }) : { seconds: 30 },
  );
  if (ttlMs < 1_000) {
    throw new Error(
      `Invalid configuration: reliability.alertState.ttl: must be at least 1 second (every card view would query the source); got ${ttlMs} ms`,
    );
  }
  return { ttlMs, maxEntries };
}

/** `reliability.catalogCache`: how stale the request path's catalog reads may be, and how many. */
function readCatalogCache(
  config: Config | undefined,
): ReliabilityConfig['catalogCache'] {
  const section = config?.getOptionalConfig('catalogCache');
  const maxEntries = section?.getOptionalNumber('maxEntries') ?? 10_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new Error(
      `Invalid configuration: reliability.catalogCache.maxEntries: must be a whole number >= 1; got ${maxEntries}`,
    );
  }
  return {
    ttlMs: durationToMilliseconds(
      section ? duration(section, 'ttl', { seconds: 30 }) : { seconds: 30 },
    ),
    maxEntries,
  };
}

/** `reliability.evaluation`: the scheduled pass and the shared queue's timings. */
function readEvaluation(
  config: Config | undefined,
  get: (key: string, fallback: HumanDuration) => HumanDuration,
): ReliabilityConfig['evaluation'] {
  const ms = (key: string, fallback: HumanDuration) =>
    durationToMilliseconds(get(key, fallback));
  const leaseMs = ms('evaluation.lease', { minutes: 1 });
  const batchSize =
    config?.getOptionalNumber('evaluation.batchSize') ??
    EVALUATION_DEFAULTS.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
    throw new Error(
      'reliability.evaluation.batchSize must be an integer from 1 to 1000',
    );
  }
  if (leaseMs < 1000) {
    throw new Error('reliability.evaluation.lease must be at least 1 second');
  }
  return {
    frequency: get('evaluation.frequency', { minutes: 5 }),
    debounceMs: ms('evaluation.debounce', { seconds: 5 }),
    leaseMs,
    batchSize,
    pollMs: ms('evaluation.pollInterval', { seconds: 1 }),
  };
}

/** `reliability.sreTime`: the cap and what pages, incidents and tickets cost. */
function readSreTime(config: Config | undefined): TimeBudgetSettings {
  const { settings, problems } = readTimeBudgetSettings(
    config?.getOptional('sreTime'),
    'reliability.sreTime',
  );
  if (problems.length > 0) {
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return settings;
}

/** `reliability.responsibility`: the RACI matrix over the default, and the SRE load weights. */
function readResponsibility(
  config: Config | undefined,
): ReliabilityConfig['responsibility'] {
  const key = 'reliability.responsibility';
  const section = config?.getOptionalConfig('responsibility');
  const { matrix, problems } = mergeResponsibilityMatrix(
    section?.getOptional('matrix'),
    `${key}.matrix`,
  );
  const tierWeights: Record<1 | 2 | 3 | 4, number> = {
    1: 4,
    2: 2,
    3: 1,
    4: 0.5,
  };
  const weights = section?.getOptional('tierWeights');
  if (weights !== undefined) {
    if (
      typeof weights !== 'object' ||
      weights === null ||
      Array.isArray(weights)
    ) {
      problems.push(
        `${key}.tierWeights: must be an object of tier (1-4) to weight`,
      );
    } else {
      for (const [tier, weight] of Object.entries(weights)) {
        if (!/^[1-4]$/.test(tier)) {
          problems.push(`${key}.tierWeights.${tier}: tiers are 1, 2, 3 and 4`);
        } else if (typeof weight !== 'number' || !(weight >= 0)) {
          problems.push(
            `${key}.tierWeights.${tier}: must be a number >= 0; got ${JSON.stringify(
              weight,
            )}`,
          );
        } else {
          tierWeights[Number(tier) as 1 | 2 | 3 | 4] = weight;
        }
      }
    }
  }
  const counted = section?.getOptionalStringArray('countedEngagements') ?? [
    'supported',
  ];
  for (const [i, engagement] of counted.entries()) {
    if (!(ENGAGEMENT_MODELS as readonly string[]).includes(engagement)) {
      problems.push(
        `${key}.countedEngagements[${i}]: '${engagement}' is not one of ${ENGAGEMENT_MODELS.join(
          ', ',
        )}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return {
    matrix,
    tierWeights,
    countedEngagements: counted as EngagementModel[],
    cacheForMs: durationToMilliseconds(
      section
        ? duration(section, 'cacheFor', { seconds: 30 })
        : { seconds: 30 },
    ),
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
      if (refKey(ref.kind) !== 'errorbudgetpolicy') {
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
