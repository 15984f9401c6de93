// expectProblem wraps expect(...).toEqual; tell the rule so.
/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectProblem"] }] */
import { checkOpenSloDocument, validateOpenSloDocument } from './validate';
import {
  alertPolicy,
  availabilitySlo,
  calendarSlo,
  compositeSlo,
  latencySlo,
  ratioTimeslicesSlo,
} from './__fixtures__/documents';

function problemsOf(make: () => any, mutate: (doc: any) => void) {
  const doc = make();
  mutate(doc);
  return validateOpenSloDocument(doc);
}

/** Expects exactly one problem: one message per problem, no cascade. */
function expectProblem(
  make: () => any,
  mutate: (doc: any) => void,
  path: string,
  message: string,
) {
  expect(problemsOf(make, mutate)).toEqual([{ path, message }]);
}

const DNS_LABEL =
  "a DNS label (at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit)";

describe('validateOpenSloDocument: SLO', () => {
  it('reports unknown spec fields, naming the expected ones', () => {
    expectProblem(
      availabilitySlo,
      d => {
        d.spec.budgetMethod = d.spec.budgetingMethod;
      },
      'spec.budgetMethod',
      'unknown field (expected one of: description, service, indicator, indicatorRef, timeWindow, budgetingMethod, objectives, alertPolicies)',
    );
  });

  describe('service', () => {
    it('is required', () => {
      expectProblem(
        availabilitySlo,
        d => delete d.spec.service,
        'spec.service',
        'required',
      );
    });

    it.each([
      'checkout',
      'component:checkout',
      'system:default/payments',
      'Component:Checkout_2',
    ])('accepts the entity reference %p', service => {
      expect(
        problemsOf(availabilitySlo, d => (d.spec.service = service)),
      ).toEqual([]);
    });

    it.each(['a:b:c', 'check out', 'x/', ':checkout', 'a/b/c'])(
      'rejects %p, which is not an entity reference',
      service => {
        expectProblem(
          availabilitySlo,
          d => (d.spec.service = service),
          'spec.service',
          `must be a Backstage entity reference, [kind:][namespace/]name (kind defaults to Component), e.g. checkout or system:default/payments; got '${service}'`,
        );
      },
    );

    it('must be a string', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.service = { name: 'checkout' }),
        'spec.service',
        'must be a non-empty string; got an object',
      );
    });
  });

  describe('indicator', () => {
    it('requires exactly one of indicator or indicatorRef', () => {
      expectProblem(
        availabilitySlo,
        d => delete d.spec.indicator,
        'spec',
        'exactly one of indicator or indicatorRef is required',
      );
      expectProblem(
        availabilitySlo,
        d => (d.spec.indicatorRef = 'checkout-good-requests'),
        'spec',
        'exactly one of indicator or indicatorRef is required; got both',
      );
    });

    it('requires indicatorRef to be a name', () => {
      expectProblem(
        calendarSlo,
        d => (d.spec.indicatorRef = 'Search Success'),
        'spec.indicatorRef',
        `must be ${DNS_LABEL}; got 'Search Success'`,
      );
    });

    it('requires an inline indicator to be { metadata, spec }', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.indicator = 'checkout-good-requests'),
        'spec.indicator',
        "must be an object with metadata and spec (an inline SLI); got 'checkout-good-requests'",
      );
      expectProblem(
        availabilitySlo,
        d => delete d.spec.indicator.spec,
        'spec.indicator.spec',
        'required',
      );
      expectProblem(
        availabilitySlo,
        d => delete d.spec.indicator.metadata.name,
        'spec.indicator.metadata.name',
        'required',
      );
      expectProblem(
        availabilitySlo,
        d => (d.spec.indicator.kind = 'SLI'),
        'spec.indicator.kind',
        'unknown field (expected one of: metadata, spec)',
      );
    });

    it("checks the inline indicator's SLI spec, with its full path", () => {
      expectProblem(
        availabilitySlo,
        d => delete d.spec.indicator.spec.ratioMetric.total,
        'spec.indicator.spec.ratioMetric.total',
        'required',
      );
    });
  });

  describe('composite SLOs', () => {
    it('refuse an indicator on the SLO as well', () => {
      expectProblem(
        compositeSlo,
        d => (d.spec.indicatorRef = 'storefront'),
        'spec',
        'indicator or indicatorRef must be given either on the SLO or on every objective (a composite SLO), not both',
      );
    });

    it('require an indicator on every objective', () => {
      expectProblem(
        compositeSlo,
        d => delete d.spec.objectives[1].indicator,
        'spec.objectives[1]',
        'exactly one of indicator or indicatorRef is required (in a composite SLO every objective names its indicator)',
      );
      expectProblem(
        compositeSlo,
        d => (d.spec.objectives[1].indicatorRef = 'pay-success'),
        'spec.objectives[1]',
        'exactly one of indicator or indicatorRef is required; got both (in a composite SLO every objective names its indicator)',
      );
    });

    it("check each objective's indicator", () => {
      expectProblem(
        compositeSlo,
        d => (d.spec.objectives[0].indicatorRef = 'Browse'),
        'spec.objectives[0].indicatorRef',
        `must be ${DNS_LABEL}; got 'Browse'`,
      );
      expectProblem(
        compositeSlo,
        d => delete d.spec.objectives[1].indicator.spec.ratioMetric.rawType,
        'spec.objectives[1].indicator.spec.ratioMetric.rawType',
        'required when raw is given (success or failure)',
      );
    });

    it('require a positive compositeWeight', () => {
      expectProblem(
        compositeSlo,
        d => (d.spec.objectives[0].compositeWeight = 0),
        'spec.objectives[0].compositeWeight',
        'must be a number greater than 0; got 0',
      );
    });

    it('are the only place for compositeWeight', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.objectives[0].compositeWeight = 1),
        'spec.objectives[0].compositeWeight',
        'only allowed in a composite SLO (objectives with their own indicator or indicatorRef)',
      );
    });
  });

  describe('budgetingMethod', () => {
    it('is required', () => {
      expectProblem(
        availabilitySlo,
        d => delete d.spec.budgetingMethod,
        'spec.budgetingMethod',
        'required',
      );
    });

    it('is one of the three methods', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.budgetingMethod = 'occurrences'),
        'spec.budgetingMethod',
        "must be one of: Occurrences, Timeslices, RatioTimeslices; got 'occurrences'",
      );
    });
  });

  describe('timeWindow', () => {
    it('is required', () => {
      expectProblem(
        availabilitySlo,
        d => delete d.spec.timeWindow,
        'spec.timeWindow',
        'required',
      );
    });

    it('is a list', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.timeWindow = { duration: '28d', isRolling: true }),
        'spec.timeWindow',
        'must be an array; got an object',
      );
    });

    it.each([0, 2])('has exactly one item, not %p', count => {
      expectProblem(
        availabilitySlo,
        d => {
          d.spec.timeWindow = Array.from({ length: count }, () => ({
            duration: '28d',
            isRolling: true,
          }));
        },
        'spec.timeWindow',
        `must have exactly one item (a rolling or a calendar-aligned window); got ${count}`,
      );
    });

    it('has an object item', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.timeWindow = ['28d']),
        'spec.timeWindow[0]',
        "must be an object with duration, isRolling and calendar; got '28d'",
      );
    });

    it('reports unknown fields of the item', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.timeWindow[0].rolling = true),
        'spec.timeWindow[0].rolling',
        'unknown field (expected one of: duration, isRolling, calendar)',
      );
    });

    it('requires duration', () => {
      expectProblem(
        availabilitySlo,
        d => delete d.spec.timeWindow[0].duration,
        'spec.timeWindow[0].duration',
        'required',
      );
    });

    it.each(['28 days', '0d', '30s', 28])(
      'rejects the duration %p',
      duration => {
        expectProblem(
          availabilitySlo,
          d => (d.spec.timeWindow[0].duration = duration),
          'spec.timeWindow[0].duration',
          `must be a duration: a positive integer followed by m, h, d, w, M, Q or Y; got ${
            typeof duration === 'string' ? `'${duration}'` : duration
          }`,
        );
      },
    );

    it('requires a fixed-length duration for a rolling window', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.timeWindow[0].duration = '1M'),
        'spec.timeWindow[0].duration',
        "must be a fixed length for a rolling window, in m, h, d or w (months, quarters and years are calendar windows); got '1M'",
      );
    });

    it('rejects a rolling window too long to count in milliseconds', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.timeWindow[0].duration = '999999999999999w'),
        'spec.timeWindow[0].duration',
        "must be a shorter duration; got '999999999999999w'",
      );
    });

    it('requires whole weeks, months, quarters or years for a calendar window', () => {
      expectProblem(
        calendarSlo,
        d => (d.spec.timeWindow[0].duration = '30d'),
        'spec.timeWindow[0].duration',
        "must be whole calendar periods for a calendar window, in w, M, Q or Y (e.g. 1M); use isRolling: true for a window of days; got '30d'",
      );
    });

    it('requires isRolling when there is no calendar', () => {
      expectProblem(
        availabilitySlo,
        d => delete d.spec.timeWindow[0].isRolling,
        'spec.timeWindow[0].isRolling',
        'required (true for a rolling window, or false with a calendar for a calendar-aligned window)',
      );
    });

    it('takes an omitted isRolling as false when a calendar is given', () => {
      expect(
        problemsOf(calendarSlo, d => delete d.spec.timeWindow[0].isRolling),
      ).toEqual([]);
    });

    it('requires isRolling to be a boolean', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.timeWindow[0].isRolling = 'true'),
        'spec.timeWindow[0].isRolling',
        "must be true or false; got 'true'",
      );
    });

    it('refuses a calendar on a rolling window', () => {
      expectProblem(
        calendarSlo,
        d => {
          d.spec.timeWindow[0].isRolling = true;
          d.spec.timeWindow[0].duration = '4w';
        },
        'spec.timeWindow[0].calendar',
        'must not be given when isRolling is true (a rolling window has no calendar)',
      );
    });

    it('requires a calendar when isRolling is false', () => {
      expectProblem(
        calendarSlo,
        d => delete d.spec.timeWindow[0].calendar,
        'spec.timeWindow[0].calendar',
        'required when isRolling is false (a calendar-aligned window needs startTime and timeZone); for a rolling window set isRolling: true',
      );
    });

    it('requires the calendar to be an object with known fields', () => {
      expectProblem(
        calendarSlo,
        d => (d.spec.timeWindow[0].calendar = 'monthly'),
        'spec.timeWindow[0].calendar',
        "must be an object; got 'monthly'",
      );
      expectProblem(
        calendarSlo,
        d => (d.spec.timeWindow[0].calendar.timezone = 'UTC'),
        'spec.timeWindow[0].calendar.timezone',
        'unknown field (expected one of: startTime, timeZone)',
      );
    });

    it('requires timeZone, an IANA zone', () => {
      expectProblem(
        calendarSlo,
        d => delete d.spec.timeWindow[0].calendar.timeZone,
        'spec.timeWindow[0].calendar.timeZone',
        'required',
      );
      expectProblem(
        calendarSlo,
        d => (d.spec.timeWindow[0].calendar.timeZone = 'America/Gotham'),
        'spec.timeWindow[0].calendar.timeZone',
        "must be an IANA time zone name such as America/New_York; got 'America/Gotham'",
      );
    });

    it('requires startTime, a date-time', () => {
      expectProblem(
        calendarSlo,
        d => delete d.spec.timeWindow[0].calendar.startTime,
        'spec.timeWindow[0].calendar.startTime',
        'required',
      );
      expectProblem(
        calendarSlo,
        d => (d.spec.timeWindow[0].calendar.startTime = '2022-02-30 12:00:00'),
        'spec.timeWindow[0].calendar.startTime',
        "must be a date-time such as '2022-01-01 12:00:00' (local time in timeZone) or ISO 8601; got '2022-02-30 12:00:00'",
      );
    });

    it('explains a start time a YAML parser turned into a date', () => {
      expectProblem(
        calendarSlo,
        d => (d.spec.timeWindow[0].calendar.startTime = new Date(0)),
        'spec.timeWindow[0].calendar.startTime',
        "must be a string such as '2022-01-01 12:00:00'; got a date (quote it in YAML)",
      );
    });

    it('accepts an ISO 8601 start time', () => {
      expect(
        problemsOf(calendarSlo, d => {
          d.spec.timeWindow[0].calendar.startTime = '2022-01-01T12:00:00-05:00';
        }),
      ).toEqual([]);
    });

    it('does not blame a good start time for a bad zone', () => {
      expect(
        problemsOf(calendarSlo, d => {
          d.spec.timeWindow[0].calendar.timeZone = 'Nowhere';
        }).map(p => p.path),
      ).toEqual(['spec.timeWindow[0].calendar.timeZone']);
    });
  });

  describe('objectives', () => {
    it('are required and not empty', () => {
      expectProblem(
        availabilitySlo,
        d => delete d.spec.objectives,
        'spec.objectives',
        'required',
      );
      expectProblem(
        availabilitySlo,
        d => (d.spec.objectives = []),
        'spec.objectives',
        'must list at least one objective',
      );
    });

    it('are objects with known fields', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.objectives = [0.999]),
        'spec.objectives[0]',
        'must be an object; got 0.999',
      );
      expectProblem(
        availabilitySlo,
        d => (d.spec.objectives[0].timeSliceWindows = '1m'),
        'spec.objectives[0].timeSliceWindows',
        'unknown field (expected one of: displayName, op, value, target, targetPercent, timeSliceTarget, timeSliceWindow, indicator, indicatorRef, compositeWeight)',
      );
    });

    it('have a non-empty displayName', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.objectives[0].displayName = ' '),
        'spec.objectives[0].displayName',
        "must be a non-empty string; got ' '",
      );
    });

    it('require exactly one of target or targetPercent', () => {
      expectProblem(
        availabilitySlo,
        d => delete d.spec.objectives[0].targetPercent,
        'spec.objectives[0]',
        'exactly one of target or targetPercent is required',
      );
      expectProblem(
        availabilitySlo,
        d => (d.spec.objectives[0].target = 0.999),
        'spec.objectives[0]',
        'exactly one of target or targetPercent is required; got both',
      );
    });

    it.each([
      [1.5, '1.5'],
      [1, '1'],
      [0, '0'],
      [-0.1, '-0.1'],
      ['0.99', "'0.99'"],
      [null, 'null'],
    ])('require target in (0, 1), not %p', (target, got) => {
      expectProblem(
        latencySlo,
        d => (d.spec.objectives[0].target = target),
        'spec.objectives[0].target',
        `must be a number between 0 and 1 (exclusive); got ${got}`,
      );
    });

    it.each([100, 0, 150])(
      'require targetPercent in (0, 100), not %p',
      percent => {
        expectProblem(
          availabilitySlo,
          d => (d.spec.objectives[0].targetPercent = percent),
          'spec.objectives[0].targetPercent',
          `must be a number between 0 and 100 (exclusive); got ${percent}`,
        );
      },
    );

    it('require op to be a comparison', () => {
      expectProblem(
        latencySlo,
        d => (d.spec.objectives[0].op = 'le'),
        'spec.objectives[0].op',
        "must be one of: lt, lte, gt, gte; got 'le'",
      );
    });

    it('require value to be a number', () => {
      expectProblem(
        latencySlo,
        d => (d.spec.objectives[0].value = '300ms'),
        'spec.objectives[0].value',
        "must be a number; got '300ms'",
      );
    });

    it('require op and value together', () => {
      expectProblem(
        latencySlo,
        d => delete d.spec.objectives[0].value,
        'spec.objectives[0].value',
        'required when op is given',
      );
      expectProblem(
        latencySlo,
        d => delete d.spec.objectives[0].op,
        'spec.objectives[0].op',
        'required when value is given (one of: lt, lte, gt, gte)',
      );
    });

    it('require op and value with a thresholdMetric indicator', () => {
      expectProblem(
        latencySlo,
        d => {
          delete d.spec.objectives[0].op;
          delete d.spec.objectives[0].value;
        },
        'spec.objectives[0]',
        'op and value are required with a thresholdMetric indicator (they define a good value)',
      );
    });

    // "Only needed when using a thresholdMetric" (the spec): before issue [10] an op
    // without value was an error with a ratio SLI too, as in the spec's own example.
    it('warn, not fail, when op or value is given with a ratioMetric indicator', () => {
      const doc = availabilitySlo();
      doc.spec.objectives[0].op = 'gt';
      expect(checkOpenSloDocument(doc)).toEqual({
        errors: [],
        warnings: [
          {
            path: 'spec.objectives[0].op',
            message:
              'has no effect with a ratioMetric indicator (op and value compare the values of a thresholdMetric); it is ignored',
          },
        ],
      });
      doc.spec.objectives[0].value = 0.5;
      expect(checkOpenSloDocument(doc).warnings.map(w => w.path)).toEqual([
        'spec.objectives[0].op',
        'spec.objectives[0].value',
      ]);
      expect(checkOpenSloDocument(availabilitySlo()).warnings).toEqual([]);
    });

    it('still refuse a malformed op or value with a ratioMetric indicator', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.objectives[0].op = 'greater'),
        'spec.objectives[0].op',
        "must be one of: lt, lte, gt, gte; got 'greater'",
      );
      expectProblem(
        availabilitySlo,
        d => (d.spec.objectives[0].value = 'high'),
        'spec.objectives[0].value',
        "must be a number; got 'high'",
      );
    });

    it('warn of a lone op or value when the indicator is only referenced', () => {
      const doc = availabilitySlo();
      delete doc.spec.indicator;
      doc.spec.indicatorRef = 'checkout-good-requests';
      doc.spec.objectives[0].op = 'gt';
      expect(checkOpenSloDocument(doc)).toEqual({
        errors: [],
        warnings: [
          {
            path: 'spec.objectives[0].value',
            message:
              'required when op is given if its indicator is a thresholdMetric (a ratioMetric ignores both)',
          },
        ],
      });
      doc.spec.objectives[0].value = 300;
      expect(checkOpenSloDocument(doc)).toEqual({ errors: [], warnings: [] });
    });

    it('have unique names', () => {
      expectProblem(
        availabilitySlo,
        d => {
          d.spec.objectives.push({
            displayName: 'Good requests',
            target: 0.99,
          });
        },
        'spec.objectives[1].displayName',
        "duplicate objective name 'Good requests', also used by spec.objectives[0] (an objective is named by its displayName, or objective-<position> without one); objective names must be unique within an SLO",
      );
    });

    it('have unique names, counting the default objective-<position>', () => {
      expectProblem(
        calendarSlo,
        d => (d.spec.objectives[0].displayName = 'objective-2'),
        'spec.objectives[1]',
        "duplicate objective name 'objective-2', also used by spec.objectives[0] (an objective is named by its displayName, or objective-<position> without one); objective names must be unique within an SLO",
      );
    });
  });

  describe('time slices', () => {
    it('Timeslices requires timeSliceTarget', () => {
      expectProblem(
        latencySlo,
        d => delete d.spec.objectives[0].timeSliceTarget,
        'spec.objectives[0].timeSliceTarget',
        'required when budgetingMethod is Timeslices (the fraction of good events that makes a slice good)',
      );
    });

    it.each([
      [0, '0'],
      [1.01, '1.01'],
      ['95%', "'95%'"],
    ])('timeSliceTarget is in (0, 1], not %p', (value, got) => {
      expectProblem(
        latencySlo,
        d => (d.spec.objectives[0].timeSliceTarget = value),
        'spec.objectives[0].timeSliceTarget',
        `must be a number greater than 0 and at most 1; got ${got}`,
      );
    });

    it('timeSliceTarget may be 1', () => {
      expect(
        problemsOf(latencySlo, d => (d.spec.objectives[0].timeSliceTarget = 1)),
      ).toEqual([]);
    });

    it('timeSliceTarget is refused by the other methods', () => {
      expectProblem(
        ratioTimeslicesSlo,
        d => (d.spec.objectives[0].timeSliceTarget = 0.9),
        'spec.objectives[0].timeSliceTarget',
        'only used with budgetingMethod Timeslices; got budgetingMethod RatioTimeslices',
      );
    });

    it.each([
      [latencySlo, 'Timeslices'],
      [ratioTimeslicesSlo, 'RatioTimeslices'],
    ])('%p requires timeSliceWindow', (make, method) => {
      expectProblem(
        make,
        d => delete d.spec.objectives[0].timeSliceWindow,
        'spec.objectives[0].timeSliceWindow',
        `required when budgetingMethod is ${method} (the length of a time slice, e.g. 1m)`,
      );
    });

    it.each([
      ['1M', "'1M'"],
      ['0m', "'0m'"],
      ['1 minute', "'1 minute'"],
      [1.5, '1.5'],
      [0, '0'],
      [-5, '-5'],
    ])(
      'timeSliceWindow is a fixed duration or whole minutes, not %p',
      (value, got) => {
        expectProblem(
          latencySlo,
          d => (d.spec.objectives[0].timeSliceWindow = value),
          'spec.objectives[0].timeSliceWindow',
          `must be a duration (a positive integer followed by s, m, h, d or w) or a whole number of minutes; got ${got}`,
        );
      },
    );

    it.each(['30s', '5m', '1h', 10])('timeSliceWindow may be %p', value => {
      expect(
        problemsOf(
          latencySlo,
          d => (d.spec.objectives[0].timeSliceWindow = value),
        ),
      ).toEqual([]);
    });

    it('timeSliceWindow is at most the rolling window', () => {
      expectProblem(
        latencySlo,
        d => (d.spec.objectives[0].timeSliceWindow = '8d'),
        'spec.objectives[0].timeSliceWindow',
        "must be at most the time window (7d); got '8d'",
      );
    });

    it('timeSliceWindow is refused by Occurrences', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.objectives[0].timeSliceWindow = '1m'),
        'spec.objectives[0].timeSliceWindow',
        'only used with budgetingMethod Timeslices or RatioTimeslices; got budgetingMethod Occurrences',
      );
    });
  });

  describe('alertPolicies', () => {
    it('is a list', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.alertPolicies = 'fast-burn'),
        'spec.alertPolicies',
        "must be an array; got 'fast-burn'",
      );
    });

    it('holds references or inline policies', () => {
      expect(
        problemsOf(availabilitySlo, d => {
          const { apiVersion, ...inline } = alertPolicy();
          d.spec.alertPolicies.push(inline);
        }),
      ).toEqual([]);
    });

    it('requires exactly one of a reference or an inline policy', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.alertPolicies = [{ alertPolicy: 'fast-burn' }]),
        'spec.alertPolicies[0]',
        'exactly one of alertPolicyRef or an inline AlertPolicy (kind, metadata, spec) is required',
      );
      expectProblem(
        availabilitySlo,
        d => (d.spec.alertPolicies[0].kind = 'AlertPolicy'),
        'spec.alertPolicies[0]',
        'exactly one of alertPolicyRef or an inline AlertPolicy (kind, metadata, spec) is required; got both',
      );
    });

    it('requires a reference to be a name', () => {
      expectProblem(
        availabilitySlo,
        d => (d.spec.alertPolicies[0].alertPolicyRef = 'Fast Burn'),
        'spec.alertPolicies[0].alertPolicyRef',
        `must be ${DNS_LABEL}; got 'Fast Burn'`,
      );
    });

    it('checks an inline policy, with its full path', () => {
      expectProblem(
        availabilitySlo,
        d => {
          const { apiVersion, ...inline } = alertPolicy();
          inline.kind = 'AlertCondition';
          d.spec.alertPolicies = [inline];
        },
        'spec.alertPolicies[0].kind',
        "must be AlertPolicy; got 'AlertCondition'",
      );
    });
  });
});
