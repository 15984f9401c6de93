import type {
  OpenSloDataSource,
  OpenSloSli,
  OpenSloSlo,
} from '../openslo/types';
import type {
  GeneratePrometheusRulesOptions,
  PrometheusRulesSlo,
} from './types';

/**
 * Sorts parsed OpenSLO documents (from YAML files) into what
 * {@link generatePrometheusRules} takes: the SLOs, the SLIs they may reference and the
 * types of the DataSources they may name. A `metadata.namespace` (as catalog entities have
 * one) becomes the SLO's namespace. Documents of other kinds are left out.
 *
 * @public
 */
export function prometheusRulesInput(documents: ReadonlyArray<unknown>): {
  slos: PrometheusRulesSlo[];
  options: Required<
    Pick<GeneratePrometheusRulesOptions, 'slis' | 'dataSourceTypes'>
  >;
} {
  const slos: PrometheusRulesSlo[] = [];
  const slis: OpenSloSli[] = [];
  const dataSourceTypes: Record<string, string> = {};
  for (const doc of documents) {
    if (!doc || typeof doc !== 'object') continue;
    const d = doc as { apiVersion?: unknown; kind?: unknown; metadata?: any };
    if (d.apiVersion !== 'openslo/v1') continue;
    if (d.kind === 'SLO') {
      const namespace = d.metadata?.namespace;
      slos.push({
        slo: doc as OpenSloSlo,
        ...(typeof namespace === 'string' ? { namespace } : {}),
      });
    } else if (d.kind === 'SLI') {
      slis.push(doc as OpenSloSli);
    } else if (d.kind === 'DataSource') {
      const ds = doc as OpenSloDataSource;
      if (
        typeof ds.metadata?.name === 'string' &&
        typeof ds.spec?.type === 'string'
      ) {
        dataSourceTypes[ds.metadata.name] = ds.spec.type;
      }
    }
  }
  return { slos, options: { slis, dataSourceTypes } };
}
