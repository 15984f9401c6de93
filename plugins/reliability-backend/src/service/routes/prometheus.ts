import type { PrometheusRulesService } from '../../prometheusRules/PrometheusRulesService';
import type { RouteAuthorization } from '../authorization';
import { refWithDefaults } from '../request/entityRef';
import type { ApiRouter } from './types';

/** The Prometheus alerting rules generated from the catalog's SLOs. */
export function prometheusRoutes(
  router: ApiRouter,
  deps: {
    prometheusRules: PrometheusRulesService;
    authorize: RouteAuthorization;
  },
) {
  const { prometheusRules, authorize } = deps;

  router.get('/v1/prometheus-rules', async (req, res) => {
    const visible = await authorize.visibleEntities(req, 'GetPrometheusRules');
    const { service, dataSource, format = 'rules' } = req.query;
    const file = await prometheusRules.rules({
      visible,
      service:
        service !== undefined
          ? refWithDefaults(service, 'service', 'component')
          : undefined,
      dataSource,
      format,
    });
    res
      .type('text/yaml; charset=utf-8')
      .setHeader('Reliability-Rule-Problems', String(file.problems.length))
      .send(file.text);
  });
}
