import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import catalogModuleReliability from '@reliability-suite/plugin-catalog-backend-module-reliability';
import reliabilityBackend from '@reliability-suite/plugin-reliability-backend';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';

jest.setTimeout(120_000);

/**
 * The CI token exactly as the READMEs configure it (an external-access static token limited
 * to the reliability plugin and to reliability.sli.write), through Backstage's real auth
 * service and the real catalog backend: the token cannot be delegated to the catalog, so a
 * route that read the catalog with the caller's credentials answered it 403.
 */
const TOKEN = 'ci-token-as-the-readme-says-0123456789abcdef';
const ENTITIES = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-api
spec:
  type: service
  owner: group:default/team-checkout
  lifecycle: production
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
spec:
  service: checkout-api
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 28d
      isRolling: true
  indicator:
    metadata:
      name: checkout-non-5xx
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource: { type: Push, spec: {} }
        total:
          metricSource: { type: Push, spec: {} }
  objectives:
    - displayName: requests-succeed
      target: 0.999
`;

describe('the README CI token against the real auth service and catalog', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'reliability-ci-token-'));
    const file = path.join(dir, 'catalog-info.yaml');
    await writeFile(file, ENTITIES);
    ({ server } = await startTestBackend({
      features: [
        catalogBackend,
        catalogModuleReliability,
        reliabilityBackend,
        authServiceFactory,
        httpAuthServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: TOKEN, subject: 'ci-deploy-gate' },
                    accessRestrictions: [
                      {
                        plugin: 'reliability',
                        permission: [
                          'reliability.sli.write',
                          'catalog.entity.read',
                        ],
                      },
                    ],
                  },
                ],
              },
            },
            catalog: {
              rules: [{ allow: ['Component', 'SLO'] }],
              locations: [{ type: 'file', target: file }],
            },
          },
        }),
      ],
    }));
  });

  afterAll(async () => {
    await server?.close();
  });

  const get = (url: string) =>
    request(server).get(url).set('Authorization', `Bearer ${TOKEN}`);

  /** The answer once the catalog has processed the file: 404 until then, anything else is final. */
  const answer = async (url: string) => {
    let res = await get(url);
    for (let i = 0; i < 100 && res.status === 404; i++) {
      await new Promise(r => setTimeout(r, 500));
      res = await get(url);
    }
    return { status: res.status, body: res.body };
  };

  it("reads an entity's summary with the token (`reliability summary`)", async () => {
    expect(
      await answer(
        '/api/reliability/v1/entities/component/default/checkout-api/summary',
      ),
    ).toEqual({
      status: 200,
      body: expect.objectContaining({
        entityRef: 'component:default/checkout-api',
      }),
    });
  });

  it('asks the gate with the same token, as the README does', async () => {
    expect(
      await answer(
        '/api/reliability/v1/gate?entity=component%3Adefault%2Fcheckout-api',
      ),
    ).toEqual({
      status: 200,
      body: expect.objectContaining({
        entityRef: 'component:default/checkout-api',
        allowed: true,
      }),
    });
  });

  it('still refuses the token on the catalog itself, which it is not limited to', async () => {
    const res = await get(
      '/api/catalog/entities/by-name/component/default/checkout-api',
    );
    expect(res.status).toBe(403);
  });
});
