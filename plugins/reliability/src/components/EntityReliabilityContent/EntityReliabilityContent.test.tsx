import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';
import { screen } from '@testing-library/react';
import { reliabilityApiRef } from '../../api';
import { EntityReliabilityContent } from './EntityReliabilityContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-api',
    namespace: 'default',
    title: 'Checkout API',
    annotations: {
      'reliability-suite.dev/engagement': 'supported',
      'reliability-suite.dev/tier': '1',
    },
  },
  spec: { owner: 'group:default/team-checkout' },
};

function render(api: Partial<ReliabilityApi>) {
  const full: ReliabilityApi = {
    getEntitySummary: jest.fn(),
    listAuditEvents: jest.fn().mockResolvedValue({ items: [] }),
    ...api,
  };
  return renderInTestApp(
    <TestApiProvider apis={[[reliabilityApiRef, full]]}>
      <EntityProvider entity={entity}>
        <EntityReliabilityContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityReliabilityContent', () => {
  it('explains how to add an SLO when the entity has none', async () => {
    const getEntitySummary = jest.fn().mockResolvedValue({
      entityRef: 'component:default/checkout-api',
      slos: [],
    });
    await render({ getEntitySummary });
    expect(
      await screen.findByText('No SLOs for Checkout API yet'),
    ).toBeInTheDocument();
    expect(getEntitySummary).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout-api',
    });
    // The example names this entity as the SLO's service.
    expect(
      screen.getByText('component:default/checkout-api'),
    ).toBeInTheDocument();
    expect(screen.getByText('supported')).toBeInTheDocument();
    expect(screen.getAllByText('not set')).toHaveLength(2); // SRE team, on-call
    expect(
      await screen.findByText(/No state changes recorded yet/),
    ).toBeInTheDocument();
  });

  it('lists the SLOs the backend returns', async () => {
    await render({
      getEntitySummary: jest.fn().mockResolvedValue({
        entityRef: 'component:default/checkout-api',
        slos: [
          {
            sloRef: 'slo:default/checkout-availability',
            name: 'checkout-availability',
            displayName: 'Checkout availability',
          },
        ],
      }),
    });
    expect(
      await screen.findByText('Checkout availability'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No SLOs for/)).not.toBeInTheDocument();
  });

  it('shows the backend error instead of swallowing it', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotFoundError',
          message: 'No entity component:default/checkout-api in the catalog',
        },
        request: { method: 'GET', url: '/x' },
        response: { statusCode: 404 },
      }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response as any);
    await render({ getEntitySummary: jest.fn().mockRejectedValue(error) });
    expect(
      await screen.findAllByText(
        /No entity component:default\/checkout-api in the catalog/,
      ),
    ).not.toHaveLength(0);
  });
});
