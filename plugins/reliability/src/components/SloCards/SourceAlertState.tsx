import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  ObjectiveStatus,
  ReliabilityApi,
  SloAlertState,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { formatLocalTime, localizeTimes } from '../shared/format';
import { sourceAlertText } from './sourceAlertText';

/**
 * One request for the alert state of an SLO, shared by its objectives' cards; undefined when
 * none of its objectives reads from a source (pushed data: nothing to ask).
 */
export function sourceAlertLoader(
  api: ReliabilityApi,
  slo: { sloRef: string; objectives: ObjectiveStatus[] },
): (() => Promise<SloAlertState>) | undefined {
  if (!slo.objectives.some(o => o.source)) return undefined;
  const { namespace, name } = parseEntityRef(slo.sloRef);
  let state: Promise<SloAlertState> | undefined;
  return () => (state ??= api.getSloAlertState({ namespace, name }));
}

/**
 * Whether the Prometheus alerts generated from the SLO fire in its source now, beside the
 * portal's verdict, so a disagreement shows. Nothing for pushed data; a fault (of the source
 * or of the backend) is shown as the state, never breaks the card.
 */
export function SourceAlertState(props: {
  load: () => Promise<SloAlertState>;
  status: ObjectiveStatus;
}) {
  const { value, error, loading } = useAsync(props.load, [props.load]);
  if (loading) return null;
  const line = error
    ? {
        text: `Alert state in the source unavailable: ${localizeTimes(
          ResponseError.is(error) ? error.body.error.message : error.message,
        )}`,
        tone: 'problem' as const,
        disagreement: undefined,
      }
    : value && sourceAlertText(value, props.status);
  if (!line) return null;
  const objective = value?.objectives.find(o => o.name === props.status.name);
  return (
    <Box mt={1} data-testid="source-alert-state">
      <Chip
        size="small"
        color={line.tone === 'quiet' ? 'default' : 'secondary'}
        variant={line.tone === 'problem' ? 'outlined' : 'default'}
        label={line.text}
        title={
          value?.checkedAt
            ? `Asked ${formatLocalTime(value.checkedAt)}${
                objective ? ` for sloth_id="${objective.slothId}"` : ''
              }`
            : undefined
        }
      />
      {line.disagreement && (
        <Typography variant="caption" display="block" color="error">
          {line.disagreement}
        </Typography>
      )}
    </Box>
  );
}
