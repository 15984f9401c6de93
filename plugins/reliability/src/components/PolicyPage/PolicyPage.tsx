import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_ERROR_BUDGET_POLICY,
  APP_CONFIG_POLICY_REF,
} from '@reliability-suite/plugin-reliability-common';
import type {
  Policy,
  PolicyDetail,
  PolicyEntity,
} from '@reliability-suite/plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import MuiTable from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useParams } from 'react-router-dom';
import { usePolicy } from '../../hooks';
import {
  formatBudgetLeft,
  formatDateTime,
  formatPercent,
} from '../shared/format';
import { FreezeChip, PolicyStateIndicator } from '../shared/PolicyState';
import { PolicyHistory } from '../shared/PolicyHistory';
import { useRootLink } from '../shared/usePageLinks';
import { withRowIds } from '../shared/rowIds';

const SOURCE_LABEL: Record<string, string> = {
  entity: 'the entity',
  system: 'its System',
  domain: 'its Domain',
  default: 'app-config default',
};

type StateRow = Policy['states'][number] & { entities: number };

function thresholdText(states: Policy['states'], index: number): string {
  const state = states[index];
  if (state.remainingAbove !== undefined) {
    return `above ${formatPercent(state.remainingAbove, 1)}`;
  }
  const previous = states[index - 1]?.remainingAbove;
  return previous !== undefined
    ? `${formatPercent(previous, 1)} or less`
    : 'any budget';
}

