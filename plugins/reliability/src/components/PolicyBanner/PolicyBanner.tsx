import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { reliabilityPolicyEnactPermission } from '@reliability-suite/plugin-reliability-common';
import type {
  EntityPolicy,
  EntitySummary,
  EntityVerdict,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useState } from 'react';
import { useEntityPolicy } from '../../hooks';
import { formatBudgetLeft, formatDate, formatDateTime } from '../shared/format';
import {
  DECISION_LABEL,
  isHttpUrl,
  policySourceLabel,
  policyStateTitle,
} from '../shared/policy';
import { PolicyStateIndicator, VerdictIndicator } from '../shared/PolicyState';
import { useVerdict } from '../shared/verdict';
import { usePolicyLink } from '../shared/usePageLinks';
import { ActorRef } from '../shared/ActorRef';
import {
  EnactFreezeDialog,
  GrantExceptionDialog,
  LiftFreezeDialog,
  PolicyDialogKind,
  RecordDecisionDialog,
} from './PolicyDialogs';

function ExternalLink(props: { href?: string | null; children?: string }) {
  if (!props.href) return null;
  if (!isHttpUrl(props.href)) return <>{props.href}</>;
  return <Link to={props.href}>{props.children ?? props.href}</Link>;
}

function FreezeAlert(props: { value: EntityPolicy }) {
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

function NothingToJudgeBy(props: {
  value: EntityPolicy;
  verdict: EntityVerdict;
  components: number;
}) {
  const { status, policy } = props.value;
  const tags = policy.sloTags ?? [];
  let why: string;
  if (status.counted === 0) {
    why =
      tags.length > 0
        ? `none of its SLOs carries a tag the policy counts (${tags.join(
            ', ',
          )})`
        : 'it has no SLOs';
  } else {
    why = `none of the ${status.counted} objectives the policy counts has data yet`;
  }
  return (
    <Box mb={2}>
      {props.verdict.kind === 'nothing-to-judge' && (
        <PolicyStateIndicator policy={policy} state={null} />
      )}
      <Typography variant="body2">
        The policy has nothing to judge by: {why}.{' '}
        {props.components > 0 &&
          `Its ${props.components} components are judged by their own SLOs and policies (see “Components” below). `}
        {status.counted === 0
          ? `Define an SLO for this entity in OpenSLO (see “Service level objectives” below)${
              tags.length > 0 ? ' and tag it with one of the tags above' : ''
            }; the policy applies as soon as it has data.`
          : 'Push SLI data or connect its source; the policy applies as soon as there is data.'}
      </Typography>
    </Box>
  );
}

/**
 * The verdict when something other than the policy state decides it (a freeze, an alert, an
 * exhausted budget, the components): the headline, with its reason.
 */
export function VerdictHeadline(props: { verdict: EntityVerdict }) {
  const { verdict } = props;
  return (
    <Box mb={2} data-testid="verdict">
      <Typography variant="h6" component="div">
        <VerdictIndicator verdict={verdict} />
      </Typography>
      <Typography variant="body1">{verdict.reason}</Typography>
      {verdict.also && verdict.also.length > 0 && (
        <Typography variant="body2" data-testid="verdict-also">
          Also: {verdict.also.join(' · ')}
        </Typography>
      )}
    </Box>
  );
}

function RecommendedState(props: {
  value: EntityPolicy;
  verdict: EntityVerdict;
  components: number;
}) {
  const { value, verdict } = props;
  const { status, policy, freeze } = value;
  if (status.state === null) {
    return (
      <NothingToJudgeBy
        value={value}
        verdict={verdict}
        components={props.components}
      />
    );
  }
  const actions = status.requiredActions ?? [];
  // Only the verdict is a headline: a policy state overruled by a freeze, an alert or an
  // exhausted budget is a plain line, without its colour or its consequences ("release as
  // usual" under a freeze).
  const decides = verdict.kind === 'policy';
  return (
    <Box mb={2}>
      <Box display="flex" alignItems="center" flexWrap="wrap">
        {decides ? (
          <Typography variant="h6" component="div" style={{ marginRight: 16 }}>
            <PolicyStateIndicator
              policy={policy}
              state={status.state}
              partial={status.partial}
            />
          </Typography>
        ) : (
          <Typography variant="body2" style={{ marginRight: 8 }}>
            Policy state by the budget alone:{' '}
            {status.title ?? policyStateTitle(policy, status.state)}
            {verdict.kind === 'freeze'
              ? ' — the freeze holds until it is lifted'
              : ' — overruled by the verdict above'}
            {' · '}
          </Typography>
        )}
        <Typography variant="body2" color="textSecondary">
          {status.since ? `since ${formatDateTime(status.since)} · ` : ''}
          budget {formatBudgetLeft(status.remaining ?? null)}
          {policy.combine === 'mean' ? ' (mean of the counted objectives)' : ''}
          {status.decidedBy && policy.combine !== 'mean' && (
            <>
              {' (worst: '}
              <EntityDisplayName entityRef={status.decidedBy.sloRef} hideIcon />
              {` — ${status.decidedBy.objective})`}
            </>
          )}
          {status.noData > 0
            ? ` · ${status.noData} of ${status.counted} objectives without data`
            : ''}
          {(status.partial ?? 0) > 0
            ? ` · ${status.partial} of ${status.counted} with data for part of their window so far`
            : ''}
        </Typography>
      </Box>
      {decides && status.consequences && (
        <Typography variant="body1" style={{ marginTop: 8 }}>
          {status.consequences}
        </Typography>
      )}
      {actions.length > 0 && (
        <>
          <Typography variant="subtitle2" style={{ marginTop: 8 }}>
            Required actions
          </Typography>
          <ul aria-label="Required actions" style={{ marginTop: 0 }}>
            {actions.map(a => (
              <li key={a}>
                <Typography variant="body2">{a}</Typography>
              </li>
            ))}
          </ul>
        </>
      )}
      {status.freezeRecommended && !freeze && (
        <Alert severity="warning" style={{ marginTop: 8 }}>
          The policy recommends a release freeze in this state
          {policy.autoEnact
            ? '; it enacts the freeze automatically.'
            : '; someone allowed to enact it has not done so yet.'}
        </Alert>
      )}
    </Box>
  );
}

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

function EscalationNote(props: { value: EntityPolicy }) {
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

/**
 * The error-budget policy of the entity on the page: the state it recommends, the freeze in
 * force with its exceptions, the escalation, and — for callers allowed to enact it — the
 * actions: enact or lift a freeze, grant an exception, record a leadership decision.
 */
export function PolicyBanner(props: {
  onChange?: () => void;
  /** The entity's summary, for the verdict: its objectives' alerts and components. */
  summary?: EntitySummary;
}) {
  const alertApi = useApi(alertApiRef);
  const policyLink = usePolicyLink();
  const { entity, value, loading, error, retry: reload } = useEntityPolicy();
  const ref = getCompoundEntityRef(entity);
  const resourceRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const { allowed } = usePermission({
    permission: reliabilityPolicyEnactPermission,
    resourceRef,
  });
  const [dialog, setDialog] = useState<PolicyDialogKind | undefined>();
  const verdict = useVerdict(value, props.summary);

  if (!value || !verdict) {
    if (loading) return <Progress />;
    if (error) {
      return (
        <ResponseErrorPanel
          title="Could not load the error-budget policy"
          error={error}
        />
      );
    }
    return null;
  }

  const { policy, freeze, escalation } = value;
  const entityTitle = entity.metadata.title ?? entity.metadata.name;
  const href = policyLink?.(policy.ref);
  const done = (message: string) => () => {
    setDialog(undefined);
    alertApi.post({ message, severity: 'success', display: 'transient' });
    reload();
    props.onChange?.();
  };
  const dialogProps = {
    entityRef: ref,
    entityTitle,
    onClose: () => setDialog(undefined),
  };
  const canDecide = !!escalation && (escalation.due || !!escalation.decision);
  const components = props.summary?.components?.length ?? 0;

  return (
    <InfoCard
      title={
        <>
          Error-budget policy:{' '}
          {href ? <Link to={href}>{policy.title}</Link> : policy.title}
        </>
      }
      subheader={
        <>
          {policySourceLabel(value.source, value.sourceRef)}
          {policy.ownerRef && (
            <>
              {' · owned by '}
              <EntityRefLink entityRef={policy.ownerRef} />
            </>
          )}
        </>
      }
    >
      {value.problem && (
        <Box mb={2}>
          <WarningPanel
            severity="warning"
            title="The selected policy could not be used: the app-config default applies"
            message={value.problem}
            defaultExpanded
          />
        </Box>
      )}
      {error && (
        <Box mb={2}>
          <ResponseErrorPanel
            title="Could not refresh the policy"
            error={error}
          />
        </Box>
      )}
      {verdict.kind !== 'policy' && verdict.kind !== 'nothing-to-judge' && (
        <VerdictHeadline verdict={verdict} />
      )}
      <FreezeAlert value={value} />
      <RecommendedState
        value={value}
        verdict={verdict}
        components={components}
      />
      <EscalationNote value={value} />
      {allowed && (
        <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
          {!freeze && (
            <Button
              variant={
                value.status.freezeRecommended ? 'contained' : 'outlined'
              }
              color="secondary"
              onClick={() => setDialog('enact')}
            >
              Enact freeze
            </Button>
          )}
          {freeze && (
            <Button
              variant="outlined"
              color="primary"
              onClick={() => setDialog('lift')}
            >
              Lift freeze
            </Button>
          )}
          {freeze && policy.exceptionClasses.length > 0 && (
            <Button variant="outlined" onClick={() => setDialog('exception')}>
              Grant exception
            </Button>
          )}
          {canDecide && (
            <Button
              variant={
                escalation?.due && !escalation.decision
                  ? 'contained'
                  : 'outlined'
              }
              color="primary"
              onClick={() => setDialog('decision')}
            >
              Record leadership decision
            </Button>
          )}
        </Box>
      )}
      {allowed && (
        <>
          <EnactFreezeDialog
            {...dialogProps}
            open={dialog === 'enact'}
            recommended={!!value.status.freezeRecommended}
            onDone={done('Release freeze enacted')}
          />
          <LiftFreezeDialog
            {...dialogProps}
            open={dialog === 'lift'}
            onDone={done('Release freeze lifted')}
          />
          <GrantExceptionDialog
            {...dialogProps}
            open={dialog === 'exception'}
            exceptionClasses={policy.exceptionClasses}
            onDone={done('Exception granted')}
          />
          <RecordDecisionDialog
            {...dialogProps}
            open={dialog === 'decision'}
            escalatedTo={escalation?.to}
            onDone={done('Leadership decision recorded')}
          />
        </>
      )}
    </InfoCard>
  );
}
