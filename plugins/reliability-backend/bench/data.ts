/** Synthetic, deterministic data for the benchmark (fixed seeds, so runs compare). */
import type { Entity } from '@backstage/catalog-model';
import { evaluateObjective } from '@reliability-suite/plugin-reliability-common';
import type {
  SliBucket,
  SloDefinition,
} from '@reliability-suite/plugin-reliability-common';
import { createHash } from 'node:crypto';
import {
  ObjectiveStatus,
  toObjectiveStatus,
} from '../src/evaluation/objectiveStatus';
import { sloState } from '../src/evaluation/sloState';
import type { BucketWrite } from '../src/store/SliBucketStore';
import type { SloRecord } from '../src/store/SloStore';
import type { SloState, StatusRecord } from '../src/store/StatusStore';

export const MINUTE = 60_000;
export const DAY = 1440 * MINUTE;
export const WINDOW_MS = 28 * DAY;
export const OBJECTIVE = 'requests-succeed';

/** The current minute's start: buckets end here, so none lies in the future. */
export const currentMinute = (now = Date.now()) =>
  Math.floor(now / MINUTE) * MINUTE;

/** mulberry32: a tiny seeded PRNG, so the data (and thus the work) is the same each run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `minutes` consecutive 1-minute buckets ending at `end` (exclusive), ~1,000 requests a
 * minute with noise; `errorRate(minutesBeforeEnd)` shapes the failures.
 */
export function minuteBuckets(options: {
  end: number;
  minutes: number;
  seed: number;
  errorRate: (minutesBeforeEnd: number) => number;
}): SliBucket[] {
  const rnd = random(options.seed);
  const buckets: SliBucket[] = new Array(options.minutes);
  for (let i = 0; i < options.minutes; i++) {
    const start = options.end - (options.minutes - i) * MINUTE;
    const total = 800 + Math.floor(rnd() * 400);
    const rate = options.errorRate(options.minutes - i);
    const bad = Math.min(total, Math.round(total * rate * 2 * rnd()));
    buckets[i] = { start, durationMs: MINUTE, good: total - bad, total };
  }
  return buckets;
}

export const toWrites = (sloRef: string, buckets: SliBucket[]): BucketWrite[] =>
  buckets.map(b => ({
    sloRef,
    objective: OBJECTIVE,
    bucketStart: b.start,
    good: b.good,
    total: b.total,
  }));

export function definition(target: number): SloDefinition {
  return {
    budgetingMethod: 'Occurrences',
    window: { kind: 'rolling', durationMs: WINDOW_MS },
    objectives: [{ name: OBJECTIVE, target }],
  };
}

export function sloRecord(options: {
  name: string;
  serviceRef: string;
  target: number;
  ownerRef?: string;
  systemRef?: string;
}): SloRecord {
  const def = definition(options.target);
  const sloRef = `slo:default/${options.name}`;
  return {
    sloRef,
    serviceRef: options.serviceRef,
    title: `${options.name} (bench)`,
    definition: def,
    ownerRef: options.ownerRef,
    systemRef: options.systemRef,
    definitionHash: createHash('sha256')
      .update(JSON.stringify([def, options.serviceRef, options.name]))
      .digest('hex'),
  };
}

/** The service of the entity-summary scenario and its SLO records. */
export const BENCH_SERVICE = {
  name: 'bench-service',
  ref: 'component:default/bench-service',
  owner: 'group:default/team-bench',
  system: 'system:default/bench',
};

const TARGETS = [0.999, 0.995, 0.99, 0.9995];

export function entitySlos(count: number): SloRecord[] {
  return Array.from({ length: count }, (_, i) =>
    sloRecord({
      name: `bench-service-slo-${i}`,
      serviceRef: BENCH_SERVICE.ref,
      target: TARGETS[i % TARGETS.length],
      ownerRef: BENCH_SERVICE.owner,
      systemRef: BENCH_SERVICE.system,
    }),
  );
}

/** What the catalog mock holds: the service (the summary route looks it up) and its SLOs. */
export function catalogEntities(slos: SloRecord[]): Entity[] {
  const service: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: BENCH_SERVICE.name, namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: BENCH_SERVICE.owner,
      system: BENCH_SERVICE.system,
    },
  };
  const sloEntities: Entity[] = slos.map(slo => ({
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: slo.sloRef.slice('slo:default/'.length),
      namespace: 'default',
    },
    spec: {
      service: BENCH_SERVICE.name,
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '28d', isRolling: true }],
      indicator: {
        metadata: { name: 'non-5xx' },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource: { type: 'Push', spec: {} } },
            total: { metricSource: { type: 'Push', spec: {} } },
          },
        },
      },
      objectives: [
        {
          displayName: OBJECTIVE,
          target: slo.definition.objectives[0].target,
        },
      ],
    },
  }));
  return [service, ...sloEntities];
}

