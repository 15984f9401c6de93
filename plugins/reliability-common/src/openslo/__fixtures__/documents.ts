/**
 * Valid OpenSLO v1 documents for tests, modelled on the examples of the OpenSLO README.
 * Each is a function so that a test can mutate its copy freely.
 */

/** Availability: good / total requests from Prometheus over a rolling 28 days. */
export function availabilitySlo(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name: 'checkout-availability',
      displayName: 'Checkout availability',
      labels: { team: 'payments', tags: ['checkout', 'tier-1'] },
      annotations: { 'openslo.com/owner': 'payments' },
    },
    spec: {
      description: 'Share of checkout requests answered without a server error',
      service: 'checkout',
      indicator: {
        metadata: { name: 'checkout-good-requests' },
        spec: {
          ratioMetric: {
            counter: true,
            good: {
              metricSource: {
                type: 'Prometheus',
                metricSourceRef: 'prometheus-datasource',
                spec: {
                  query:
                    'sum(http_requests_total{service="checkout",code!~"5.."})',
                },
              },
            },
            total: {
              metricSource: {
                type: 'Prometheus',
                metricSourceRef: 'prometheus-datasource',
                spec: { query: 'sum(http_requests_total{service="checkout"})' },
              },
            },
          },
        },
      },
      timeWindow: [{ duration: '28d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ displayName: 'Good requests', targetPercent: 99.9 }],
      alertPolicies: [{ alertPolicyRef: 'fast-burn' }],
    },
  };
}

/** Latency: p95 under 300 ms in 95 % of 1-minute slices, threshold SLI on Redshift. */
export function latencySlo(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'checkout-latency' },
    spec: {
      service: 'component:default/checkout',
      indicator: {
        metadata: { name: 'checkout-p95-latency', displayName: 'p95 latency' },
        spec: {
          thresholdMetric: {
            metricSource: {
              metricSourceRef: 'redshift-datasource',
              spec: {
                region: 'eu-central-1',
                clusterId: 'metrics-cluster',
                databaseName: 'metrics-db',
                query:
                  'SELECT value, timestamp FROM metrics WHERE timestamp BETWEEN :date_from AND :date_to',
              },
            },
          },
        },
      },
      timeWindow: [{ duration: '7d', isRolling: true }],
      budgetingMethod: 'Timeslices',
      objectives: [
        {
          displayName: 'p95 under 300 ms',
          op: 'lte',
          value: 300,
          target: 0.99,
          timeSliceTarget: 0.95,
          timeSliceWindow: '1m',
        },
      ],
    },
  };
}

/** A calendar month in New York, referring to a separate SLI document. */
export function calendarSlo(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'search-monthly' },
    spec: {
      service: 'system:default/search',
      indicatorRef: 'search-success-ratio',
      timeWindow: [
        {
          duration: '1M',
          isRolling: false,
          calendar: {
            startTime: '2022-01-01 12:00:00',
            timeZone: 'America/New_York',
          },
        },
      ],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: 0.995 }, { target: 0.99 }],
    },
  };
}

/** RatioTimeslices with bad / total and a numeric (minutes) slice window. */
export function ratioTimeslicesSlo(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'api-errors' },
    spec: {
      service: 'api',
      indicator: {
        metadata: { name: 'api-errors' },
        spec: {
          ratioMetric: {
            counter: false,
            bad: {
              metricSource: {
                type: 'Datadog',
                spec: { query: 'sum:api.errors{*}.as_count()' },
              },
            },
            total: {
              metricSource: {
                type: 'Datadog',
                spec: { query: 'sum:api.requests{*}.as_count()' },
              },
            },
          },
        },
      },
      timeWindow: [{ duration: '30d', isRolling: true }],
      budgetingMethod: 'RatioTimeslices',
      objectives: [{ targetPercent: 99.5, timeSliceWindow: 5 }],
    },
  };
}

/** A composite SLO: every objective names its own indicator. */
export function compositeSlo(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'storefront-journey' },
    spec: {
      service: 'storefront',
      timeWindow: [{ duration: '1w', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [
        {
          displayName: 'Browse',
          target: 0.999,
          indicatorRef: 'browse-availability',
          compositeWeight: 2,
        },
        {
          displayName: 'Pay',
          target: 0.99,
          indicator: {
            metadata: { name: 'pay-success' },
            spec: {
              ratioMetric: {
                rawType: 'success',
                raw: {
                  metricSource: {
                    type: 'Prometheus',
                    spec: { query: 'pay:success_ratio' },
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
}

export function sli(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLI',
    metadata: { name: 'search-success-ratio', displayName: 'Search success' },
    spec: {
      description: 'Searches that returned results without error',
      ratioMetric: {
        counter: true,
        good: {
          metricSource: {
            metricSourceRef: 'datadog-datasource',
            type: 'Datadog',
            spec: {
              query:
                'sum:trace.http.request.hits.by_http_status{http.status_code:200}.as_count()',
            },
          },
        },
        total: {
          metricSource: {
            metricSourceRef: 'datadog-datasource',
            type: 'Datadog',
            spec: {
              query: 'sum:trace.http.request.hits.by_http_status{*}.as_count()',
            },
          },
        },
      },
    },
  };
}

export function dataSource(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'DataSource',
    metadata: { name: 'prometheus-datasource', displayName: 'Prometheus' },
    spec: {
      description: 'The production Prometheus',
      type: 'Prometheus',
      connectionDetails: { url: 'http://prometheus.monitoring:9090' },
    },
  };
}

export function alertPolicy(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'AlertPolicy',
    metadata: { name: 'fast-burn', displayName: 'Fast burn' },
    spec: {
      description: 'Pages on-call when the budget burns 14 times too fast',
      alertWhenBreaching: true,
      alertWhenResolved: false,
      alertWhenNoData: false,
      conditions: [
        {
          kind: 'AlertCondition',
          metadata: { name: 'burn-14x', displayName: 'Burn rate 14x' },
          spec: {
            description: 'Burn rate over 14 for an hour',
            severity: 'page',
            condition: {
              kind: 'burnrate',
              op: 'gte',
              threshold: 14,
              lookbackWindow: '1h',
              alertAfter: '5m',
            },
          },
        },
      ],
      notificationTargets: [
        { targetRef: 'oncall-pager' },
        {
          kind: 'AlertNotificationTarget',
          metadata: { name: 'payments-slack' },
          spec: { target: 'slack', description: '#payments-alerts' },
        },
      ],
    },
  };
}

export function alertCondition(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'AlertCondition',
    metadata: { name: 'cpu-usage-breach', displayName: 'CPU usage breach' },
    spec: {
      description:
        'If the CPU usage is too high for given period then it should alert',
      severity: 'page',
      condition: {
        kind: 'burnrate',
        threshold: 2,
        lookbackWindow: '1h',
        alertAfter: '5m',
      },
    },
  };
}

export function alertNotificationTarget(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'AlertNotificationTarget',
    metadata: { name: 'oncall-pager' },
    spec: {
      description:
        'Notifies by a mail message to the on-call devops mailing group',
      target: 'email',
    },
  };
}

export function service(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'Service',
    metadata: { name: 'checkout', displayName: 'Checkout' },
    spec: { description: 'Takes payments for orders' },
  };
}

/** Every valid example, named, for tests that run over all of them. */
export const VALID_DOCUMENTS: Record<string, () => any> = {
  availabilitySlo,
  latencySlo,
  calendarSlo,
  ratioTimeslicesSlo,
  compositeSlo,
  sli,
  dataSource,
  alertPolicy,
  alertCondition,
  alertNotificationTarget,
  service,
};
