import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { BURN_WINDOWS } from '../budget/burnRate';
import { evaluateObjective } from '../budget/evaluate';
import type { ObjectiveEvaluation, SliBucket } from '../budget/types';
import type { OpenSloSlo } from '../openslo/types';
import {
  ensurePromtool,
  expandingNotation,
  promtool,
} from './__testUtils__/promtool';
import {
  PROMETHEUS_NO_DATA_ALERT,
  PROMETHEUS_PAGE_ALERT,
  PROMETHEUS_TICKET_ALERT,
} from './contract';
import { generatePrometheusRules } from './generate';
import { renderPrometheusRules } from './render';

/**
 * The generated rules run by the real promtool (`promtool test rules`) on minute-by-minute
 * counters, and compared with the engine's `evaluateObjective` on the same minutes.
 *
 * Tolerance: Prometheus 2.x range selectors include both ends, so `increase(x[1h])` at t
 * spans the samples t-1h … t, exactly the engine's buckets [t-1h, t): no extrapolation, and
 * the window ratios agree to floating-point noise (1e-9 here). The period ratio sums the
 * 5-minute increases recorded at each evaluation over [t-P, t], one 5-minute block more than
 * the window (the block ending at t-P): its tolerance is that block's share, 5m / P of the
 * ratio, at most 1e-4 absolute on these data. (Prometheus 3 ranges are left-open: the block
 * drops out, and `increase()` then extrapolates a window's first minute from the rest, a
 * difference of at most one minute's share of each window.)
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const RATIO_TOLERANCE = 1e-9;
const PERIOD_TOLERANCE = 1e-4;

function slo(
  name: string,
  job: string,
  window: string,
  target: number,
  form: 'good' | 'bad',
): OpenSloSlo {
  const query = (code: string) =>
    `sum(increase(http_requests_total{job="${job}"${code}}[{{bucket}}]))`;
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: {
      name,
      displayName: `API availability (${window})`,
      labels: { team: 'payments' },
    },
    spec: {
      service: 'api',
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: window, isRolling: true }],
      indicator: {
        metadata: { name: `${name}-sli` },
        spec: {
          ratioMetric: {
            counter: true,
            [form]: {
              metricSource: {
                type: 'Prometheus',
                spec: {
                  query:
                    form === 'good'
                      ? query(',code!~"5.."')
                      : `${query(',code=~"5.."')} or vector(0)`,
                },
              },
            },
            total: {
              metricSource: { type: 'Prometheus', spec: { query: query('') } },
            },
          },
        },
      },
      objectives: [{ displayName: 'requests-succeed', target }],
    },
  };
}

const SLO_7D = slo('api-7d', 'api7', '7d', 0.999, 'bad');
const SLO_28D = slo('api-28d', 'api28', '28d', 0.999, 'good');
const ID_7D = 'api-api-7d';
const ID_28D = 'api-api-28d';

/** Per-minute traffic: events and the share of them that fail. */
type Traffic = (minute: number) => { events: number; errorRatio: number };

/**
 * Whole events per step of `step` minutes (the buckets, and the counters' scrape interval):
 * the floors of the running expected counts, so none is lost. Days of data run in promtool
 * in seconds at 5-minute steps; minutes matter only around an incident.
 */
function minutes(count: number, traffic: Traffic, step: number = 1) {
  const good: number[] = [];
  const bad: number[] = [];
  let expectedBad = 0;
  let expectedGood = 0;
  for (let i = 0; i < count; i++) {
    const { events: perMinute, errorRatio } = traffic(i * step);
    const events = perMinute * step;
    const b0 = Math.floor(expectedBad);
    const g0 = Math.floor(expectedGood);
    expectedBad += events * errorRatio;
    expectedGood += events * (1 - errorRatio);
    bad.push(Math.floor(expectedBad) - b0);
    good.push(Math.floor(expectedGood) - g0);
  }
  return { good, bad, step };
}

