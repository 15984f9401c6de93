import fc from 'fast-check';
import { validateOpenSloDocument } from './validate';
import {
  VALID_DOCUMENTS,
  availabilitySlo,
  dataSource,
  service,
} from './__fixtures__/documents';

/** The problems of a copy of `make()` after `mutate` changed it. */
function problemsOf(make: () => any, mutate: (doc: any) => void) {
  const doc = make();
  mutate(doc);
  return validateOpenSloDocument(doc);
}

describe('validateOpenSloDocument', () => {
  describe('valid documents', () => {
    it.each(Object.entries(VALID_DOCUMENTS))('accepts %s', (_name, make) => {
      expect(validateOpenSloDocument(make())).toEqual([]);
    });

    it('accepts a Service without spec', () => {
      expect(problemsOf(service, d => delete d.spec)).toEqual([]);
    });

    it('accepts a catalog entity: extra envelope and metadata fields', () => {
      expect(
        problemsOf(availabilitySlo, d => {
          d.metadata.namespace = 'default';
          d.metadata.uid = '5b3c8f3e-1b4f-4c7e-9c43-6a3b0f1f2b1a';
          d.metadata.etag = 'abc';
          d.metadata.annotations['backstage.io/managed-by-location'] =
            'url:https://example.com/slo.yaml';
          d.relations = [];
          d.status = { items: [] };
        }),
      ).toEqual([]);
    });
  });

  describe('the document', () => {
    it.each([
      [null, 'null'],
      [[], 'an array'],
      [42, '42'],
      ['openslo', "'openslo'"],
      [undefined, 'nothing'],
    ])('must be an object: %p', (doc, got) => {
      expect(validateOpenSloDocument(doc)).toEqual([
        {
          path: '',
          message: `must be an object (an OpenSLO document); got ${got}`,
        },
      ]);
    });

    it('requires apiVersion and checks the rest as v1', () => {
      expect(
        problemsOf(service, d => {
          delete d.apiVersion;
          d.spec.descripton = 'typo';
        }),
      ).toEqual([
        { path: 'apiVersion', message: 'required' },
        {
          path: 'spec.descripton',
          message: 'unknown field (expected one of: description)',
        },
      ]);
    });

    it('stops at another apiVersion', () => {
      expect(
        problemsOf(service, d => {
          d.apiVersion = 'openslo/v1alpha';
          d.spec = 'whatever';
        }),
      ).toEqual([
        {
          path: 'apiVersion',
          message:
            "must be openslo/v1 (the only version supported); got 'openslo/v1alpha'",
        },
      ]);
    });

    it('requires a known kind, and then skips the spec', () => {
      expect(problemsOf(service, d => delete d.kind)).toEqual([
        { path: 'kind', message: 'required' },
      ]);
      expect(problemsOf(service, d => (d.kind = 'Slo'))).toEqual([
        {
          path: 'kind',
          message:
            "must be one of: SLO, SLI, DataSource, AlertPolicy, AlertCondition, AlertNotificationTarget, Service; got 'Slo'",
        },
      ]);
    });

    it('requires spec (except for a Service) and an object', () => {
      expect(problemsOf(dataSource, d => delete d.spec)).toEqual([
        { path: 'spec', message: 'required' },
      ]);
      expect(problemsOf(service, d => (d.spec = null))).toEqual([
        { path: 'spec', message: 'must be an object; got null' },
      ]);
    });
  });

  describe('metadata', () => {
    it('is required and an object', () => {
      expect(problemsOf(service, d => delete d.metadata)).toEqual([
        { path: 'metadata', message: 'required' },
      ]);
      expect(problemsOf(service, d => (d.metadata = 'checkout'))).toEqual([
        { path: 'metadata', message: "must be an object; got 'checkout'" },
      ]);
    });

    it('requires name', () => {
      expect(problemsOf(service, d => delete d.metadata.name)).toEqual([
        { path: 'metadata.name', message: 'required' },
      ]);
    });

    it.each([
      'Checkout',
      'check_out',
      '-checkout',
      'checkout-',
      'a'.repeat(64),
      '',
    ])('requires name to be a DNS label: %p', name => {
      expect(problemsOf(service, d => (d.metadata.name = name))).toEqual([
        {
          path: 'metadata.name',
          message: `must be a DNS label (at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit); got '${name}'`,
        },
      ]);
    });

    it('requires displayName to be a non-empty string', () => {
      expect(problemsOf(service, d => (d.metadata.displayName = 3))).toEqual([
        {
          path: 'metadata.displayName',
          message: 'must be a non-empty string; got 3',
        },
      ]);
    });

    it('checks label keys and values', () => {
      expect(
        problemsOf(service, d => {
          d.metadata.labels = {
            '-team': 'x',
            tier: 1,
            tags: ['a', 2],
          };
        }),
      ).toEqual([
        {
          path: 'metadata.labels["-team"]',
          message:
            "label key must be at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
        },
        {
          path: 'metadata.labels["tier"]',
          message: 'must be a string or a list of strings; got 1',
        },
        {
          path: 'metadata.labels["tags"][1]',
          message: 'must be a string; got 2',
        },
      ]);
      expect(problemsOf(service, d => (d.metadata.labels = ['a']))).toEqual([
        {
          path: 'metadata.labels',
          message: 'must be an object of key: value labels; got an array',
        },
      ]);
    });

    it('checks annotation keys and values', () => {
      expect(
        problemsOf(service, d => {
          d.metadata.annotations = {
            'example.com/dashboard': 'https://grafana/d/1',
            'Example.com/x': 'y',
            'a/b/c': 'y',
            count: 3,
          };
        }),
      ).toEqual([
        {
          path: 'metadata.annotations["Example.com/x"]',
          message:
            "annotation key must be an optional DNS subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
        },
        {
          path: 'metadata.annotations["a/b/c"]',
          message:
            "annotation key must be an optional DNS subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
        },
        {
          path: 'metadata.annotations["count"]',
          message: 'must be a string; got 3',
        },
      ]);
    });
  });

  describe('descriptions', () => {
    it('are at most 1050 characters', () => {
      expect(
        problemsOf(service, d => (d.spec.description = 'x'.repeat(1051))),
      ).toEqual([
        {
          path: 'spec.description',
          message: 'must be at most 1050 characters; got 1051',
        },
      ]);
    });
  });

  describe('DataSource', () => {
    it('requires type and connectionDetails', () => {
      expect(
        problemsOf(dataSource, d => {
          delete d.spec.type;
          delete d.spec.connectionDetails;
        }),
      ).toEqual([
        { path: 'spec.type', message: 'required' },
        { path: 'spec.connectionDetails', message: 'required' },
      ]);
    });

    // The spec: "everything that is valid YAML can be put here". This test asserted the
    // opposite (an object only) before issue [10].
    it.each([
      ['a URL', 'https://prometheus.example.com'],
      ['a list', [{ region: 'eu-west-1' }, 'fallback']],
      ['a number', 9090],
      ['an empty key (null)', null],
      [
        'a nested map',
        { auth: { token: { fromEnv: 'TOKEN' } }, ports: [1, 2] },
      ],
    ])('accepts any YAML as connectionDetails: %s', (_what, value) => {
      expect(
        problemsOf(dataSource, d => (d.spec.connectionDetails = value)),
      ).toEqual([]);
    });

    it('reports unknown spec fields', () => {
      expect(problemsOf(dataSource, d => (d.spec.connection = {}))).toEqual([
        {
          path: 'spec.connection',
          message:
            'unknown field (expected one of: description, type, connectionDetails)',
        },
      ]);
    });
  });

  describe('never throws', () => {
    const everything = () =>
      fc.anything({
        maxDepth: 4,
        withBoxedValues: true,
        withMap: true,
        withSet: true,
        withObjectString: true,
        withNullPrototype: true,
        withBigInt: true,
        withDate: true,
        withTypedArray: true,
        withSparseArray: true,
      });

    it('for any value', () => {
      fc.assert(
        fc.property(everything(), value => {
          expect(Array.isArray(validateOpenSloDocument(value))).toBe(true);
        }),
        { numRuns: 500 },
      );
    });

    it('for any value under an openslo/v1 envelope of any kind', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(
            'SLO',
            'SLI',
            'DataSource',
            'AlertPolicy',
            'AlertCondition',
            'AlertNotificationTarget',
            'Service',
          ),
          everything(),
          everything(),
          (kind, metadata, spec) => {
            const problems = validateOpenSloDocument({
              apiVersion: 'openslo/v1',
              kind,
              metadata,
              spec,
            });
            expect(Array.isArray(problems)).toBe(true);
          },
        ),
        { numRuns: 500 },
      );
    });

    /** Every path to a value inside `doc` (objects and arrays walked). */
    function pathsOf(doc: any, prefix: string[] = []): string[][] {
      const paths = [prefix];
      if (doc && typeof doc === 'object') {
        for (const key of Object.keys(doc)) {
          paths.push(...pathsOf(doc[key], [...prefix, key]));
        }
      }
      return paths;
    }

    function withValueAt(doc: any, path: string[], value: unknown): any {
      if (path.length === 0) {
        return value;
      }
      let node = doc;
      for (const key of path.slice(0, -1)) {
        node = node[key];
      }
      node[path[path.length - 1]] = value;
      return doc;
    }

    it('for valid documents with any one value replaced by anything', () => {
      const cases = Object.entries(VALID_DOCUMENTS).flatMap(([name, make]) =>
        pathsOf(make()).map(path => ({ name, make, path })),
      );
      fc.assert(
        fc.property(fc.constantFrom(...cases), everything(), (c, value) => {
          const doc = withValueAt(c.make(), c.path, value);
          const problems = validateOpenSloDocument(doc);
          expect(Array.isArray(problems)).toBe(true);
          for (const problem of problems) {
            expect(typeof problem.path).toBe('string');
            expect(problem.message.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 2000 },
      );
    });

    it('for valid documents with any one field deleted', () => {
      const cases = Object.entries(VALID_DOCUMENTS).flatMap(([name, make]) =>
        pathsOf(make())
          .filter(path => path.length > 0)
          .map(path => ({ name, make, path })),
      );
      for (const c of cases) {
        const doc = c.make();
        let node = doc;
        for (const key of c.path.slice(0, -1)) {
          node = node[key];
        }
        delete node[c.path[c.path.length - 1]];
        expect(Array.isArray(validateOpenSloDocument(doc))).toBe(true);
      }
    });

    it('for huge strings and deep nesting', () => {
      const huge = 'x'.repeat(5_000_000);
      let deep: any = {};
      for (let i = 0; i < 10_000; i++) {
        deep = { spec: deep, metadata: deep };
      }
      for (const make of Object.values(VALID_DOCUMENTS)) {
        for (const doc of [
          withValueAt(make(), ['metadata', 'name'], huge),
          withValueAt(make(), ['spec'], deep),
          withValueAt(make(), ['metadata'], deep),
          { ...make(), spec: { ...make().spec, [huge]: 1 } },
        ]) {
          expect(Array.isArray(validateOpenSloDocument(doc))).toBe(true);
        }
      }
    });

    it('for objects whose getters throw', () => {
      const doc = availabilitySlo();
      Object.defineProperty(doc.spec, 'service', {
        enumerable: true,
        get() {
          throw new Error('boom');
        },
      });
      expect(validateOpenSloDocument(doc)).toEqual([
        { path: '', message: 'could not be validated: boom' },
      ]);
    });
  });
});