function StatesTable(props: { detail: PolicyDetail }) {
  const { policy, entities } = props.detail;
  const rows: StateRow[] = policy.states.map(s => ({
    ...s,
    entities: entities.filter(e => e.state === s.name).length,
  }));
  const columns: TableColumn<StateRow>[] = [
    {
      title: 'State',
      render: s => <PolicyStateIndicator policy={policy} state={s.name} />,
    },
    {
      title: 'Budget remaining',
      render: s =>
        thresholdText(
          policy.states,
          policy.states.findIndex(x => x.name === s.name),
        ),
    },
    { title: 'Consequences', field: 'consequences' },
    {
      title: 'Required actions',
      render: s =>
        s.requiredActions && s.requiredActions.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {s.requiredActions.map(a => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        ) : (
          '—'
        ),
    },
    {
      title: 'Release freeze',
      render: s => (s.freeze ? 'Yes' : 'No'),
    },
    { title: 'Entities', field: 'entities', type: 'numeric' },
  ];
  return (
    <Table<StateRow>
      title="States, best to worst"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={withRowIds(rows, r => r.name)}
    />
  );
}

function RulesCard(props: { policy: Policy }) {
  const { policy } = props;
  const tags = policy.sloTags ?? [];
  const rows: Array<[string, JSX.Element | string]> = [
    [
      'Owner',
      policy.ownerRef ? (
        <EntityRefLink entityRef={policy.ownerRef} />
      ) : (
        'not set'
      ),
    ],
    [
      'SLOs that count',
      tags.length > 0
        ? `Those tagged ${tags.join(', ')}`
        : 'All SLOs of the service',
    ],
    [
      'Several objectives',
      policy.combine === 'mean'
        ? 'Their mean budget remaining decides the state'
        : 'The worst objective decides the state',
    ],
    [
      'Freeze',
      policy.autoEnact
        ? 'Enacted automatically when a freezing state is reached'
        : 'Recommended in a freezing state; a person enacts it',
    ],
    [
      'Exception classes',
      policy.exceptionClasses.length === 0 ? (
        'None: nothing ships during a freeze'
      ) : (
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {policy.exceptionClasses.map(c => (
            <li key={c.name}>
              <strong>{c.name}</strong>
              {c.description ? ` — ${c.description}` : ''}
              {c.preApproved ? ' (pre-approved: no exception needed)' : ''}
            </li>
          ))}
        </ul>
      ),
    ],
    [
      'Postmortems',
      policy.postmortemBudgetShareAbove !== null &&
      policy.postmortemBudgetShareAbove !== undefined
        ? `Required for an incident that consumed more than ${formatPercent(
            policy.postmortemBudgetShareAbove,
            1,
          )} of the budget`
        : 'No rule',
    ],
    [
      'Escalation',
      policy.escalation ? (
        <>
          To <EntityRefLink entityRef={policy.escalation.to} /> after{' '}
          {policy.escalation.afterWindows} consecutive windows out of budget,
          for a leadership decision
        </>
      ) : (
        'None'
      ),
    ],
  ];
  return (
    <InfoCard title="Rules">
      {policy.description && (
        <Typography variant="body2" paragraph>
          {policy.description}
        </Typography>
      )}
      <MuiTable size="small" aria-label="Rules">
        <TableBody>
          {rows.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell component="th" scope="row">
                {label}
              </TableCell>
              <TableCell>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </MuiTable>
    </InfoCard>
  );
}

function EntitiesTable(props: { detail: PolicyDetail }) {
  const { policy, entities } = props.detail;
  const columns: TableColumn<PolicyEntity>[] = [
    {
      title: 'Entity',
      field: 'entityRef',
      render: e => <EntityRefLink entityRef={e.entityRef} />,
    },
    {
      title: 'State',
      render: e => (
        <>
          <PolicyStateIndicator policy={policy} state={e.state} />
          {e.since && (
            <Typography variant="caption" display="block" color="textSecondary">
              since {formatDateTime(e.since)}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Budget left',
      render: e => formatBudgetLeft(e.remaining),
    },
    {
      title: 'Release freeze',
      render: e => (e.frozen ? <FreezeChip /> : '—'),
    },
    {
      title: 'Selected by',
      render: e => SOURCE_LABEL[e.source ?? ''] ?? '—',
    },
  ];
  return (
    <Table<PolicyEntity>
      title={`Entities under this policy (${entities.length})`}
      options={{
        paging: entities.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={withRowIds(entities, e => e.entityRef)}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          {policy.ref === APP_CONFIG_POLICY_REF
            ? 'No entity falls back to the app-config default: each has a policy of its own, its System’s or its Domain’s.'
            : `No entity uses this policy yet. Select it on a Component, System or Domain with the ${ANNOTATION_ERROR_BUDGET_POLICY} annotation.`}
        </Typography>
      }
    />
  );
}

/** `/reliability/policies/:namespace/:name`: one error-budget policy. */
export function PolicyPage() {
  const { namespace = '', name = '' } = useParams();
  const rootLink = useRootLink();
  const { value, loading, error } = usePolicy({ namespace, name });
  const ref = value?.policy.ref ?? `errorbudgetpolicy:${namespace}/${name}`;
  return (
    <Page themeId="tool">
      <Header
        title={value?.policy.title ?? name}
        subtitle={
          ref === APP_CONFIG_POLICY_REF
            ? 'The app-config default error-budget policy'
            : ref
        }
        type="Error-budget policy"
        typeLink={
          rootLink ? `${rootLink.replace(/\/$/, '')}/policies` : undefined
        }
      />
      <Content>
        {loading && <Progress />}
        {error && (
          <ResponseErrorPanel
            title={`Could not load the policy ${ref}`}
            error={error}
          />
        )}
        {value && (
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <StatesTable detail={value} />
            </Grid>
            <Grid item xs={12} md={5}>
              <RulesCard policy={value.policy} />
            </Grid>
            <Grid item xs={12} md={7}>
              <EntitiesTable detail={value} />
            </Grid>
            <Grid item xs={12}>
              <PolicyHistory
                title="History"
                subjectRef={value.policy.ref}
                emptyContent="Nothing enacted under this policy yet. Freezes, exceptions, leadership decisions and state changes of its entities appear here."
              />
            </Grid>
          </Grid>
        )}
      </Content>
    </Page>
  );
}