/** Counter samples at steps 0 … n: the events of the buckets before each. */
function counter(perMinute: number[]): number[] {
  const values = [0];
  for (const v of perMinute) values.push(values[values.length - 1] + v);
  return values;
}

interface Scenario {
  job: string;
  good: number[];
  bad: number[];
  /** Minutes per bucket and between samples. */
  step: number;
}

function inputSeries({ job, good, bad }: Scenario) {
  return [
    {
      series: `http_requests_total{job="${job}",code="200"}`,
      values: expandingNotation(counter(good)),
    },
    {
      series: `http_requests_total{job="${job}",code="500"}`,
      values: expandingNotation(counter(bad)),
    },
  ];
}

function evaluate(
  target: OpenSloSlo,
  { good, bad, step }: Scenario,
  at: number,
): ObjectiveEvaluation {
  const buckets: SliBucket[] = good.map((g, i) => ({
    start: i * step * MINUTE,
    durationMs: step * MINUTE,
    good: g,
    total: g + bad[i],
  }));
  const window =
    target.spec.timeWindow[0].duration === '7d' ? 7 * DAY : 28 * DAY;
  return evaluateObjective({
    objective: {
      name: 'requests-succeed',
      target: target.spec.objectives[0].target!,
    },
    budgetingMethod: 'Occurrences',
    window: { kind: 'rolling', durationMs: window },
    buckets,
    bucketMs: step * MINUTE,
    at,
  });
}

/** Prometheus' `humanizePercentage`: `%.4g` of the percentage, e.g. 97.12%. */
function humanizePercentage(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(4))}%`;
}

function promDuration(ms: number): string {
  return `${ms / MINUTE}m`;
}

const selector = (id: string) =>
  `{sloth_id="${id}",sloth_service="api",sloth_slo="${id.replace(
    /^api-/,
    '',
  )}"}`;

/** Nothing when `expr` is within `tolerance` of `expected`; else its value, for the report. */
function near(
  expr: string,
  expected: number,
  tolerance: number,
  at: number,
): { expr: string; eval_time: string; exp_samples: [] } {
  return {
    expr: `(${expr} unless on() (abs(${expr} - ${expected}) <= ${tolerance})) or absent(${expr})`,
    eval_time: promDuration(at),
    exp_samples: [],
  };
}

/** The engine's numbers at `at` as checks on the rules' series. */
function agreesWithEngine(
  target: OpenSloSlo,
  id: string,
  scenario: Scenario,
  at: number,
) {
  const evaluation = evaluate(target, scenario, at);
  const budget = 1 - target.spec.objectives[0].target!;
  const period = target.spec.timeWindow[0].duration;
  const checks = BURN_WINDOWS.flatMap(w => {
    const rate = evaluation.burnRates[w];
    return rate === null
      ? []
      : [
          near(
            `slo:sli_error:ratio_rate${w}${selector(id)}`,
            rate * budget,
            RATIO_TOLERANCE,
            at,
          ),
        ];
  });
  checks.push(
    near(
      `slo:sli_error:ratio_rate${period}${selector(id)}`,
      1 - evaluation.sli!,
      PERIOD_TOLERANCE,
      at,
    ),
    near(
      `slo:period_error_budget_remaining:ratio${selector(id)}`,
      evaluation.errorBudget.remaining,
      PERIOD_TOLERANCE / budget,
      at,
    ),
  );
  return { evaluation, checks };
}

/** The alerts firing in Prometheus for an SLO: what the backend asks for. */
function firing(
  id: string,
  at: number,
  severities: Array<'page' | 'ticket' | 'no-data'>,
) {
  const alertName = {
    page: PROMETHEUS_PAGE_ALERT,
    ticket: PROMETHEUS_TICKET_ALERT,
    'no-data': PROMETHEUS_NO_DATA_ALERT,
  };
  const slothSlo = id.replace(/^api-/, '');
  return {
    expr: `ALERTS{alertstate="firing",sloth_id="${id}"}`,
    eval_time: promDuration(at),
    exp_samples: severities.map(s => ({
      labels: `ALERTS{alertname="${
        alertName[s]
      }",alertstate="firing",sloth_id="${id}",sloth_service="api",sloth_slo="${slothSlo}",team="payments"${
        s === 'no-data' ? '' : `,sloth_severity="${s}"`
      }}`,
      value: 1,
    })),
  };
}

