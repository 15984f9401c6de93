import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ReliabilityClient } from '@reliability-suite/plugin-reliability-common';
import { reliabilityApiRef } from './api';
import {
  policyRouteRef,
  postmortemRouteRef,
  rootRouteRef,
  sloRouteRef,
} from './routes';

/**
 * The Reliability Suite frontend plugin, for apps on the legacy frontend system. Apps on the
 * new frontend system import `@reliability-suite/plugin-reliability/alpha` instead.
 *
 * @public
 */
export const reliabilityPlugin = createPlugin({
  id: 'reliability',
  apis: [
    createApiFactory({
      api: reliabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReliabilityClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    policy: policyRouteRef,
    slo: sloRouteRef,
    postmortem: postmortemRouteRef,
  },
});

/**
 * The org-wide `/reliability` page, with its tabs (`/policies`, `/enactments`, `/audit`,
 * `/sre-teams`) and the policy pages (`/policies/:namespace/:name`) beneath it. @public
 */
export const ReliabilityPage: () => JSX.Element = reliabilityPlugin.provide(
  createRoutableExtension({
    name: 'ReliabilityPage',
    component: () =>
      import('./components/ReliabilityPage').then(m => m.ReliabilityPage),
    mountPoint: rootRouteRef,
  }),
);

/** The "Reliability" tab of an entity page. @public */
export const EntityReliabilityContent: () => JSX.Element =
  reliabilityPlugin.provide(
    createComponentExtension({
      name: 'EntityReliabilityContent',
      component: {
        lazy: () =>
          import('./components/EntityReliabilityContent').then(
            m => m.EntityReliabilityContent,
          ),
      },
    }),
  );

/** The reliability overview card of an entity page. @public */
export const EntityReliabilityCard: () => JSX.Element =
  reliabilityPlugin.provide(
    createComponentExtension({
      name: 'EntityReliabilityCard',
      component: {
        lazy: () =>
          import('./components/EntityReliabilityCard').then(
            m => m.EntityReliabilityCard,
          ),
      },
    }),
  );

/**
 * The time budget card of an SRE group page: the operational share of the team's time by
 * month against the cap, with the trend. Renders nothing for groups that are no SRE team.
 * @public
 */
export const EntitySreTimeBudgetCard: () => JSX.Element | null =
  reliabilityPlugin.provide(
    createComponentExtension({
      name: 'EntitySreTimeBudgetCard',
      component: {
        lazy: () =>
          import('./components/SreTimeBudget').then(m => m.SreTimeBudgetCard),
      },
    }),
  );

/**
 * The reliability card of a group page: the services the team owns and those it supports as
 * SRE team, with their state, tier, engagement and policy, and its SRE load against its
 * capacity. @public
 */
export const EntityTeamReliabilityCard: () => JSX.Element =
  reliabilityPlugin.provide(
    createComponentExtension({
      name: 'EntityTeamReliabilityCard',
      component: {
        lazy: () =>
          import('./components/EntityTeamReliabilityCard').then(
            m => m.EntityTeamReliabilityCard,
          ),
      },
    }),
  );

/**
 * The content of an OpenSLO SLO entity's page: the service it measures (linking to its
 * Reliability tab), a card per objective and the SLO's history. For the legacy
 * `EntityPage.tsx`, on the overview of `isKind('slo')` entities. @public
 */
export const EntitySloContent: () => JSX.Element = reliabilityPlugin.provide(
  createComponentExtension({
    name: 'EntitySloContent',
    component: {
      lazy: () =>
        import('./components/EntitySloContent').then(m => m.EntitySloContent),
    },
  }),
);
