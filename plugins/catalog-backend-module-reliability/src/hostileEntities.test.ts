import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { ErrorBudgetPolicyProcessor } from './ErrorBudgetPolicyProcessor';
import { OpenSloEntitiesProcessor } from './OpenSloEntitiesProcessor';
import { ReliabilityAnnotationsProcessor } from './ReliabilityAnnotationsProcessor';

/**
 * Hostile documents, as a YAML file in a catalog location can hold them (the catalog parses
 * the YAML; these processors see the parsed entity): whatever the spec holds, validation
 * either accepts the entity or throws an InputError naming fields, of bounded length, since
 * the catalog keeps the message and shows it on the entity page.
 */

const location = { type: 'file', target: '/repo/catalog-info.yaml' };

function slo(): any {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'checkout-availability', namespace: 'shop' },
    spec: {
      service: 'checkout-api',
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
      objectives: [{ displayName: 'ok', target: 0.999 }],
    },
  };
}

function policy(): any {
  return {
    apiVersion: 'reliability-suite.dev/v1alpha1',
    kind: 'ErrorBudgetPolicy',
    metadata: { name: 'strict-payments', namespace: 'payments' },
    spec: {
      owner: 'team-payments',
      states: [
        { name: 'healthy', remainingAbove: 0.5, consequences: 'As usual.' },
        { name: 'exhausted', consequences: 'Freeze.', freeze: true },
      ],
    },
  };
}

let deepArray: unknown = [];
let deepObject: unknown = {};
for (let i = 0; i < 10_000; i++) {
  deepArray = [deepArray];
  deepObject = { a: deepObject };
}
const megabyte = 'x'.repeat(1_000_000);
const tenThousandFields = Object.fromEntries(
  Array.from({ length: 10_000 }, (_, i) => [`field${i}`, i]),
);

/** Values of every awkward sort, JSON and YAML can carry most of them. */
const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  0.5,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  NaN,
  Infinity,
  'NaN',
  '',
  '\u0000',
  '\uD800',
  'مرحبا',
  '🔥',
  megabyte,
  [],
  {},
  deepArray,
  deepObject,
  tenThousandFields,
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
];

/** Every path to a value inside `doc`, objects and arrays walked. */
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
  let node = doc;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = value;
  return doc;
}

/** 'accepted', or the InputError's message; anything else thrown fails the test. */
async function outcome(run: () => Promise<boolean>): Promise<string> {
  try {
    expect(await run()).toBe(true);
    return 'accepted';
  } catch (e) {
    expect((e as Error).name).toBe('InputError');
    return (e as Error).message;
  }
}

describe.each([
  ['OpenSloEntitiesProcessor', new OpenSloEntitiesProcessor(), slo],
  ['ErrorBudgetPolicyProcessor', new ErrorBudgetPolicyProcessor(), policy],
] as const)('%s on hostile documents', (_name, processor, make) => {
  it('accepts the valid document', async () => {
    expect(await processor.validateEntityKind(make())).toBe(true);
  });

  it('answers any value at any path with an InputError of bounded length', async () => {
    const paths = pathsOf(make()).filter(
      // apiVersion and kind decide whether the processor looks at all.
      p => p.length > 0 && p[0] !== 'apiVersion' && p[0] !== 'kind',
    );
    for (const path of paths) {
      for (const value of HOSTILE_VALUES) {
        const message = await outcome(() =>
          processor.validateEntityKind(withValueAt(make(), path, value)),
        );
        expect(message.length).toBeLessThan(10_000);
      }
    }
    expect(({} as any).polluted).toBeUndefined();
  });

  it('lists the first problems of 10,000 and counts the rest', async () => {
    const doc = make();
    Object.assign(doc.spec, tenThousandFields);
    const message = await outcome(() => processor.validateEntityKind(doc));
    expect(message).toMatch(
      /^Invalid .* '(strict-payments|checkout-availability)': /,
    );
    expect(message).toContain('spec.field0: unknown field');
    expect(message).not.toContain('spec.field20:');
    // The policy validator counts unknown fields itself past 10; here the processor does.
    expect(message).toMatch(
      /(; … and 9980 more|spec: 9990 more unknown fields not listed)$/,
    );
    expect(message.length).toBeLessThan(5_000);
  });

  it('clips a 1 MB name in the message', async () => {
    const message = await outcome(() =>
      processor.validateEntityKind(
        withValueAt(make(), ['metadata', 'name'], megabyte),
      ),
    );
    expect(message).toContain(`'${'x'.repeat(100)}…'`);
    expect(message.length).toBeLessThan(1_000);
  });
});

describe('annotations with hostile values', () => {
  const entity = (annotations: Record<string, string>): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'sre-core', namespace: 'default', annotations },
    spec: { type: 'team', children: [] },
  });

  it('reports each, clipped, and never throws', async () => {
    const names = [
      'reliability-suite.dev/sre-team',
      'reliability-suite.dev/engagement',
      'reliability-suite.dev/tier',
      'reliability-suite.dev/oncall',
      'reliability-suite.dev/capacity',
      'reliability-suite.dev/error-budget-policy',
    ];
    const values = [
      megabyte,
      '\u0000',
      '\uD800',
      'مرحبا',
      '🔥',
      '-1',
      '__proto__',
    ];
    for (const name of names) {
      for (const value of values) {
        const emitted: CatalogProcessorResult[] = [];
        const e = entity({ [name]: value });
        await new ReliabilityAnnotationsProcessor().preProcessEntity(
          e,
          location,
          r => emitted.push(r),
        );
        await new ErrorBudgetPolicyProcessor().postProcessEntity(
          e,
          location,
          r => emitted.push(r),
        );
        const errors = emitted.filter(r => r.type === 'error') as Extract<
          CatalogProcessorResult,
          { type: 'error' }
        >[];
        expect(errors.length).toBeGreaterThan(0);
        for (const { error } of errors) {
          expect(error.message).toContain(`metadata.annotations["${name}"]`);
          expect(error.message.length).toBeLessThan(1_000);
        }
      }
    }
  });
});
