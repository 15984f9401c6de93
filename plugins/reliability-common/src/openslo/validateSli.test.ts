// expectProblem wraps expect(...).toEqual; tell the rule so.
/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectProblem"] }] */
import { validateOpenSloDocument } from './validate';
import { sli } from './__fixtures__/documents';

function expectProblem(
  mutate: (doc: any) => void,
  path: string,
  message: string,
) {
  const doc = sli();
  mutate(doc);
  expect(validateOpenSloDocument(doc)).toEqual([{ path, message }]);
}

function problemsOf(mutate: (doc: any) => void) {
  const doc = sli();
  mutate(doc);
  return validateOpenSloDocument(doc);
}

const prometheus = (query: string) => ({
  metricSource: { type: 'Prometheus', spec: { query } },
});

describe('validateOpenSloDocument: SLI', () => {
  it('reports unknown spec fields', () => {
    expectProblem(
      d => (d.spec.ratio = {}),
      'spec.ratio',
      'unknown field (expected one of: description, thresholdMetric, ratioMetric)',
    );
  });

  it('requires exactly one of thresholdMetric or ratioMetric', () => {
    expectProblem(
      d => delete d.spec.ratioMetric,
      'spec',
      'exactly one of thresholdMetric or ratioMetric is required',
    );
    expectProblem(
      d => (d.spec.thresholdMetric = prometheus('histogram_quantile(0.95, x)')),
      'spec',
      'exactly one of thresholdMetric or ratioMetric is required; got both',
    );
  });

  it('accepts a thresholdMetric', () => {
    expect(
      problemsOf(d => {
        delete d.spec.ratioMetric;
        d.spec.thresholdMetric = prometheus('histogram_quantile(0.95, x)');
      }),
    ).toEqual([]);
  });

  describe('ratioMetric', () => {
    it('is an object', () => {
      expectProblem(
        d => (d.spec.ratioMetric = 'good/total'),
        'spec.ratioMetric',
        "must be an object; got 'good/total'",
      );
    });

    it('reports unknown fields', () => {
      expectProblem(
        d => (d.spec.ratioMetric.numerator = prometheus('x')),
        'spec.ratioMetric.numerator',
        'unknown field (expected one of: counter, good, bad, total, rawType, raw)',
      );
    });

    it('needs some metric', () => {
      expectProblem(
        d => (d.spec.ratioMetric = { counter: true }),
        'spec.ratioMetric',
        'requires good or bad together with total, or raw together with rawType',
      );
    });

    it('needs exactly one of good or bad', () => {
      expectProblem(
        d => delete d.spec.ratioMetric.good,
        'spec.ratioMetric',
        'exactly one of good or bad is required',
      );
      expectProblem(
        d => (d.spec.ratioMetric.bad = prometheus('errors')),
        'spec.ratioMetric',
        'exactly one of good or bad is required; got both',
      );
    });

    it('accepts bad over total', () => {
      expect(
        problemsOf(d => {
          d.spec.ratioMetric.bad = d.spec.ratioMetric.good;
          delete d.spec.ratioMetric.good;
        }),
      ).toEqual([]);
    });

    it('needs total with good or bad', () => {
      expectProblem(
        d => delete d.spec.ratioMetric.total,
        'spec.ratioMetric.total',
        'required',
      );
    });

    // The spec's examples leave counter out; before issue [10] this test required it.
    it('takes counter as optional, but a boolean when given', () => {
      expect(problemsOf(d => delete d.spec.ratioMetric.counter)).toEqual([]);
      expectProblem(
        d => (d.spec.ratioMetric.counter = 'yes'),
        'spec.ratioMetric.counter',
        "must be true or false; got 'yes'",
      );
    });

    it('refuses rawType without raw', () => {
      expectProblem(
        d => (d.spec.ratioMetric.rawType = 'success'),
        'spec.ratioMetric.rawType',
        'only allowed together with raw',
      );
    });

    it('accepts raw with rawType, counter optional', () => {
      expect(
        problemsOf(d => {
          d.spec.ratioMetric = {
            rawType: 'failure',
            raw: prometheus('error_ratio'),
          };
        }),
      ).toEqual([]);
    });

    it('needs rawType with raw', () => {
      expectProblem(
        d => (d.spec.ratioMetric = { raw: prometheus('ratio') }),
        'spec.ratioMetric.rawType',
        'required when raw is given (success or failure)',
      );
      expectProblem(
        d => {
          d.spec.ratioMetric = { raw: prometheus('ratio'), rawType: 'good' };
        },
        'spec.ratioMetric.rawType',
        "must be one of: success, failure; got 'good'",
      );
    });

    it('refuses raw with good, bad or total', () => {
      expectProblem(
        d => {
          d.spec.ratioMetric.raw = prometheus('ratio');
          d.spec.ratioMetric.rawType = 'success';
        },
        'spec.ratioMetric',
        'raw cannot be combined with good, bad or total',
      );
    });
  });

  describe('metric sources', () => {
    it('are { metricSource }', () => {
      // A misplaced field is two facts: an unknown field, and a missing one.
      expect(
        problemsOf(d => (d.spec.ratioMetric.good = { query: 'x' })),
      ).toEqual([
        {
          path: 'spec.ratioMetric.good.query',
          message: 'unknown field (expected one of: metricSource)',
        },
        { path: 'spec.ratioMetric.good.metricSource', message: 'required' },
      ]);
      expectProblem(
        d => (d.spec.ratioMetric.good = {}),
        'spec.ratioMetric.good.metricSource',
        'required',
      );
      expectProblem(
        d => (d.spec.ratioMetric.good = 'sum(x)'),
        'spec.ratioMetric.good',
        "must be an object; got 'sum(x)'",
      );
    });

    it('report unknown fields', () => {
      expectProblem(
        d => (d.spec.ratioMetric.good.metricSource.query = 'x'),
        'spec.ratioMetric.good.metricSource.query',
        'unknown field (expected one of: metricSourceRef, type, spec)',
      );
    });

    it('need metricSourceRef or type', () => {
      expectProblem(
        d => {
          delete d.spec.ratioMetric.total.metricSource.type;
          delete d.spec.ratioMetric.total.metricSource.metricSourceRef;
        },
        'spec.ratioMetric.total.metricSource',
        'at least one of metricSourceRef (a DataSource name) or type (e.g. Prometheus) is required',
      );
    });

    it('need metricSourceRef to be a name', () => {
      expectProblem(
        d => (d.spec.ratioMetric.total.metricSource.metricSourceRef = 'My DS'),
        'spec.ratioMetric.total.metricSource.metricSourceRef',
        "must be a DNS label (at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit); got 'My DS'",
      );
    });

    // "anything that is valid YAML can be put here": only the key is required. Before
    // issue [10] a string or an empty key (null) was refused.
    it('need a spec, which may hold any YAML or nothing (pushed data has no query)', () => {
      expectProblem(
        d => delete d.spec.ratioMetric.total.metricSource.spec,
        'spec.ratioMetric.total.metricSource.spec',
        'required',
      );
      for (const spec of ['sum(x)', null, {}, ['a', 'b'], 42]) {
        expect(
          problemsOf(d => {
            d.spec.ratioMetric.total.metricSource = { type: 'Push', spec };
          }),
        ).toEqual([]);
      }
    });

    it('pass the spec through unchecked', () => {
      expect(
        problemsOf(d => {
          d.spec.ratioMetric.total.metricSource.spec = {
            anything: { nested: [1, 'two', null] },
          };
        }),
      ).toEqual([]);
    });
  });
});
