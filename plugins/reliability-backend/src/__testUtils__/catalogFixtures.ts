/**
 * The catalog entities the plugin tests build their catalogs from, written once: what an
 * SLO, an error-budget policy or a plain entity looks like to the backend is the same in
 * every test, and a change of that shape is made here.
 */

/**
 * A catalog entity of the `backstage.io/v1alpha1` kinds (Component, System, Domain, Group,
 * …) in namespace `default`; `title` only when given.
 */
export function catalogEntity(
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
  title?: string,
) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      ...(title !== undefined ? { title } : {}),
      annotations,
    },
    spec,
  };
}

/**
 * An OpenSLO SLO of a component in namespace `default`, on pushed counters (good and total,
 * `POST /v1/sli/events`), one objective `requests-succeed` over a rolling 28 days; the
 * `sloOf` relation the catalog gives it.
 */
export function pushSlo(
  name: string,
  service: string,
  options: { target?: number; displayName?: string } = {},
) {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name,
      namespace: 'default',
      ...(options.displayName !== undefined
        ? { displayName: options.displayName }
        : {}),
    },
    spec: {
      service,
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '28d', isRolling: true }],
      indicator: {
        metadata: { name: `${name}-sli` },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource: { type: 'Push', spec: {} } },
            total: { metricSource: { type: 'Push', spec: {} } },
          },
        },
      },
      objectives: [
        { displayName: 'requests-succeed', target: options.target ?? 0.99 },
      ],
    },
    relations: [{ type: 'sloOf', targetRef: `component:default/${service}` }],
  };
}

/**
 * An ErrorBudgetPolicy in namespace `default` with two states, `healthy` while budget
 * remains and `exhausted` (a freeze) after, owned by sre-core; `spec` adds to or replaces
 * those fields (another owner, freeze exception classes, escalation).
 */
export function errorBudgetPolicy(
  name: string,
  spec: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'reliability-suite.dev/v1alpha1',
    kind: 'ErrorBudgetPolicy',
    metadata: { name, namespace: 'default' },
    spec: {
      owner: 'group:default/sre-core',
      states: [
        { name: 'healthy', remainingAbove: 0, consequences: 'Ship.' },
        { name: 'exhausted', consequences: 'Frozen.', freeze: true },
      ],
      ...spec,
    },
  };
}

/** The `standard` policy with one freeze exception class, `p0-fix`. */
export function standardPolicy() {
  return errorBudgetPolicy('standard', {
    freeze: { exceptionClasses: [{ name: 'p0-fix' }] },
  });
}

/** checkout-api, a production service of team-checkout under the `standard` policy. */
export function checkoutApi() {
  return catalogEntity(
    'Component',
    'checkout-api',
    { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
    { 'reliability-suite.dev/error-budget-policy': 'standard' },
  );
}
