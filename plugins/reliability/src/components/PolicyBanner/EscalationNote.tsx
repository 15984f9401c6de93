import type { EntityPolicy } from '@reliability-suite/plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { formatDate, formatDateTime } from '../shared/format';
import { DECISION_LABEL } from '../shared/policy';
import { ActorRef } from '../shared/ActorRef';
import { ExternalLink } from './ExternalLink';

function DecisionText(props: {
  decision: NonNullable<NonNullable<EntityPolicy['escalation']>['decision']>;
}) {
  const { decision } = props;
  return (
    <>
      {DECISION_LABEL[decision.decision] ?? decision.decision}
      {decision.acceptUntil ? ` until ${formatDate(decision.acceptUntil)}` : ''}
      {' — '}
      {decision.reason} (recorded by <ActorRef value={decision.decidedBy} />{' '}
      {formatDateTime(decision.decidedAt)})
      {decision.link && (
        <>
          {' · '}
          <ExternalLink href={decision.link} />
        </>
      )}
    </>
  );
}

/** The escalation: due and waiting for a decision, decided, or counting windows out of budget. */
export function EscalationNote(props: { value: EntityPolicy }) {
  const escalation = props.value.escalation;
  if (!escalation) return null;
  const { decision } = escalation;
  if (escalation.due) {
    return (
      <Alert severity="error" style={{ marginBottom: 16 }}>
        <AlertTitle>Escalated</AlertTitle>
        Escalated to <ActorRef value={escalation.to} /> after{' '}
        {escalation.windowsOutOfBudget} windows out of budget — waiting for a
        leadership decision.
        {decision && (
          <Typography variant="body2" style={{ marginTop: 4 }}>
            Previous decision: <DecisionText decision={decision} />
          </Typography>
        )}
      </Alert>
    );
  }
  if (decision) {
    return (
      <Alert severity="info" style={{ marginBottom: 16 }}>
        <AlertTitle>Leadership decision</AlertTitle>
        <Typography variant="body2">
          <DecisionText decision={decision} />
        </Typography>
      </Alert>
    );
  }
  if (escalation.windowsOutOfBudget > 0) {
    return (
      <Typography variant="body2" color="textSecondary" paragraph>
        Out of budget for {escalation.windowsOutOfBudget} of{' '}
        {escalation.afterWindows} windows before the policy escalates to{' '}
        <ActorRef value={escalation.to} />.
      </Typography>
    );
  }
  return null;
}