/** Error-rate shapes (at target 0.999, allowed 0.001) that drive an objective into each state. */
const STATE_SHAPES: Record<SloState, ((m: number) => number) | undefined> = {
  healthy: () => 0.0002,
  // Burn rate 4 for the last 3 days: the ticket-tier 3d/6h alert fires, budget remains.
  warning: m => (m <= 3 * 1440 ? 0.004 : 0.0002),
  // Burn rate 20 for the last 2 hours: the page-tier 1h/5m alert fires.
  critical: m => (m <= 120 ? 0.02 : 0.0002),
  // Burn rate 2 for the whole window: twice the budget spent.
  exhausted: () => 0.002,
  'no-data': undefined,
};

/**
 * One real evaluation per state (the engine on 28 days of generated data), as the status
 * the evaluator would store. The org overview copies these to thousands of SLOs, which is
 * far faster than pushing and evaluating data for each, and reads the same rows.
 */
export function statusTemplates(
  at: number,
): Map<SloState, { remaining: number | null; status: ObjectiveStatus }> {
  const templates = new Map<
    SloState,
    { remaining: number | null; status: ObjectiveStatus }
  >();
  let seed = 1;
  for (const [expected, shape] of Object.entries(STATE_SHAPES)) {
    const def = definition(0.999);
    const evaluation = evaluateObjective({
      objective: def.objectives[0],
      budgetingMethod: def.budgetingMethod,
      window: def.window,
      buckets: shape
        ? minuteBuckets({
            end: currentMinute(at),
            minutes: 28 * 1440,
            seed: seed++,
            errorRate: shape,
          })
        : [],
      at,
    });
    const state = sloState(evaluation);
    if (state !== expected) {
      process.stderr.write(
        `[bench] note: the '${expected}' data shape evaluates to '${state}'; the state mix of the org overview differs from the plan\n`,
      );
    }
    templates.set(expected as SloState, {
      remaining:
        evaluation.dataQuality === 'no-data'
          ? null
          : evaluation.errorBudget.remaining,
      status: toObjectiveStatus(evaluation, state, at),
    });
  }
  return templates;
}

/** The state mix of the org: mostly healthy, a few in trouble, some without data. */
function stateOf(index: number): SloState {
  const r = (index * 7919) % 100;
  if (r < 70) return 'healthy';
  if (r < 80) return 'warning';
  if (r < 85) return 'critical';
  if (r < 90) return 'exhausted';
  return 'no-data';
}

export const teamRef = (team: number) => `group:default/team-${team}`;

/**
 * The org overview's data: `entities` services owned by `teams` groups, each with
 * `slosPerEntity` SLOs, and a stored status per objective copied from the templates (with
 * the remaining budget jittered so that the worst-first order has real work to do).
 */
export function orgData(
  options: { entities: number; slosPerEntity: number; teams: number },
  templates: ReturnType<typeof statusTemplates>,
  at: number,
): { slos: SloRecord[]; statuses: StatusRecord<ObjectiveStatus>[] } {
  const slos: SloRecord[] = [];
  const statuses: StatusRecord<ObjectiveStatus>[] = [];
  const rnd = random(42);
  for (let e = 0; e < options.entities; e++) {
    const serviceRef = `component:default/svc-${e}`;
    for (let s = 0; s < options.slosPerEntity; s++) {
      const slo = sloRecord({
        name: `svc-${e}-slo-${s}`,
        serviceRef,
        target: 0.999,
        ownerRef: teamRef(e % options.teams),
        systemRef: `system:default/sys-${e % (options.teams * 2)}`,
      });
      slos.push(slo);
      const state = stateOf(slos.length);
      const template = templates.get(state)!;
      const remaining =
        template.remaining === null
          ? null
          : template.remaining + (rnd() - 0.5) * 0.02;
      const status: ObjectiveStatus = {
        ...template.status,
        state,
        errorBudget:
          remaining === null
            ? template.status.errorBudget
            : {
                ...template.status.errorBudget,
                remaining,
                consumed: 1 - remaining,
              },
      };
      statuses.push({
        sloRef: slo.sloRef,
        objective: OBJECTIVE,
        serviceRef,
        state,
        remaining,
        status,
        evaluatedAt: at,
      });
    }
  }
  return { slos, statuses };
}

