import type { EntityPolicy } from '@reliability-suite/plugin-reliability-common';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { formatBudgetLeft, formatDateTime } from '../shared/format';
import { ActorRef } from '../shared/ActorRef';
import { ExternalLink } from './ExternalLink';

/** The freeze in force: who enacted it and why, and the exceptions granted under it. */
export function FreezeAlert(props: { value: EntityPolicy }) {
  const { freeze, exceptions, policy } = props.value;
  if (!freeze) return null;
  const preApproved = policy.exceptionClasses.filter(c => c.preApproved);
  return (
    <Alert severity="error" variant="outlined" style={{ marginBottom: 16 }}>
      <AlertTitle>Release freeze</AlertTitle>
      <Typography variant="body2">
        In force since {formatDateTime(freeze.startedAt)}, enacted{' '}
        {freeze.automatic ? (
          <>automatically by the policy</>
        ) : (
          <>
            by <ActorRef value={freeze.startedBy} />
          </>
        )}
        {freeze.budgetRemaining !== null && freeze.budgetRemaining !== undefined
          ? ` (budget then: ${formatBudgetLeft(freeze.budgetRemaining)})`
          : ''}
        .
      </Typography>
      <Typography variant="body2">Reason: {freeze.reason}</Typography>
      {freeze.link && (
        <Typography variant="body2">
          Link: <ExternalLink href={freeze.link} />
        </Typography>
      )}
      <Typography variant="body2" style={{ marginTop: 8 }}>
        Releases are blocked at the deploy gate unless a change has an exception
        {preApproved.length > 0
          ? ` or is of a pre-approved class (${preApproved
              .map(c => c.name)
              .join(', ')})`
          : ''}
        .
      </Typography>
      <Typography variant="subtitle2" style={{ marginTop: 8 }}>
        {exceptions.length === 0
          ? 'No exceptions granted under this freeze.'
          : `Exceptions (${exceptions.length})`}
      </Typography>
      {exceptions.length > 0 && (
        <ul aria-label="Exceptions" style={{ margin: 0, paddingLeft: 20 }}>
          {exceptions.map(e => (
            <li key={e.id}>
              <Typography variant="body2">
                <strong>{e.changeId}</strong> ({e.exceptionClass}) — {e.reason}
                {' — granted by '}
                <ActorRef value={e.grantedBy} /> {formatDateTime(e.grantedAt)}
                {e.link && (
                  <>
                    {' · '}
                    <ExternalLink href={e.link} />
                  </>
                )}
              </Typography>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
