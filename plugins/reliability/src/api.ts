import { createApiRef } from '@backstage/core-plugin-api';
import type { ReliabilityApi } from '@reliability-suite/plugin-reliability-common';

/**
 * The reliability backend's client, as a Backstage utility API so apps can replace it.
 *
 * @public
 */
export const reliabilityApiRef = createApiRef<ReliabilityApi>({
  id: 'plugin.reliability.api',
});