/**
 * The push-ingestion bodies, serialised before timing so that the client's JSON work does
 * not count against the server: client `c` writes 1-minute buckets of its own SLO, batch
 * `b` the `batchSize` minutes before those of batch `b - 1`, all inside the accepted age.
 * `totals` is each SLO's total events, for telling when their evaluation has caught up.
 */
export function ingestBodies(options: {
  clients: number;
  batchesPerClient: number;
  batchSize: number;
  now: number;
}): { sloRefs: string[]; bodies: string[][]; totals: number[] } {
  const end = currentMinute(options.now);
  const sloRefs = Array.from(
    { length: options.clients },
    (_, c) => `slo:default/bench-ingest-${c}`,
  );
  const totals = sloRefs.map(() => 0);
  const bodies = sloRefs.map((slo, c) =>
    Array.from({ length: options.batchesPerClient }, (_, b) => {
      const rnd = random(1000 * c + b);
      const items = Array.from({ length: options.batchSize }, (_x, i) => {
        const total = 800 + Math.floor(rnd() * 400);
        totals[c] += total;
        return {
          slo,
          timestamp: end - (b * options.batchSize + i + 1) * MINUTE,
          good: total - Math.floor(rnd() * 3),
          total,
        };
      });
      return JSON.stringify({ mode: 'replace', items });
    }),
  );
  return { sloRefs, bodies, totals };
}

/**
 * The ownership audit's catalog: `entities` components (the first ones are the org
 * overview's services, `svc-<n>`), with Systems and Domains, owner groups with members, SRE
 * groups with capacities, and the gaps an audit finds in a real organisation (one in 50
 * without an owner, one in 40 owned by a group not in the catalog, tier 1-2 services without
 * on-call or runbook, some SRE teams over capacity).
 */
export function auditCatalogEntities(options: {
  entities: number;
  teams: number;
}): Entity[] {
  const out: Entity[] = [];
  const rnd = random(7);
  const sreTeams = Math.max(2, Math.round(options.teams / 5));
  for (let t = 0; t < options.teams; t++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: `team-${t}`, namespace: 'default' },
      spec: { type: 'team', children: [] },
    });
    // Every fifth team has nobody in it.
    if (t % 5 !== 4) {
      out.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: `user-${t}`, namespace: 'default' },
        spec: { memberOf: [`team-${t}`] },
      });
    }
  }
  for (let s = 0; s < sreTeams; s++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: `sre-${s}`,
        namespace: 'default',
        annotations: { 'reliability-suite.dev/capacity': String(40 + s * 20) },
      },
      spec: { type: 'team', children: [] },
    });
  }
  const systems = options.teams * 2;
  for (let y = 0; y < systems; y++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: `sys-${y}`,
        namespace: 'default',
        annotations: {
          'reliability-suite.dev/sre-team': `sre-${y % sreTeams}`,
          'reliability-suite.dev/engagement':
            y % 3 === 0 ? 'supported' : 'consulting',
        },
        links: [
          { url: `https://runbooks.example.com/sys-${y}`, type: 'runbook' },
        ],
      },
      spec: { owner: teamRef(y % options.teams), domain: `dom-${y % 10}` },
    });
  }
  for (let d = 0; d < 10; d++) {
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: { name: `dom-${d}`, namespace: 'default' },
      spec: { owner: teamRef(d % options.teams) },
    });
  }
  for (let e = 0; e < options.entities; e++) {
    const annotations: Record<string, string> = {
      'reliability-suite.dev/tier': String(1 + Math.floor(rnd() * 4)),
    };
    if (rnd() < 0.8) {
      annotations[
        'reliability-suite.dev/oncall'
      ] = `https://oncall.example.com/svc-${e}`;
    }
    let owner: string | undefined = teamRef(e % options.teams);
    if (e % 50 === 0) owner = undefined;
    else if (e % 40 === 0) owner = `group:default/gone-${e}`;
    out.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `svc-${e}`, namespace: 'default', annotations },
      spec: {
        type: 'service',
        lifecycle: 'production',
        ...(owner ? { owner } : {}),
        system: `sys-${e % systems}`,
      },
    });
  }
  return out;
}
