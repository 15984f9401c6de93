import { createRouteRef } from '@backstage/core-plugin-api';

/** The `/reliability` page. @public */
export const rootRouteRef = createRouteRef({ id: 'reliability' });
