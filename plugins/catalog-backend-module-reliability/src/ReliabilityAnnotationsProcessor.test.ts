import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { ReliabilityAnnotationsProcessor } from './ReliabilityAnnotationsProcessor';

const location = { type: 'file', target: '/repo/catalog-info.yaml' };

async function process(annotations: Record<string, string>) {
  const emitted: CatalogProcessorResult[] = [];
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ledger', annotations },
    spec: { owner: 'group:default/team-payments' },
  };
  const result = await new ReliabilityAnnotationsProcessor().preProcessEntity(
    entity,
    location,
    r => emitted.push(r),
  );
  return { entity, result, emitted };
}

describe('ReliabilityAnnotationsProcessor', () => {
  it('reports each bad annotation as a processing error at its location', async () => {
    const { emitted, entity, result } = await process({
      'reliability-suite.dev/tier': 'gold',
      'reliability-suite.dev/engagement': 'full',
    });
    expect(result).toBe(entity);
    expect(emitted).toEqual([
      expect.objectContaining({
        type: 'error',
        location,
        error: expect.objectContaining({
          name: 'InputError',
          message: expect.stringContaining(
            'metadata.annotations["reliability-suite.dev/engagement"]',
          ),
        }),
      }),
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({
          message: expect.stringContaining(
            `metadata.annotations["reliability-suite.dev/tier"]: must be 1, 2, 3 or 4 (1 most critical); got 'gold'`,
          ),
        }),
      }),
    ]);
  });

  it('reports an SRE team that is no Group reference and an on-call that is neither URL nor reference', async () => {
    const { emitted } = await process({
      'reliability-suite.dev/sre-team': 'x:y:z',
      'reliability-suite.dev/oncall': 'ask Bob',
    });
    expect(emitted.map(r => r.type === 'error' && r.error.message)).toEqual([
      `metadata.annotations["reliability-suite.dev/sre-team"]: must be a Group reference like group:default/sre-core; got 'x:y:z'`,
      `metadata.annotations["reliability-suite.dev/oncall"]: must be an http(s) URL or an entity reference kind:[namespace/]name, like https://oncall.example.com/schedules/checkout or group:default/sre-core; got 'ask Bob'`,
    ]);
  });

  it('emits nothing for valid annotations', async () => {
    const { emitted } = await process({
      'reliability-suite.dev/tier': '1',
      'reliability-suite.dev/engagement': 'onboarding',
      'reliability-suite.dev/sre-team': 'sre-platform',
      'reliability-suite.dev/oncall':
        'https://oncall.example.com/schedules/payments',
    });
    expect(emitted).toEqual([]);
  });
});
