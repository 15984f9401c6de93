import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/** The `/reliability` page. @public */
export const rootRouteRef = createRouteRef({ id: 'reliability' });

/**
 * One error-budget policy: `/reliability/policies/:namespace/:name` (the app-config default is
 * `app-config/default`). A sub-route of the `/reliability` page, so it works wherever that page
 * is mounted, in the legacy and the new frontend system alike.
 *
 * @public
 */
export const policyRouteRef = createSubRouteRef({
  id: 'reliability-policy',
  parent: rootRouteRef,
  path: '/policies/:namespace/:name',
});

/** One SLO's page: `/reliability/slos/:namespace/:name`. @public */
export const sloRouteRef = createSubRouteRef({
  id: 'reliability-slo',
  parent: rootRouteRef,
  path: '/slos/:namespace/:name',
});

/** One postmortem's page: `/reliability/postmortems/:id`. @public */
export const postmortemRouteRef = createSubRouteRef({
  id: 'reliability-postmortem',
  parent: rootRouteRef,
  path: '/postmortems/:id',
});
