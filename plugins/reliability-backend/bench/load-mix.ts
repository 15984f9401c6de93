/**
 * The request mix of the load run. Every connection replays the same session, over and over
 * with no think time (a closed loop: the next request goes out when the previous answer is
 * in); each pass picks fresh services, pages and filters at random.
 *
 * One session, 17 requests:
 *   - two entity-page visits, each the five reads of a service's reliability tab: summary,
 *     policy, readiness, postmortems and responsibility (10 requests, 59 %);
 *   - four deploy-gate checks, as CI/CD asks before a release (24 %);
 *   - two pushes of current-minute buckets of 10 SLOs each, mode replace (12 %);
 *   - one org-overview page: the first page, a random page, or a filter by owner, system or
 *     state (6 %).
 */
import type autocannon from 'autocannon';
import { currentMinute, random, teamRef } from './data';
import { GATE_CHANGE } from './scenarios/gate';
import { Kind } from './load-kinds';
import type { LoadVolumes } from './load-volumes';

const BASE = '/api/reliability';
const ENTITY_PAGE: Kind[] = [
  'summary',
  'policy',
  'readiness',
  'postmortems',
  'responsibility',
];
const STATES = ['healthy', 'warning', 'critical', 'exhausted', 'no-data'];

export interface MixOptions {
  volumes: LoadVolumes;
  userAuth: string;
  serviceAuth: string;
  /** Seeds the choices, so that runs ask for the same things. */
  seed?: number;
}

/** The session every connection replays, as autocannon requests tagged with their kind. */
export function session(options: MixOptions): autocannon.Request[] {
  const { volumes, userAuth, serviceAuth } = options;
  const { entities, slosPerEntity, teams } = volumes.org;
  const rnd = random(options.seed ?? 1);
  const pick = (n: number) => Math.floor(rnd() * n);
  const get = (
    kind: Kind,
    path: (context: Record<string, unknown>) => string,
  ): autocannon.Request => ({
    kind,
    method: 'GET',
    headers: { authorization: userAuth },
    setupRequest: (request, context) => ({
      ...request,
      path: `${BASE}${path(context)}`,
    }),
  });

  // The visit's first request picks the service; the other four read the same one.
  const entityPage = () =>
    ENTITY_PAGE.map(kind =>
      get(kind, context => {
        if (kind === 'summary') context.entity = `svc-${pick(entities)}`;
        return `/v1/entities/component/default/${context.entity}/${kind}`;
      }),
    );

  const gate = () =>
    get('gate', () => {
      const entity = encodeURIComponent(
        `component:default/svc-${pick(entities)}`,
      );
      return `/v1/gate?entity=${entity}&change=${GATE_CHANGE}`;
    });

  const overview = get('overview', () => {
    const owner = encodeURIComponent(teamRef(pick(teams)));
    const state = STATES[pick(STATES.length)];
    switch (pick(5)) {
      case 0:
        return '/v1/slos?limit=50';
      case 1: {
        const pages = Math.ceil((entities * slosPerEntity) / 50);
        return `/v1/slos?limit=50&offset=${50 * pick(pages)}`;
      }
      case 2:
        return `/v1/slos?limit=50&owner=${owner}`;
      case 3: {
        const system = encodeURIComponent(
          `system:default/sys-${pick(teams * 2)}`,
        );
        return `/v1/slos?limit=50&system=${system}&state=${state}`;
      }
      default:
        return `/v1/slos?limit=50&state=${state}`;
    }
  });

  // A pusher reports the running counts of the current minute of a few SLOs; in replace mode
  // each push overwrites the minute's bucket, as the pusher's counter grows.
  const push = (): autocannon.Request => ({
    kind: 'push',
    method: 'POST',
    path: `${BASE}/v1/sli/events`,
    headers: { authorization: serviceAuth, 'content-type': 'application/json' },
    setupRequest: request => {
      const timestamp = currentMinute();
      const items = Array.from({ length: volumes.pushBatch }, () => {
        const total = 500 + pick(1000);
        return {
          slo: `slo:default/svc-${pick(entities)}-slo-${pick(slosPerEntity)}`,
          timestamp,
          good: total - pick(3),
          total,
        };
      });
      return { ...request, body: JSON.stringify({ mode: 'replace', items }) };
    },
  });

  return [
    ...entityPage(),
    gate(),
    gate(),
    push(),
    ...entityPage(),
    overview,
    gate(),
    gate(),
    push(),
  ];
}
