import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import TrackChangesIcon from '@material-ui/icons/TrackChanges';
import { ReliabilityClient } from '@reliability-suite/plugin-reliability-common';
import { reliabilityApiRef } from './api';
import { isSreTeam } from './components/SreTimeBudget/isSreTeam';
import {
  policyRouteRef,
  postmortemRouteRef,
  rootRouteRef,
  sloRouteRef,
} from './routes';

/** Entities the suite attaches reliability data to (kinds match case-insensitively). */
const RELIABILITY_ENTITY_FILTER = {
  kind: { $in: ['component', 'system', 'domain'] },
};

/** OpenSLO SLO entities: their objectives, history and service. */
const SLO_ENTITY_FILTER = { kind: 'slo' };

/** Groups: the team's services and its SRE load. */
const TEAM_ENTITY_FILTER = { kind: 'group' };

const reliabilityApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: reliabilityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ReliabilityClient({ discoveryApi, fetchApi }),
    }),
});

const reliabilityPage = PageBlueprint.make({
  params: {
    path: '/reliability',
    title: 'Reliability',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/ReliabilityPage').then(m => <m.ReliabilityPage />),
  },
});

const entityReliabilityContent = EntityContentBlueprint.make({
  params: {
    path: 'reliability',
    title: 'Reliability',
    filter: RELIABILITY_ENTITY_FILTER,
    loader: () =>
      import('./components/EntityReliabilityContent').then(m => (
        <m.EntityReliabilityContent />
      )),
  },
});

const entityReliabilityCard = EntityCardBlueprint.make({
  params: {
    filter: RELIABILITY_ENTITY_FILTER,
    loader: () =>
      import('./components/EntityReliabilityCard').then(m => (
        <m.EntityReliabilityCard />
      )),
  },
});

const entitySloCard = EntityCardBlueprint.make({
  name: 'slo',
  params: {
    filter: SLO_ENTITY_FILTER,
    type: 'content',
    loader: () =>
      import('./components/EntitySloContent').then(m => <m.EntitySloContent />),
  },
});

const entityTeamReliabilityCard = EntityCardBlueprint.make({
  name: 'team',
  params: {
    filter: TEAM_ENTITY_FILTER,
    loader: () =>
      import('./components/EntityTeamReliabilityCard').then(m => (
        <m.EntityTeamReliabilityCard />
      )),
  },
});

const entitySreTimeBudgetCard = EntityCardBlueprint.make({
  name: 'sre-time-budget',
  params: {
    // Only SRE teams: other groups' pages get no empty slot and make no request.
    filter: isSreTeam,
    loader: () =>
      import('./components/SreTimeBudget').then(m => <m.SreTimeBudgetCard />),
  },
});

/**
 * The Reliability Suite for apps on the new frontend system: the `/reliability` page, a
 * "Reliability" tab and an overview card on Component, System and Domain pages, and a card
 * of the team's services and SRE load on Group pages (`entity-card:reliability/team`), and an
 * SRE team's time budget beside it (`entity-card:reliability/sre-time-budget`; nothing for
 * groups that are no SRE team), and on OpenSLO SLO pages the SLO's objectives, history and
 * service (`entity-card:reliability/slo`).
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'reliability',
  title: 'Reliability',
  icon: <TrackChangesIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    policy: policyRouteRef,
    slo: sloRouteRef,
    postmortem: postmortemRouteRef,
  },
  extensions: [
    reliabilityApi,
    reliabilityPage,
    entityReliabilityContent,
    entityReliabilityCard,
    entitySloCard,
    entityTeamReliabilityCard,
    entitySreTimeBudgetCard,
  ],
});
