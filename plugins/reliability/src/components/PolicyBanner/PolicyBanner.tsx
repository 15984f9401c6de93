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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { reliabilityPolicyEnactPermission } from '@reliability-suite/plugin-reliability-common';
import type { EntitySummary } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useState } from 'react';
import { useEntityPolicy } from '../../hooks';
import { policySourceLabel } from '../shared/policy';
import { useVerdict } from '../shared/verdict';
import { usePolicyLink } from '../shared/usePageLinks';
import { EscalationNote } from './EscalationNote';
import { FreezeAlert } from './FreezeAlert';
import {
  EnactFreezeDialog,
  GrantExceptionDialog,
  LiftFreezeDialog,
  PolicyDialogKind,
  RecordDecisionDialog,
} from './PolicyDialogs';
import { RecommendedState } from './RecommendedState';
import { VerdictHeadline } from './VerdictHeadline';

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
        // One span: the card lays its subheader out as flex items, which dropped the
        // space between "owned by" and the owner's link.
        <span>
          {policySourceLabel(value.source, value.sourceRef)}
          {policy.ownerRef && (
            <>
              {' · owned by '}
              <EntityRefLink entityRef={policy.ownerRef} />
            </>
          )}
        </span>
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
