import type { Entity } from '@backstage/catalog-model';

/** The service every replica test acts on. */
export const SERVICE = {
  name: 'checkout-api',
  ref: 'component:default/checkout-api',
  owner: 'group:default/team-checkout',
  sreTeam: 'group:default/sre-core',
};

/** Its one SLO, fed by pushes (OpenSLO metric source type Push). */
export const SLO = {
  ref: 'slo:default/checkout-availability',
  objective: 'requests-succeed',
};

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

/** What each replica's catalog mock holds: the owner, the SRE team, the service and its SLO. */
export const replicaEntities: Entity[] = [
  group('team-checkout'),
  group('sre-core'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: SERVICE.name,
      namespace: 'default',
      annotations: { 'reliability-suite.dev/sre-team': SERVICE.sreTeam },
    },
    spec: { type: 'service', lifecycle: 'production', owner: SERVICE.owner },
  },
  {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'checkout-availability', namespace: 'default' },
    spec: {
      service: SERVICE.name,
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
      objectives: [{ displayName: SLO.objective, target: 0.999 }],
    },
  },
];

/** The ref of the i-th bulk SLO (see {@link bulkSloEntities}). */
export const bulkSloRef = (i: number) =>
  `slo:default/bulk-${String(i).padStart(4, '0')}`;

/** `n` more push-fed SLOs of the service, for the tests of the shared evaluation queue. */
export function bulkSloEntities(n: number): Entity[] {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: bulkSloRef(i).split('/')[1],
      namespace: 'default',
    },
    spec: {
      service: SERVICE.name,
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '1d', isRolling: true }],
      indicator: {
        metadata: { name: 'bulk' },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource: { type: 'Push', spec: {} } },
            total: { metricSource: { type: 'Push', spec: {} } },
          },
        },
      },
      objectives: [{ displayName: 'ok', target: 0.99 }],
    },
  }));
}
