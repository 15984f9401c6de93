import { CodeSnippet } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/** The next step when there are no SLOs: an OpenSLO document for the entity. */
export function HowToAddAnSlo(props: { serviceRef?: string; name?: string }) {
  const name = props.name ?? 'my-service';
  const example = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}-availability
  displayName: ${name} availability
spec:
  service: ${props.serviceRef ?? name}
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 28d
      isRolling: true
  indicator:
    metadata:
      name: ${name}-successful-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(increase(http_requests_total{job="${name}",code!~"5.."}[{{bucket}}]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(increase(http_requests_total{job="${name}"}[{{bucket}}]))
  objectives:
    - displayName: 99.9% of requests succeed
      target: 0.999`;
  return (
    <>
      <Typography variant="body1" paragraph>
        Define an SLO as code, in the OpenSLO format, next to the entity's{' '}
        <code>catalog-info.yaml</code> (or in a file of its own registered as a
        catalog location). The catalog picks it up on its next refresh and the
        error budget appears here.
      </Typography>
      <CodeSnippet language="yaml" text={example} showCopyCodeButton />
    </>
  );
}
