import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import type {
  EntityPolicy,
  EntityVerdict,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { formatBudgetLeft, formatDateTime } from '../shared/format';
import { nothingToJudgeByReason, policyStateTitle } from '../shared/policy';
import { PolicyStateIndicator } from '../shared/PolicyState';

function NothingToJudgeBy(props: {
  value: EntityPolicy;
  verdict: EntityVerdict;
  components: number;
}) {
  const { status, policy } = props.value;
  const tags = policy.sloTags ?? [];
  const why = nothingToJudgeByReason(props.value);
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

/** The state the policy recommends by the budget, its consequences and required actions. */
export function RecommendedState(props: {
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
