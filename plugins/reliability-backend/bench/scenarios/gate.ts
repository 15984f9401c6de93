import {
  APP_CONFIG_POLICY_REF,
  BUILT_IN_DEFAULT_POLICY,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { PolicyStates } from '../../src/policy/PolicyStates';
import { PolicyStore } from '../../src/store/PolicyStore';
import { SloStore } from '../../src/store/SloStore';
import { StatusStore } from '../../src/store/StatusStore';
import { sample, summarize } from '../stats';
import { atMost, count, figure, ms, Row } from '../table';
import type { ScenarioContext } from './context';

const TARGET_P95_MS = 20;
/** The change the seeded exceptions are granted for. */
export const GATE_CHANGE = 'change-1';

/**
 * Gives each of `refs` the policy state the backend's own evaluation stores for it — under the
 * policy it resolves with its default configuration (the built-in one), from the SLO statuses
 * seeded before — so that a later evaluation finds it unchanged unless the data changed, as in
 * a backend that has been running. (Seeding states of another policy made every service's
 * first evaluation under load a "policy state changed", with its audit row and notification.)
 * Every tenth is frozen by hand and every hundredth has an exception for the change
 * `change-1` (see GATE_CHANGE).
 */
export async function seedPolicyStates(
  knex: Knex,
  refs: string[],
): Promise<{ frozen: number; exceptions: number }> {
  const store = new PolicyStore(knex);
  const states = new PolicyStates({
    store,
    slos: new SloStore(knex),
    statuses: new StatusStore(knex),
  });
  const now = Date.now();
  const computed = await states.computeMany(
    refs.map(entityRef => ({ entityRef, spec: BUILT_IN_DEFAULT_POLICY })),
    now,
  );
  // Stored as the backend's evaluation stores a first state under its default policy.
  const resolved = {
    policy: { ref: APP_CONFIG_POLICY_REF },
    source: 'default' as const,
    sourceRef: null,
  };
  await store.upsertStatuses(
    refs.map(entityRef =>
      states.nextStatus(
        { entityRef, resolved },
        computed.get(entityRef)!,
        undefined,
        now,
      ),
    ),
  );
  let frozen = 0;
  let exceptions = 0;
  for (const [e, entityRef] of refs.entries()) {
    if (e % 10 === 0) {
      frozen++;
      const freeze = await store.enactFreeze({
        entityRef,
        policyRef: APP_CONFIG_POLICY_REF,
        startedAt: now,
        startedBy: 'user:default/bench',
        reason: 'bench',
        link: null,
        automatic: false,
        budgetRemaining: computed.get(entityRef)!.remaining,
      });
      if (e % 100 === 0) {
        exceptions++;
        await store.grantException({
          freezeId: freeze.id,
          entityRef,
          changeId: GATE_CHANGE,
          exceptionClass: 'p0-fix',
          reason: 'bench',
          link: null,
          grantedBy: 'user:default/bench',
          grantedAt: now,
          budgetRemaining: computed.get(entityRef)!.remaining,
        });
      }
    }
  }
  return { frozen, exceptions };
}

/**
 * The deploy gate as CI/CD calls it: the org's services each get a policy state, every tenth
 * is frozen and every hundredth has an exception for the change asked about; the gate is then
 * asked about services in turn (frozen with and without an exception, and not frozen).
 */
export async function benchGate(
  ctx: ScenarioContext,
  entities: number,
): Promise<Row[]> {
  const { backend, db, volumes } = ctx;
  const refs = Array.from(
    { length: entities },
    (_, e) => `component:default/svc-${e}`,
  );
  await seedPolicyStates(db.knex, refs);
  let i = 0;
  const answers = { allowed: 0, blocked: 0 };
  const ask = async () => {
    const e = (i++ * 7) % entities;
    const body = JSON.parse(
      await backend.get(
        `/v1/gate?entity=${encodeURIComponent(refs[e])}&change=${GATE_CHANGE}`,
      ),
    );
    answers[body.allowed ? 'allowed' : 'blocked'] += 1;
  };
  const runs = volumes.summary.runs * 2;
  const stats = summarize(await sample(ask, { warmup: 20, runs }));
  if (answers.blocked === 0 || answers.allowed === 0) {
    throw new Error(
      `the gate answered ${answers.allowed} allowed / ${answers.blocked} blocked; expected both`,
    );
  }
  return [
    {
      what: 'GET /v1/gate, client-measured incl. loopback HTTP (p50 / p95)',
      database: db.label,
      volume: `${count(entities)} services with a policy state, ${count(
        Math.ceil(entities / 10),
      )} frozen, ${stats.n} requests (${answers.blocked} blocked)`,
      measured: `${ms(stats.p50)} / ${ms(stats.p95)}`,
      target: `p95 <= ${TARGET_P95_MS} ms`,
      figures: [
        figure('gate.p50', stats.p50, 'ms'),
        figure('gate.p95', stats.p95, 'ms', atMost(TARGET_P95_MS)),
      ],
    },
  ];
}
