import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  Policy,
  SloListItem,
  SloState,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { STATE_LABEL, formatPercent } from '../shared/format';
import { isCollectingData, partialDataText } from '../shared/dataCoverage';
import { APP_CONFIG_POLICY_REF } from '../shared/policy';
import { FreezeChip, PolicyStateIndicator } from '../shared/PolicyState';
import { StateIndicator } from '../shared/StateIndicator';
import { usePolicyLink } from '../shared/usePageLinks';
import { OffsetPagination } from '../shared/OffsetPagination';
import { withRowIds } from '../shared/rowIds';

function PolicyCell(props: {
  item: SloListItem;
  policies: Map<string, Policy>;
  policyLink?: (ref: string) => string;
}) {
  const { policy } = props.item;
  if (!policy) return <>—</>;
  const known = props.policies.get(policy.ref);
  const href = props.policyLink?.(policy.ref);
  const title =
    known?.title ??
    (policy.ref === APP_CONFIG_POLICY_REF ? 'app-config default' : policy.ref);
  return (
    <>
      {/* Wrap rather than squeeze: the state keeps its width, the chip goes below. */}
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 4, whiteSpace: 'nowrap' }}
      >
        <PolicyStateIndicator
          policy={known}
          state={policy.state}
          partial={policy.partial}
        />
        {policy.frozen && <FreezeChip />}
      </Box>
      <Typography variant="caption" display="block" color="textSecondary">
        {href ? <Link to={href}>{title}</Link> : title}
      </Typography>
    </>
  );
}

const baseColumns: TableColumn<SloListItem>[] = [
  {
    title: 'SLO',
    // Its title, linking to the SLO's catalog page (objectives, history, service).
    render: i => (
      <EntityRefLink entityRef={i.sloRef} hideIcon disableTooltip>
        {i.objective.name && i.title.includes(i.objective.name)
          ? i.title
          : `${i.title} — ${i.objective.name}`}
      </EntityRefLink>
    ),
  },
  {
    title: 'Service',
    render: i => <EntityRefLink entityRef={i.serviceRef} />,
  },
  {
    title: 'Owner',
    render: i => (i.ownerRef ? <EntityRefLink entityRef={i.ownerRef} /> : '—'),
  },
  {
    title: 'State',
    render: i => (
      <>
        <StateIndicator
          state={i.objective.state}
          dataQuality={i.objective.dataQuality}
        />
        {i.objective.source && i.objective.source.state !== 'ok' && (
          <Typography variant="caption" color="error" display="block">
            {i.objective.source.type}{' '}
            {i.objective.source.state === 'stale' ? 'unreachable' : 'error'}:{' '}
            {i.objective.source.reason}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'SLI / target',
    render: i =>
      `${formatPercent(i.objective.sli)} / ${formatPercent(
        i.objective.target,
      )}`,
  },
  {
    title: 'Budget left',
    render: i => {
      if (i.objective.dataQuality === 'no-data') return '—';
      if (isCollectingData(i.objective)) return partialDataText(i.objective);
      const left = formatPercent(i.objective.errorBudget.remaining, 1);
      return i.objective.dataQuality === 'partial' ? (
        <>
          {left}
          <Typography variant="caption" display="block" color="textSecondary">
            {partialDataText(i.objective)}
          </Typography>
        </>
      ) : (
        left
      );
    },
  },
];

/**
 * Every SLO objective in the organisation, worst budget first, with the state its service's
 * error-budget policy recommends; filterable by state, policy and release freeze.
 */
export function SloTable(props: { onEmpty: JSX.Element }) {
  const api = useApi(reliabilityApiRef);
  const policyLink = usePolicyLink();
  const [state, setState] = useState<SloState | ''>('');
  const [policyRef, setPolicyRef] = useState('');
  const [frozenOnly, setFrozenOnly] = useState(false);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  // The policies, for the filter and to show each state by its title; the table works without.
  const policies = useAsync(() => api.listPolicies(), [api]);
  const policyMap = useMemo(
    () =>
      new Map((policies.value?.items ?? []).map(i => [i.policy.ref, i.policy])),
    [policies.value],
  );
  const { value, loading, error } = useAsync(
    () =>
      api.listSlos({
        state: state || undefined,
        policy: policyRef || undefined,
        frozen: frozenOnly ? true : undefined,
        limit: pageSize,
        offset: page * pageSize,
      }),
    [api, state, policyRef, frozenOnly, page, pageSize],
  );
  const columns = useMemo(
    () => [
      ...baseColumns,
      {
        title: 'Policy',
        cellStyle: { minWidth: 160 },
        render: (i: SloListItem) => (
          <PolicyCell item={i} policies={policyMap} policyLink={policyLink} />
        ),
      },
    ],
    [policyMap, policyLink],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  const filtered = state !== '' || policyRef !== '' || frozenOnly;
  if (!loading && value?.totalCount === 0 && !filtered) return props.onEmpty;
  return (
    <>
      <Box
        display="flex"
        alignItems="flex-end"
        flexWrap="wrap"
        style={{ gap: 24 }}
        mb={2}
      >
        <FormControl style={{ minWidth: 200 }}>
          <InputLabel id="slo-state-filter">State</InputLabel>
          <Select
            labelId="slo-state-filter"
            value={state}
            onChange={e => {
              setState(e.target.value as SloState | '');
              setPage(0);
            }}
          >
            <MenuItem value="">All</MenuItem>
            {(Object.keys(STATE_LABEL) as SloState[]).map(s => (
              <MenuItem key={s} value={s}>
                {STATE_LABEL[s]}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControl style={{ minWidth: 240 }}>
          <InputLabel id="slo-policy-filter">Policy</InputLabel>
          <Select
            labelId="slo-policy-filter"
            value={policyRef}
            onChange={e => {
              setPolicyRef(e.target.value as string);
              setPage(0);
            }}
          >
            <MenuItem value="">All</MenuItem>
            {(policies.value?.items ?? []).map(i => (
              <MenuItem key={i.policy.ref} value={i.policy.ref}>
                {i.policy.title}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControlLabel
          control={
            <Switch
              checked={frozenOnly}
              onChange={e => {
                setFrozenOnly(e.target.checked);
                setPage(0);
              }}
            />
          }
          label="Frozen only"
        />
      </Box>
      {policies.error && (
        <Typography variant="caption" color="error" display="block">
          Could not load the policies for the filter: {policies.error.message}
        </Typography>
      )}
      {loading ? (
        <Progress />
      ) : (
        <Table<SloListItem>
          title={`Service level objectives (${value?.totalCount ?? 0})`}
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={withRowIds(
            value?.items ?? [],
            i => `${i.sloRef}\u0000${i.objective.name}`,
          )}
          emptyContent={
            <Typography variant="body2" style={{ padding: 16 }}>
              No objectives match these filters.
            </Typography>
          }
        />
      )}
      <OffsetPagination
        total={value?.totalCount ?? 0}
        page={page}
        pageSize={pageSize}
        sizes={[20, 50, 100]}
        onChange={(p, size) => {
          setPage(p);
          setPageSize(size);
        }}
      />
    </>
  );
}
