/**
 * Documents modelled on the examples of the OpenSLO v1 specification (its README and
 * examples/ folder) and of the reference Go SDK (OpenSLO/go-sdk, the openslosdk test data),
 * each with what the example exercises, as a YAML parser gives it: an empty key
 * (`spec:` followed by comments only) is null, `2022-01-01 12:00:00` a string.
 *
 * Every one must validate. Where the suite's documented rules go beyond the spec, or the
 * example breaks the spec's text, `errors` names the one expected error and `why` says why.
 */
export interface ConformanceCase {
  source: string;
  doc: any;
  errors?: Array<{ path: string; message: string }>;
  warnings?: string[];
  why?: string;
}

const anySource = (query: string) => ({
  metricSource: { type: 'Any', spec: { query } },
});

const ratioAny = {
  ratioMetric: { good: anySource('good'), total: anySource('total') },
};

export const CONFORMANCE_CASES: ConformanceCase[] = [
  {
    source: 'spec README: DataSource',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'DataSource',
      metadata: { name: 'cloudwatch-prod', displayName: 'CloudWatch' },
      spec: {
        type: 'CloudWatch',
        connectionDetails: { accessKeyID: 'key', secretAccessKey: 'secret' },
      },
    },
  },
  {
    source: 'spec README: DataSource ("everything that is valid YAML")',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'DataSource',
      metadata: { name: 'graphite' },
      spec: {
        type: 'Graphite',
        connectionDetails: ['graphite-a.example.com', 'graphite-b.example.com'],
      },
    },
  },
  {
    source: 'spec README: SLO with an inline ratio SLI',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'orders-slo', displayName: 'Orders SLO' },
      spec: {
        service: 'orders',
        indicator: {
          metadata: { name: 'orders-errors', displayName: 'Orders errors' },
          spec: {
            ratioMetric: {
              counter: true,
              good: {
                metricSource: {
                  metricSourceRef: 'datadog-datasource',
                  type: 'Datadog',
                  spec: { query: 'sum:hits{status:200}.as_count()' },
                },
              },
              total: {
                metricSource: {
                  metricSourceRef: 'datadog-datasource',
                  type: 'Datadog',
                  spec: { query: 'sum:hits{*}.as_count()' },
                },
              },
            },
          },
        },
        timeWindow: [{ duration: '28d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [
          { displayName: 'Total errors', target: 0.98 },
          { displayName: 'Strict', targetPercent: 99.99 },
        ],
      },
    },
  },
  {
    source: 'spec README: thresholdMetric with a DataSource reference, no type',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'SLI',
      metadata: { name: 'warehouse-latency' },
      spec: {
        thresholdMetric: {
          metricSource: {
            metricSourceRef: 'redshift-datasource',
            spec: {
              region: 'eu-central-1',
              clusterId: 'metrics-cluster',
              databaseName: 'metrics-db',
              query: 'SELECT value, timestamp FROM metrics',
            },
          },
        },
      },
    },
  },
  {
    source: 'spec README: thresholdMetric with a type and no DataSource',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'SLI',
      metadata: { name: 'warehouse-latency-direct' },
      spec: {
        description: 'Read straight from Redshift',
        thresholdMetric: {
          metricSource: {
            type: 'Redshift',
            spec: { region: 'eu-central-1', query: 'SELECT 1' },
          },
        },
      },
    },
  },
  {
    source:
      'spec README: AlertPolicy with a referenced and an inline condition',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'AlertPolicy',
      metadata: { name: 'cpu-alerts', displayName: 'CPU alerts' },
      spec: {
        description: 'Notifies the on-call devops by mail',
        alertWhenBreaching: true,
        alertWhenResolved: false,
        conditions: [
          {
            kind: 'AlertCondition',
            metadata: { name: 'cpu-usage-breach', displayName: 'CPU usage' },
            spec: {
              description: 'Burn rate over 2',
              severity: 'page',
              condition: {
                kind: 'burnrate',
                threshold: 2,
                lookbackWindow: '1h',
                alertAfter: '5m',
              },
            },
          },
        ],
        notificationTargets: [{ targetRef: 'on-call-devops-mail' }],
      },
    },
  },
  {
    source: 'spec README: AlertCondition',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'AlertCondition',
      metadata: { name: 'cpu-usage-breach' },
      spec: {
        severity: 'page',
        condition: {
          kind: 'burnrate',
          threshold: 2,
          lookbackWindow: '1h',
          alertAfter: '5m',
        },
      },
    },
  },
  {
    source: 'spec README: AlertNotificationTarget',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'AlertNotificationTarget',
      metadata: { name: 'on-call-devops-slack' },
      spec: { description: 'P1 alerts to Slack', target: 'slack' },
    },
  },
  {
    source: 'spec README: Service',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'Service',
      metadata: { name: 'web-shop' },
      spec: { description: 'The shop' },
    },
  },
  {
    source:
      'spec examples/budgeting-method/occurences-slo.yaml: threshold, empty source spec and alertPolicies',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'search-time', displayName: 'Searching time' },
      spec: {
        description: 'Never more than 500 ms',
        service: 'web-shop',
        indicator: {
          metadata: { name: 'search-latency' },
          spec: {
            thresholdMetric: { metricSource: { type: 'Any', spec: null } },
          },
        },
        timeWindow: [{ duration: '2w', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [
          {
            displayName: 'Good experience',
            op: 'lt',
            value: 500,
            target: 0.99,
          },
        ],
        alertPolicies: null,
      },
    },
  },
  {
    source:
      'spec examples/budgeting-method/ratio-timeslices.yaml: no counter, op with a ratio',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'main-page' },
      spec: {
        service: 'web-shop',
        indicator: { metadata: { name: 'response-code' }, spec: ratioAny },
        timeWindow: [{ duration: '2w', isRolling: true }],
        budgetingMethod: 'RatioTimeslices',
        objectives: [
          {
            displayName: 'Good',
            op: 'gt',
            timeSliceWindow: '1m',
            target: 0.99,
          },
        ],
      },
    },
    warnings: ['spec.objectives[0].op'],
  },
  {
    source:
      'spec examples/treat-low-traffic-as-equally-important/timeslices-slo.yaml: calendar week',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'service-availability' },
      spec: {
        service: 'web-availability',
        indicator: { metadata: { name: 'web-availability' }, spec: ratioAny },
        timeWindow: [
          {
            duration: '1w',
            isRolling: false,
            calendar: {
              startTime: '2022-01-01 12:00:00',
              timeZone: 'America/New_York',
            },
          },
        ],
        budgetingMethod: 'Timeslices',
        objectives: [
          {
            displayName: 'Objective',
            op: 'gt',
            target: 0.9995,
            timeSliceTarget: 0.95,
            timeSliceWindow: '1m',
          },
        ],
      },
    },
    warnings: ['spec.objectives[0].op'],
  },
  {
    source:
      'spec examples/budgeting-method/timeslices-slo.yaml: a calendar window of 1m',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'sla-availability' },
      spec: {
        service: 'web-availability',
        indicator: { metadata: { name: 'web-availability' }, spec: ratioAny },
        timeWindow: [
          {
            duration: '1m',
            isRolling: false,
            calendar: {
              startTime: '2022-01-01 12:00:00',
              timeZone: 'America/New_York',
            },
          },
        ],
        budgetingMethod: 'Timeslices',
        objectives: [
          {
            displayName: 'Internal objective',
            op: 'gt',
            target: 0.995,
            timeSliceTarget: 0.99,
            timeSliceWindow: '1m',
          },
          {
            displayName: 'SLA',
            target: 0.99,
            timeSliceTarget: 0.99,
            timeSliceWindow: '1m',
          },
        ],
        alertPolicies: null,
      },
    },
    warnings: ['spec.objectives[0].op'],
    errors: [
      {
        path: 'spec.timeWindow[0].duration',
        message:
          "must be whole calendar periods for a calendar window, in w, M, Q or Y (e.g. 1M); use isRolling: true for a window of days; got '1m'",
      },
    ],
    why: 'The spec leaves implementers free in which postfixes they support; a calendar-aligned minute is not a budgeting period (the example means a month, 1M, as its comment says)',
  },
  {
    source:
      'go-sdk openslosdk/test_data/inline/inputs/v1_slo.yaml: indicatorRef and op without value',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'my-slo' },
      spec: {
        service: 'web',
        indicatorRef: 'my-sli',
        timeWindow: [
          {
            duration: '1w',
            isRolling: false,
            calendar: {
              startTime: '2022-01-01 12:00:00',
              timeZone: 'America/New_York',
            },
          },
        ],
        budgetingMethod: 'Timeslices',
        objectives: [
          {
            displayName: 'Good',
            op: 'gt',
            target: 0.995,
            timeSliceTarget: 0.95,
            timeSliceWindow: '1m',
          },
        ],
      },
    },
    warnings: ['spec.objectives[0].value'],
  },
  {
    source:
      'go-sdk openslosdk/test_data/inline/inputs/v1_slo.yaml: the referenced threshold SLI',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'SLI',
      metadata: { name: 'my-sli' },
      spec: {
        thresholdMetric: {
          metricSource: {
            metricSourceRef: 'my-prometheus',
            type: 'Prometheus',
            spec: {
              query: 'sum(min_over_time(kafka_consumergroup_lag[2m]))\n',
            },
          },
        },
      },
    },
  },
  {
    source:
      'go-sdk openslosdk/test_data/export/inputs/v1_slo.yaml: inline alert policies, conditions with op',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'lag-slo' },
      spec: {
        service: 'web',
        indicator: {
          metadata: { name: 'lag' },
          spec: {
            thresholdMetric: {
              metricSource: { type: 'Prometheus', spec: { query: 'lag' } },
            },
          },
        },
        timeWindow: [{ duration: '1w', isRolling: true }],
        budgetingMethod: 'Timeslices',
        objectives: [
          {
            displayName: 'Good',
            op: 'lt',
            value: 1000,
            target: 0.995,
            timeSliceTarget: 0.95,
            timeSliceWindow: '1m',
          },
        ],
        alertPolicies: [
          {
            kind: 'AlertPolicy',
            metadata: { name: 'single-referenced-object' },
            spec: {
              alertWhenBreaching: true,
              conditions: [{ conditionRef: 'cpu-usage-breach' }],
              notificationTargets: [{ targetRef: 'devs-email-notification' }],
            },
          },
          {
            kind: 'AlertPolicy',
            metadata: { name: 'mix-of-referenced-and-inlined-objects' },
            spec: {
              alertWhenBreaching: true,
              conditions: [
                {
                  kind: 'AlertCondition',
                  metadata: { name: 'memory-usage-breach' },
                  spec: {
                    severity: 'page',
                    condition: {
                      kind: 'burnrate',
                      op: 'gt',
                      threshold: 2,
                      lookbackWindow: '1h',
                      alertAfter: '5m',
                    },
                  },
                },
              ],
              notificationTargets: [
                {
                  kind: 'AlertNotificationTarget',
                  metadata: { name: 'pd-on-call-notification' },
                  spec: { target: 'pagerduty' },
                },
                { targetRef: 'devs-email-notification' },
              ],
            },
          },
        ],
      },
    },
  },
  {
    source:
      'go-sdk openslosdk/test_data/export/inputs/v1_slo.yaml: a threshold SLI with op and no value',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'my-slo' },
      spec: {
        service: 'web',
        indicator: {
          metadata: { name: 'my-sli' },
          spec: {
            thresholdMetric: {
              metricSource: { type: 'Prometheus', spec: { query: 'lag' } },
            },
          },
        },
        timeWindow: [{ duration: '1w', isRolling: true }],
        budgetingMethod: 'Timeslices',
        objectives: [
          {
            displayName: 'Good',
            op: 'gt',
            target: 0.995,
            timeSliceTarget: 0.95,
            timeSliceWindow: '1m',
          },
        ],
      },
    },
    errors: [
      {
        path: 'spec.objectives[0].value',
        message: 'required when op is given',
      },
    ],
    why: 'The spec: value is a "required field ... needed when using a thresholdMetric"; without it nothing says which values are good (the SDK, which reads a missing value as 0, only tests exporting here)',
  },
  {
    source:
      'go-sdk openslosdk/test_data/inline/inputs/v1_alert_policies_remove_refs.yaml: AlertPolicy of inline objects',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'AlertPolicy',
      metadata: { name: 'only-inlined-objects' },
      spec: {
        alertWhenBreaching: true,
        conditions: [
          {
            kind: 'AlertCondition',
            metadata: { name: 'memory-usage-breach' },
            spec: {
              severity: 'page',
              condition: {
                kind: 'burnrate',
                op: 'gt',
                threshold: 2,
                lookbackWindow: '1h',
                alertAfter: '5m',
              },
            },
          },
        ],
        notificationTargets: [
          {
            kind: 'AlertNotificationTarget',
            metadata: { name: 'on-call-slack-notification' },
            spec: { target: 'slack' },
          },
        ],
      },
    },
  },
  {
    source:
      'go-sdk openslosdk/test_data/inline/inputs/v1_alert_policies_remove_refs.yaml: AlertCondition with op lte',
    doc: {
      apiVersion: 'openslo/v1',
      kind: 'AlertCondition',
      metadata: { name: 'cpu-usage-breach' },
      spec: {
        severity: 'page',
        condition: {
          kind: 'burnrate',
          op: 'lte',
          threshold: 2,
          lookbackWindow: '1h',
          alertAfter: '5m',
        },
      },
    },
  },
];
