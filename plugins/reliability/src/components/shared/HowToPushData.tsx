import { CodeSnippet } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

/** The next step for an SLO without data: push counts through the API. */
export function HowToPushData(props: { sloRef: string; objective?: string }) {
  const example = `curl -X POST "$BACKSTAGE_URL/api/reliability/v1/sli/events" \\
  -H "Authorization: Bearer $RELIABILITY_TOKEN" \\
  -H "Content-Type: application/json" \\
  -d '{"items": [{"slo": "${props.sloRef}",${
    props.objective ? ` "objective": "${props.objective}",` : ''
  } "timestamp": "${new Date(
    Math.floor(Date.now() / 60_000) * 60_000,
  ).toISOString()}", "good": 998, "total": 1000}]}'`;
  return (
    <>
      <Typography variant="body2" paragraph>
        No SLI data in this window yet. Push good and total event counts per
        minute through the API (with a Backstage external-access token allowed
        to write SLI data), or with <code>reliability push</code> from a CSV
        file:
      </Typography>
      <CodeSnippet language="bash" text={example} showCopyCodeButton />
    </>
  );
}
