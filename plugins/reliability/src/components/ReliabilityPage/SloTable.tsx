import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  SloListItem,
  SloState,
} from '@reliability-suite/plugin-reliability-common';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { formatPercent, STATE_LABEL } from '../shared/format';
import { StateIndicator } from '../shared/StateIndicator';

const columns: TableColumn<SloListItem>[] = [
  {
    title: 'SLO',
    render: i =>
      i.objective.name && i.title.includes(i.objective.name)
        ? i.title
        : `${i.title} — ${i.objective.name}`,
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
        <StateIndicator state={i.objective.state} />
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
    render: i =>
      i.objective.dataQuality === 'no-data'
        ? '—'
        : formatPercent(i.objective.errorBudget.remaining, 1),
  },
];

/** Every SLO objective in the organisation, worst budget first. */
export function SloTable(props: { onEmpty: JSX.Element }) {
  const api = useApi(reliabilityApiRef);
  const [state, setState] = useState<SloState | ''>('');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  const { value, loading, error } = useAsync(
    () =>
      api.listSlos({
        state: state || undefined,
        limit: pageSize,
        offset: page * pageSize,
      }),
    [api, state, page, pageSize],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (!loading && value?.totalCount === 0 && state === '') return props.onEmpty;
  return (
    <>
      <FormControl style={{ minWidth: 200, marginBottom: 16 }}>
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
      {loading ? (
        <Progress />
      ) : (
        <Table<SloListItem>
          title={`Service level objectives (${value?.totalCount ?? 0})`}
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={value?.items ?? []}
        />
      )}
      <TablePagination
        component="div"
        count={value?.totalCount ?? 0}
        page={page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={[20, 50, 100]}
        onPageChange={(_e, p) => setPage(p)}
        onRowsPerPageChange={e => {
          setPageSize(Number(e.target.value));
          setPage(0);
        }}
      />
    </>
  );
}
