import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_ERROR_BUDGET_POLICY,
  APP_CONFIG_POLICY_REF,
  ERROR_BUDGET_POLICY_KIND,
} from '@reliability-suite/plugin-reliability-common';
import type { PolicyListItem } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { usePolicies } from '../../hooks';
import { PolicyStateIndicator } from '../shared/PolicyState';
import { usePolicyLink } from '../shared/usePageLinks';
import { withRowIds } from '../shared/rowIds';

/** The key the backend counts entities with nothing to judge by under. */
const NO_DATA_KEY = 'no-data';

function ByState(props: { item: PolicyListItem }) {
  const { policy, byState } = props.item;
  const known = policy.states.map(s => s.name);
  const entries: Array<[string | null, number]> = [
    ...policy.states.map(
      s => [s.name, byState[s.name] ?? 0] as [string, number],
    ),
    // Counts under names the policy no longer has, and "nothing to judge by".
    ...Object.entries(byState).filter(([name]) => !known.includes(name)),
  ];
  return (
    <>
      {entries.map(([state, count]) => (
        <Box key={state ?? 'none'} display="flex" alignItems="center">
          <Typography variant="body2" style={{ minWidth: 32 }}>
            {count}
          </Typography>
          <PolicyStateIndicator
            policy={policy}
            state={
              state === NO_DATA_KEY && !known.includes(state) ? null : state
            }
          />
        </Box>
      ))}
    </>
  );
}

/** Every error-budget policy in use or in the catalog, with its entities by state. */
export function PoliciesTable() {
  const policyLink = usePolicyLink();
  const { value, loading, error } = usePolicies();
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const columns: TableColumn<PolicyListItem>[] = [
    {
      title: 'Policy',
      render: i => {
        const href = policyLink?.(i.policy.ref);
        // Its title; the reference on hover rather than beside it.
        const name = (
          <Tooltip title={i.policy.ref}>
            <span>{i.policy.title}</span>
          </Tooltip>
        );
        return (
          <>
            {href ? <Link to={href}>{name}</Link> : name}
            {i.policy.ref === APP_CONFIG_POLICY_REF && (
              <Typography
                variant="caption"
                display="block"
                color="textSecondary"
              >
                app-config default
              </Typography>
            )}
          </>
        );
      },
    },
    {
      title: 'Owner',
      render: i =>
        i.policy.ownerRef ? (
          <EntityRefLink entityRef={i.policy.ownerRef} hideIcon />
        ) : (
          '—'
        ),
    },
    { title: 'Entities', field: 'entityCount', type: 'numeric' },
    {
      title: 'Frozen',
      field: 'frozenCount',
      type: 'numeric',
      render: i => (
        <Typography
          variant="body2"
          color={i.frozenCount > 0 ? 'error' : 'textPrimary'}
        >
          {i.frozenCount}
        </Typography>
      ),
    },
    { title: 'Entities by state', render: i => <ByState item={i} /> },
  ];
  return (
    <Table<PolicyListItem>
      title={`Error-budget policies (${value?.items.length ?? 0})`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={withRowIds(value?.items ?? [], i => i.policy.ref)}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">
            No error-budget policies yet. Entities with SLOs fall under the
            app-config default; to give a team its own, add an{' '}
            {ERROR_BUDGET_POLICY_KIND} entity to the catalog and select it on a
            Component, System or Domain with the{' '}
            <code>{ANNOTATION_ERROR_BUDGET_POLICY}</code> annotation.
          </Typography>
        </Box>
      }
    />
  );
}
