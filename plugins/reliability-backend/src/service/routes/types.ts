import type { ApiRouter as OpenApiRouter } from '@backstage/backend-openapi-utils';
import type { spec } from '../../schema/openapi.generated';

/**
 * The router every area's routes are added to: requests are validated against
 * `src/schema/openapi.yaml` before a handler runs, and the handlers' request types come from
 * it, so a handler sees only well-formed input.
 */
export type ApiRouter = OpenApiRouter<typeof spec>;
