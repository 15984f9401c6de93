import { CodeSnippet } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { ObjectiveStatus } from '@reliability-suite/plugin-reliability-common';
import { formatLocalTime } from './format';

/** The next step for an SLO without data: push counts through the API. */
function HowToPushData(props: { sloRef: string; objective?: string }) {
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

/**
 * An objective pulled from a source (Prometheus...) that has no data yet: what the sync
 * found, not the push instructions, which do not apply to it.
 */
function SourceNoData(props: {
  source: NonNullable<ObjectiveStatus['source']>;
}) {
  const { source } = props;
  let text: string;
  if (source.state !== 'ok') {
    text = `No data: the objective's data comes from ${source.type}, which the last sync could not read (above).`;
  } else if (source.lastSuccessAt) {
    text = `No data in this window yet: the objective's data comes from ${
      source.type
    }, and its last sync (${formatLocalTime(
      source.lastSuccessAt,
    )}) found no events${
      source.dataUntil ? ` up to ${formatLocalTime(source.dataUntil)}` : ''
    }. Check that the SLO's queries return series in ${source.type}.`;
  } else {
    text = `No data yet: the objective's data comes from ${source.type}; its first sync runs within a minute.`;
  }
  return (
    <Typography variant="body2" paragraph>
      {text}
    </Typography>
  );
}

/** The next step for an objective without data: its source's state, or how to push. */
export function NoDataHelp(props: { sloRef: string; status: ObjectiveStatus }) {
  const { sloRef, status } = props;
  return status.source ? (
    <SourceNoData source={status.source} />
  ) : (
    <HowToPushData sloRef={sloRef} objective={status.name} />
  );
}
