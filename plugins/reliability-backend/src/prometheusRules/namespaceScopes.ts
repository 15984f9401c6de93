import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { OpenSloSli } from '@reliability-suite/plugin-reliability-common';
import { refKey } from '@reliability-suite/plugin-reliability-common';

/** What an SLO's references may name: the SLIs and data source types of its namespace. */
export interface SloScope {
  slis: OpenSloSli[];
  dataSourceTypes: Readonly<Record<string, string>>;
}

/** An entity's namespace as the catalog compares it: `default` when absent. */
export function namespaceOf(entity: { metadata?: object }): string {
  const namespace = (entity.metadata as { namespace?: unknown } | undefined)
    ?.namespace;
  return (
    typeof namespace === 'string' ? namespace : 'default'
  ).toLocaleLowerCase('en-US');
}

/**
 * The scope of each namespace, as the SLI sync and the alert state resolve references
 * (`SliResolver`, `DataSourceResolver`): OpenSLO's `indicatorRef` and `metricSourceRef`
 * are bare names, so, as Backstage entity refs do, they name an entity in the SLO's own
 * namespace — an SLI or DataSource of the same name in another namespace is another one.
 * `reliability.dataSources.<name>` of app-config has no namespace and wins in every one.
 */
export function namespaceScopes(options: {
  slis: OpenSloSli[];
  dataSources: Entity[];
  /** The types of app-config's `reliability.dataSources`, by name. */
  configuredTypes: Readonly<Record<string, string>>;
}): (namespace: string) => SloScope {
  const scopes = new Map<string, SloScope>();
  const scope = (namespace: string) => {
    let found = scopes.get(namespace);
    if (!found) {
      found = { slis: [], dataSourceTypes: {} };
      scopes.set(namespace, found);
    }
    return found;
  };
  for (const sli of options.slis) scope(namespaceOf(sli)).slis.push(sli);
  for (const e of options.dataSources) {
    // As the DataSourceResolver reads them: Prometheus unless said otherwise.
    const type = (e.spec as { type?: unknown } | undefined)?.type;
    (scope(namespaceOf(e)).dataSourceTypes as Record<string, string>)[
      e.metadata.name
    ] = typeof type === 'string' ? type : 'Prometheus';
  }
  return namespace => {
    const found = scopes.get(namespace);
    return {
      slis: found?.slis ?? [],
      dataSourceTypes: {
        ...found?.dataSourceTypes,
        ...options.configuredTypes,
      },
    };
  };
}

/**
 * Whether a `metricSourceRef` of an SLO in a namespace names the data source
 * `?dataSource=` asks for: a `reliability.dataSources` name (in any namespace, as there
 * it wins), else a DataSource entity ref whose kind and namespace default to DataSource
 * and `default` (`prom`, `team-a/prom`, `datasource:team-a/prom`).
 */
export function dataSourceMatcher(
  value: string,
  configuredTypes: Readonly<Record<string, string>>,
): (metricSourceRef: string, namespace: string) => boolean {
  if (Object.prototype.hasOwnProperty.call(configuredTypes, value)) {
    return ref => ref === value;
  }
  let wanted: { kind: string; namespace: string; name: string };
  try {
    wanted = parseEntityRef(value, {
      defaultKind: 'datasource',
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new InputError(`dataSource: ${(e as Error).message}`);
  }
  if (refKey(wanted.kind) !== 'datasource') {
    throw new InputError(
      `dataSource: '${value}' is not a data source (a reliability.dataSources name or a DataSource entity reference such as datasource:default/prometheus-prod)`,
    );
  }
  const name = refKey(wanted.name);
  const namespace = refKey(wanted.namespace);
  return (ref, refNamespace) =>
    // A configured name is app-config's data source, whatever entity has that name.
    !Object.prototype.hasOwnProperty.call(configuredTypes, ref) &&
    refKey(ref) === name &&
    refNamespace === namespace;
}
