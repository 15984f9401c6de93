import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { OpenSloSliSpec } from '@reliability-suite/plugin-reliability-common';
import { SliSourceError } from '@reliability-suite/plugin-reliability-node';

/**
 * Finds the SLI an SLO's `indicatorRef` names: an OpenSLO `SLI` entity in the catalog, in
 * the SLO's namespace (OpenSLO refs are bare names; Backstage refs default the namespace to
 * the referring entity's), as the rules route finds it for the generator.
 */
export class SliResolver {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {}

  async resolve(name: string, namespace: string): Promise<OpenSloSliSpec> {
    const entity = await this.deps.catalog.getEntityByRef(
      { kind: 'SLI', namespace, name },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const spec = entity?.spec as OpenSloSliSpec | undefined;
    if (!spec || typeof spec !== 'object') {
      throw new SliSourceError(
        'configuration',
        `SLI '${name}': no SLI entity sli:${namespace}/${name} in the catalog, so its queries are unknown`,
      );
    }
    return spec;
  }
}