const isDaytime = (m: number) => {
  const hour = Math.floor((m % 1440) / 60);
  return hour >= 8 && hour < 20;
};

function dayNightErrorRatio(badStart: boolean, m: number): number {
  if (badStart && m >= 60 && m < 120) return 0.5;
  return isDaytime(m) ? 0.0001 : 0.004;
}

jest.setTimeout(60_000);

let dir: string;
/** The groups in the generator's order: SLI ratios, period, metadata, then alerts. */
const groupOrder: Record<string, string[]> = {};

beforeAll(async () => {
  await ensurePromtool();
  dir = await mkdtemp(path.join(tmpdir(), 'reliability-promtool-'));
  // One rule file per SLO: promtool evaluates every rule of its files at every step, and
  // a test needs only its SLO's.
  for (const target of [SLO_7D, SLO_28D]) {
    const { groups, problems } = generatePrometheusRules([{ slo: target }], {
      portalBaseUrl: 'https://portal.example.com',
    });
    if (problems.length > 0) throw new Error(JSON.stringify(problems));
    const file = `${target.metadata.name}.rules.yaml`;
    groupOrder[file] = groups.map(g => g.name);
    await writeFile(path.join(dir, file), renderPrometheusRules(groups));
  }
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function runTests(
  name: string,
  target: OpenSloSlo,
  tests: unknown[],
): Promise<string> {
  const file = path.join(dir, `${name}.test.yaml`);
  const rules = `${target.metadata.name}.rules.yaml`;
  await writeFile(
    file,
    stringify(
      {
        rule_files: [rules],
        evaluation_interval: '5m',
        // Prometheus runs groups concurrently, so an alert may see ratios one evaluation
        // old; promtool runs them in this order, so each evaluation sees fresh ratios.
        group_eval_order: groupOrder[rules],
        tests,
      },
      { lineWidth: 0 },
    ),
  );
  const { code, output } = await promtool(['test', 'rules', file]);
  if (code !== 0) throw new Error(`promtool test rules ${name}:\n${output}`);
  return output;
}

describe('generated rules in promtool', () => {
  it('pages during an incident and not before it, with the engine’s ratios (7-day window)', async () => {
    // 100 requests a minute, 0.02 % failing; from day 2 on, 30 minutes at 5.5 %. Fifteen
    // minutes in, the hour's ratio is 1.38 %: above the 7-day window's page factor
    // (13.44 × 0.1 % budget, scaled as the engine scales it), below the Workbook's 14.4×.
    const incident = 2 * 1440;
    const scenario: Scenario = {
      job: 'api7',
      ...minutes(incident + 60, m => ({
        events: 100,
        errorRatio: m >= incident && m < incident + 30 ? 0.055 : 0.0002,
      })),
    };
    const before = incident * MINUTE;
    const early = (incident + 10) * MINUTE;
    const during = (incident + 15) * MINUTE;
    const atStart = agreesWithEngine(SLO_7D, ID_7D, scenario, before);
    const atEarly = agreesWithEngine(SLO_7D, ID_7D, scenario, early);
    const atDuring = agreesWithEngine(SLO_7D, ID_7D, scenario, during);
    // The engine agrees on what should fire.
    expect(atStart.evaluation.alerts.some(a => a.firing)).toBe(false);
    expect(atEarly.evaluation.alerts.some(a => a.firing)).toBe(false);
    expect(
      atDuring.evaluation.alerts.filter(a => a.firing).map(a => a.severity),
    ).toContain('page');
    expect(
      await runTests('page', SLO_7D, [
        {
          interval: `${scenario.step}m`,
          input_series: inputSeries(scenario),
          promql_expr_test: [
            ...atStart.checks,
            ...atEarly.checks,
            ...atDuring.checks,
            firing(ID_7D, before, []),
            firing(ID_7D, early, []),
            firing(ID_7D, during, ['page']),
          ],
          // What Alertmanager receives: the annotations rendered by Prometheus.
          alert_rule_test: [
            {
              eval_time: promDuration(during),
              alertname: PROMETHEUS_PAGE_ALERT,
              exp_alerts: [
                {
                  exp_labels: {
                    sloth_id: ID_7D,
                    sloth_service: 'api',
                    sloth_slo: 'api-7d',
                    sloth_severity: 'page',
                    team: 'payments',
                  },
                  exp_annotations: {
                    title: 'API availability (7d)',
                    summary: `Fast burn of the error budget of api api-7d: ${humanizePercentage(
                      atDuring.evaluation.burnRates['1h']! * 0.001,
                    )} errors`,
                    budget_left: humanizePercentage(
                      atDuring.evaluation.errorBudget.remaining,
                    ),
                    portal_url:
                      'https://portal.example.com/reliability/slos/default/api-7d',
                  },
                },
              ],
            },
          ],
        },
      ]),
    ).toContain('SUCCESS');
  });

  it('opens a ticket on a slow burn, without paging (28-day window)', async () => {
    // 60 requests a minute, 0.01 % failing; from day 1 on, 0.105 % failing. At 3.75 days
    // the 3-day ratio is 0.097 %: above the 28-day window's slow-ticket factor (0.93× the
    // 0.1 % budget), below the Workbook's 1×; far below any page factor.
    const burnFrom = 1440;
    const end = 3.75 * 1440;
    const scenario: Scenario = {
      job: 'api28',
      ...minutes(
        end / 5,
        m => ({
          events: 60,
          errorRatio: m >= burnFrom ? 0.00105 : 0.0001,
        }),
        5,
      ),
    };
    const quiet = 2 * DAY;
    const burning = end * MINUTE;
    const atQuiet = agreesWithEngine(SLO_28D, ID_28D, scenario, quiet);
    const atBurning = agreesWithEngine(SLO_28D, ID_28D, scenario, burning);
    expect(atQuiet.evaluation.alerts.some(a => a.firing)).toBe(false);
    expect(
      atBurning.evaluation.alerts.filter(a => a.firing).map(a => a.severity),
    ).toEqual(['ticket']);
    expect(
      await runTests('ticket', SLO_28D, [
        {
          interval: `${scenario.step}m`,
          input_series: inputSeries(scenario),
          promql_expr_test: [
            ...atQuiet.checks,
            ...atBurning.checks,
            firing(ID_28D, quiet, []),
            firing(ID_28D, burning, ['ticket']),
          ],
        },
      ]),
    ).toContain('SUCCESS');
  });

  it('weighs the period’s errors by events under day and night traffic (7-day and 28-day windows)', async () => {
    // 200 requests a minute by day with 0.01 % failing, 20 by night with 0.4 % failing:
    // bad ÷ all events is 0.045 %, while the mean of 5-minute ratios (Sloth's period
    // ratio) is 0.2 %. The 7-day SLO also had a bad first hour, which has left its window
    // on day 8.
    const days = 8;
    const traffic =
      (badStart: boolean): Traffic =>
      m => ({
        events: isDaytime(m) ? 200 : 20,
        errorRatio: dayNightErrorRatio(badStart, m),
      });
    const week: Scenario = {
      job: 'api7',
      ...minutes((days * 1440) / 5, traffic(true), 5),
    };
    const month: Scenario = {
      job: 'api28',
      ...minutes((3 * 1440) / 5, traffic(false), 5),
    };
    const weekAt = days * DAY;
    const monthAt = 3 * DAY;
    const weekly = agreesWithEngine(SLO_7D, ID_7D, week, weekAt);
    const monthly = agreesWithEngine(SLO_28D, ID_28D, month, monthAt);
    // Event-weighted: far from the mean of ratios, and the bad hour is out of the window.
    expect(1 - monthly.evaluation.sli!).toBeCloseTo(72 / 158400, 6);
    expect(1 - weekly.evaluation.sli!).toBeCloseTo(72 / 158400, 5);
    expect(monthly.evaluation.errorBudget.remaining).toBeCloseTo(0.545, 3);
    const [weekRun, monthRun] = await Promise.all([
      runTests('period-7d', SLO_7D, [
        {
          interval: '5m',
          input_series: inputSeries(week),
          promql_expr_test: weekly.checks,
        },
      ]),
      runTests('period-28d', SLO_28D, [
        {
          interval: '5m',
          input_series: inputSeries(month),
          promql_expr_test: [
            ...monthly.checks,
            // And Sloth's average of 5-minute ratios would say otherwise.
            {
              expr: `count(avg_over_time(slo:sli_error:ratio_rate5m${selector(
                ID_28D,
              )}[28d]) > 0.0015)`,
              eval_time: promDuration(monthAt),
              exp_samples: [{ labels: '{}', value: 1 }],
            },
          ],
        },
      ]),
    ]);
    expect(weekRun).toContain('SUCCESS');
    expect(monthRun).toContain('SUCCESS');
  });

  it('raises the no-data alert when the SLI’s series stop', async () => {
    const scenario: Scenario = {
      job: 'api7',
      ...minutes(120, () => ({ events: 100, errorRatio: 0 })),
    };
    expect(
      await runTests('no-data', SLO_7D, [
        {
          interval: `${scenario.step}m`,
          input_series: inputSeries(scenario),
          promql_expr_test: [
            firing(ID_7D, 2 * HOUR, []),
            firing(ID_7D, 2 * HOUR + 30 * MINUTE, ['no-data']),
          ],
        },
      ]),
    ).toContain('SUCCESS');
  });
});

describe('promtool check rules', () => {
  it('accepts the rules of every kind of SLI and window the generator expresses', async () => {
    const q = (metric: string) =>
      `sum(increase(${metric}{job="api"}[{{bucket}}]))`;
    const variants: Array<[string, Partial<OpenSloSlo['spec']>]> = [
      ['ratio-timeslices', { budgetingMethod: 'RatioTimeslices' }],
      ['timeslices', { budgetingMethod: 'Timeslices' }],
      [
        'calendar',
        {
          timeWindow: [
            {
              duration: '1Q',
              isRolling: false,
              calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' },
            },
          ],
        },
      ],
    ];
    const slos = variants.map(([name, spec]) => {
      const doc = slo(name, 'api', '28d', 0.99, 'good');
      Object.assign(doc.spec, spec);
      if (doc.spec.budgetingMethod !== 'Occurrences') {
        doc.spec.objectives = [
          {
            target: 0.99,
            timeSliceWindow: '5m',
            ...(doc.spec.budgetingMethod === 'Timeslices'
              ? { timeSliceTarget: 0.95 }
              : {}),
          },
        ];
      }
      return doc;
    });
    const raw = slo('raw', 'api', '7d', 0.99, 'good');
    raw.spec.indicator!.spec.ratioMetric = {
      rawType: 'failure',
      raw: {
        metricSource: {
          type: 'Prometheus',
          spec: { query: `${q('errors_total')} / ${q('requests_total')}` },
        },
      },
    };
    const latency = slo('latency', 'api', '28d', 0.99, 'good');
    latency.spec.budgetingMethod = 'Timeslices';
    latency.spec.indicator!.spec = {
      thresholdMetric: {
        metricSource: {
          type: 'Prometheus',
          spec: {
            query:
              'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="api"}[{{bucket}}])))',
          },
        },
      },
    };
    latency.spec.objectives = [
      {
        displayName: 'p99 under 300 ms',
        op: 'lt',
        value: 0.3,
        target: 0.99,
        timeSliceTarget: 1,
        timeSliceWindow: '1m',
      },
      {
        displayName: 'p99 under 1 s',
        op: 'lte',
        value: 1,
        target: 0.999,
        timeSliceTarget: 1,
        timeSliceWindow: 1,
      },
    ];
    const { groups, problems } = generatePrometheusRules(
      [...slos, raw, latency].map(s => ({
        slo: s,
        runbookUrl: 'https://runbooks.example.com/api',
      })),
      { portalBaseUrl: 'https://portal.example.com' },
    );
    expect(problems).toEqual([]);
    for (const format of ['rules', 'prometheus-rule'] as const) {
      const file = path.join(dir, `check-${format}.yaml`);
      let text = renderPrometheusRules(groups, { format });
      if (format === 'prometheus-rule') {
        // promtool reads rule files: check the resource's spec, as the operator loads it.
        text = stringify(parse(text).spec, { lineWidth: 0 });
      }
      await writeFile(file, text);
      const { code, output } = await promtool(['check', 'rules', file]);
      expect({ code, output }).toEqual({
        code: 0,
        output: expect.stringContaining(
          `SUCCESS: ${groups.reduce(
            (n, g) => n + g.rules.length,
            0,
          )} rules found`,
        ),
      });
    }
  });
});

describe('time slices in promtool', () => {
  it('judges each minute of a threshold SLI and pages on a run of bad minutes', async () => {
    // A queue's depth, good below 100; 30 minutes at 500 from minute 600.
    const latency = slo('queue', 'orders', '7d', 0.99, 'good');
    latency.spec.budgetingMethod = 'Timeslices';
    latency.spec.indicator!.spec = {
      thresholdMetric: {
        metricSource: {
          type: 'Prometheus',
          spec: {
            query: 'max_over_time(queue_depth{queue="orders"}[{{bucket}}])',
          },
        },
      },
    };
    latency.spec.objectives = [
      {
        displayName: 'short',
        op: 'lt',
        value: 100,
        target: 0.99,
        timeSliceTarget: 1,
        timeSliceWindow: '1m',
      },
    ];
    const { groups, problems } = generatePrometheusRules([{ slo: latency }]);
    expect(problems).toEqual([]);
    await writeFile(
      path.join(dir, 'slices.yaml'),
      renderPrometheusRules(groups),
    );
    const depth = Array.from({ length: 721 }, (_, m) =>
      m >= 600 && m < 630 ? 500 : 10,
    );
    const id = 'api-queue';
    const ratio = (w: string) =>
      `slo:sli_error:ratio_rate${w}{sloth_id="${id}"}`;
    const file = path.join(dir, 'slices.test.yaml');
    await writeFile(
      file,
      stringify(
        {
          rule_files: ['slices.yaml'],
          // Every minute, so each evaluation judges the minute that just ended.
          evaluation_interval: '1m',
          group_eval_order: groups.map(g => g.name),
          tests: [
            {
              interval: '1m',
              input_series: [
                {
                  series: 'queue_depth{queue="orders"}',
                  values: depth.join(' '),
                },
              ],
              promql_expr_test: [
                // Prometheus 2.x ranges include both ends: the slices judged at minutes
                // 600 … 630 see a bad sample, 31 of the 61 samples of the last hour at 660.
                near(ratio('1h'), 31 / 61, 1e-9, 660 * MINUTE),
                near(ratio('5m'), 0, 1e-9, 600 * MINUTE - MINUTE),
                near(ratio('7d'), 31 / 661, 1e-9, 660 * MINUTE),
                firing(id, 599 * MINUTE, []),
                // 16 bad minutes of the last hour (0.26 ≥ 13.44 × 1 %) and the last 5
                // minutes all bad: a page; 16 of the last 6 hours' 361 (0.044 ≥ 0.93 × 1 %)
                // with 16 of the last 3 days' 616 (0.026): a ticket too.
                firing(id, 615 * MINUTE, ['page', 'ticket']),
              ],
            },
          ],
        },
        { lineWidth: 0 },
      ),
    );
    const { code, output } = await promtool(['test', 'rules', file]);
    expect({ code, output }).toEqual({
      code: 0,
      output: expect.stringContaining('SUCCESS'),
    });
  });
});
