import { AuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ResolvedDataSource,
  SliSourceError,
} from '@reliability-suite/plugin-reliability-node';

/**
 * Finds the data source an SLI's `metricSourceRef` names: `reliability.dataSources.<name>`
 * in app-config first (where secrets such as bearer tokens belong), then an OpenSLO
 * `DataSource` entity in the catalog, in the SLO's namespace.
 */
export class DataSourceResolver {
  constructor(
    private readonly deps: {
      config: Config;
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {}

  async resolve(name: string, namespace: string): Promise<ResolvedDataSource> {
    const configured = this.deps.config.getOptionalConfig(
      `reliability.dataSources.${name}`,
    );
    if (configured) {
      const details = configured.get<Record<string, unknown>>();
      return {
        name,
        type: configured.getOptionalString('type') ?? 'Prometheus',
        connectionDetails: details,
      };
    }
    const entity = await this.deps.catalog.getEntityByRef(
      { kind: 'DataSource', namespace, name },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const spec = entity?.spec as
      | { type?: string; connectionDetails?: unknown }
      | undefined;
    if (!spec) {
      throw new SliSourceError(
        'configuration',
        `metricSourceRef '${name}': no reliability.dataSources.${name} in app-config and no DataSource entity datasource:${namespace}/${name} in the catalog`,
      );
    }
    // OpenSLO lets connectionDetails hold any YAML; the suite's sources read named
    // settings (url, headers...) from a map.
    const details = spec.connectionDetails;
    if (
      typeof details !== 'object' ||
      details === null ||
      Array.isArray(details)
    ) {
      throw new SliSourceError(
        'configuration',
        `metricSourceRef '${name}': DataSource datasource:${namespace}/${name} has no map of settings in spec.connectionDetails (the suite's metric sources read url, headers and the like from one)`,
      );
    }
    return {
      name,
      type: spec.type ?? 'Prometheus',
      connectionDetails: details as Record<string, unknown>,
    };
  }
}
