import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  POSTMORTEM_SEVERITIES,
  POSTMORTEM_STATUSES,
} from '@reliability-suite/plugin-reliability-common';
import type {
  ListPostmortemsQuery,
  Postmortem,
  PostmortemFigures,
  PostmortemSeverity,
  PostmortemStatus,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { usePostmortemFigures, usePostmortems } from '../../hooks';
import { MttrTrendChart } from '../Postmortems/MttrTrendChart';
import {
  NeedsPublishingChip,
  OverdueChip,
  SeverityChip,
  StatusChip,
} from '../Postmortems/PostmortemChips';
import {
  SEVERITY_LABEL,
  STATUS_LABEL,
  endOfDayUtc,
} from '../Postmortems/postmortem';
import { shortRef } from '../shared/responsibility';
import { OffsetPagination } from '../shared/OffsetPagination';
import { withRowIds } from '../shared/rowIds';
import { formatDate, formatDuration, formatShare } from '../shared/format';
import { FilterSelect } from '../shared/FilterSelect';
import { usePostmortemLink } from '../shared/usePageLinks';
import { useUrlFilters } from '../shared/useUrlFilters';
import { useOwnerOptions } from '../Postmortems/OwnerPicker';

/** The filters as the URL holds them ('' for all). */
type Filters = {
  q: string;
  /** A group's entity reference: the team owning the affected entities. */
  team: string;
  severity: PostmortemSeverity | '';
  status: PostmortemStatus | '';
  /** YYYY-MM-DD */
  from: string;
  to: string;
};

const NO_FILTERS: Filters = {
  q: '',
  team: '',
  severity: '',
  status: '',
  from: '',
  to: '',
};

/** The filters as the API takes them, leaving out those set to all; the period's days are UTC. */
function postmortemQuery(f: Filters): ListPostmortemsQuery {
  const query: ListPostmortemsQuery = {};
  if (f.q) query.q = f.q;
  if (f.team) query.team = f.team;
  if (f.severity) query.severity = f.severity;
  if (f.status) query.status = f.status;
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.from))
    query.from = `${f.from}T00:00:00.000Z`;
  const to = endOfDayUtc(f.to);
  if (to) query.to = to;
  return query;
}

function Refs(props: { refs: string[]; defaultKind?: string }) {
  if (props.refs.length === 0) return <>—</>;
  return (
    <>
      {props.refs.map((ref, i) => (
        <span key={ref}>
          {i > 0 && ', '}
          <EntityRefLink entityRef={ref} defaultKind={props.defaultKind} />
        </span>
      ))}
    </>
  );
}

function ActionItemCounts(props: { postmortem: Postmortem }) {
  const items = props.postmortem.actionItems;
  const open = items.filter(
    i => i.status === 'open' || i.status === 'in-progress',
  ).length;
  const overdue = items.filter(i => i.overdue).length;
  if (items.length === 0) return <>—</>;
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
      <span>
        {open} open of {items.length}
      </span>
      {overdue > 0 && (
        <span>
          {overdue} <OverdueChip />
        </span>
      )}
    </Box>
  );
}

// In an auto table layout, 1% shrinks a column to its content and leaves the rest to the
// title (material-table would otherwise give every column an equal share as its minimum);
// with the theme's 20 px cell padding, nine columns would not fit beside the sidebar.
const SHRINK = '1%';
const PADDING = { paddingLeft: 10, paddingRight: 10 };

const columns = (
  link: ((id: string) => string) | undefined,
): TableColumn<Postmortem>[] => [
  {
    title: 'Title',
    cellStyle: { minWidth: 160 },
    // The postmortem's page, where its document is linked too.
    render: pm => (link ? <Link to={link(pm.id)}>{pm.title}</Link> : pm.title),
  },
  {
    title: 'Affected entities',
    width: SHRINK,
    render: pm => <Refs refs={pm.entityRefs} />,
  },
  {
    title: 'Teams',
    width: SHRINK,
    render: pm => <Refs refs={pm.teamRefs} defaultKind="group" />,
  },
  {
    title: 'Severity',
    width: SHRINK,
    render: pm => <SeverityChip severity={pm.severity} />,
  },
  {
    title: 'Status',
    width: SHRINK,
    render: pm => (
      <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
        <StatusChip status={pm.status} />
        <NeedsPublishingChip rules={pm.needsPublishing} />
      </Box>
    ),
  },
  {
    title: 'Started',
    width: SHRINK,
    cellStyle: { whiteSpace: 'nowrap' },
    render: pm => formatDate(pm.startedAt),
  },
  {
    title: 'Detect · resolve',
    width: SHRINK,
    // Each duration on one line; the pair may wrap at the dot in a narrow window.
    render: pm => (
      <>
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatDuration(pm.timeToDetectMs)} ·
        </span>{' '}
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatDuration(pm.timeToResolveMs)}
        </span>
      </>
    ),
  },
  {
    title: 'Budget spent',
    width: SHRINK,
    cellStyle: { whiteSpace: 'nowrap' },
    render: pm => formatShare(pm.maxBudgetShare, 1, 'no data'),
  },
  {
    title: 'Action items',
    width: SHRINK,
    render: pm => <ActionItemCounts postmortem={pm} />,
  },
];

/** Open and overdue action items by the owning team of the affected entities. */
function ActionItemsByTeam(props: { figures: PostmortemFigures }) {
  const cols: TableColumn<PostmortemFigures['actionItems'][number]>[] = [
    {
      title: 'Team',
      render: t => <EntityRefLink entityRef={t.teamRef} defaultKind="group" />,
    },
    { title: 'Open', field: 'open', type: 'numeric' },
    {
      title: 'Overdue',
      field: 'overdue',
      type: 'numeric',
      render: t => (
        <Typography
          variant="body2"
          color={t.overdue > 0 ? 'error' : 'textPrimary'}
        >
          {t.overdue}
        </Typography>
      ),
    },
  ];
  return (
    <Table
      title="Action items by team"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={cols}
      data={withRowIds(props.figures.actionItems, t => t.teamRef)}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">No open action items.</Typography>
        </Box>
      }
    />
  );
}

/**
 * Every postmortem in the organisation, newest incident first, so every team can learn from
 * every incident: searchable (title, summary, action items) and filtered by team (picked by
 * name from the catalog's groups), severity, status and the period the incidents started in,
 * the filters kept in the URL so a reload or a shared link keeps them; a page at a time, each
 * title opening the postmortem's page; MTTD and MTTR by month for the organisation (or the
 * team filtered on) and the open and overdue action items by team.
 */
export function PostmortemsTab() {
  const postmortemLink = usePostmortemLink();
  const [filters, setFilters] = useUrlFilters<keyof Filters>(NO_FILTERS) as [
    Filters,
    (patch: Partial<Filters>) => void,
  ];
  const [search, setSearch] = useState(filters.q);
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  const owners = useOwnerOptions();
  const teams = (owners.value ?? []).filter(o => o.kind === 'group');

  const setFilter = (patch: Partial<Filters>) => {
    setFilters(patch);
    setPage(0);
  };

  // The search applies once typing pauses; the URL has it from then on.
  useDebounce(
    () => {
      const q = search.trim();
      if (q !== filters.q) setFilter({ q });
    },
    400,
    [search],
  );

  const list = usePostmortems({
    ...postmortemQuery(filters),
    limit: pageSize,
    offset: page * pageSize,
  });
  const figures = usePostmortemFigures(
    filters.team ? { team: filters.team } : {},
  );

  const filtered = Object.values(filters).some(v => v !== '');
  const result = list.value;
  const total = result?.totalCount ?? 0;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Postmortems"
          subheader="Every postmortem in the organisation, newest incident first — learn from every team’s incidents"
        >
          <Box
            display="flex"
            alignItems="flex-end"
            flexWrap="wrap"
            style={{ gap: 24 }}
            mb={2}
          >
            <TextField
              id="postmortems-search"
              label="Search"
              placeholder="title, summary or action item"
              type="search"
              value={search}
              onChange={e => setSearch(e.target.value)}
              inputProps={{ maxLength: 200 }}
              style={{ minWidth: 240 }}
            />
            <FilterSelect
              label="Team"
              value={filters.team}
              onChange={team => setFilter({ team })}
              minWidth={200}
              options={[
                ...teams.map((t): [string, string] => [t.ref, t.title]),
                // A team in the URL the catalog does not list (or not yet loaded).
                ...(filters.team && !teams.some(t => t.ref === filters.team)
                  ? [[filters.team, shortRef(filters.team)] as [string, string]]
                  : []),
              ]}
            />
            <FilterSelect
              label="Severity"
              value={filters.severity}
              onChange={severity =>
                setFilter({ severity: severity as Filters['severity'] })
              }
              options={POSTMORTEM_SEVERITIES.map(s => [s, SEVERITY_LABEL[s]])}
            />
            <FilterSelect
              label="Status"
              value={filters.status}
              onChange={status =>
                setFilter({ status: status as Filters['status'] })
              }
              options={POSTMORTEM_STATUSES.map(s => [s, STATUS_LABEL[s]])}
            />
            <TextField
              id="postmortems-from"
              label="Started from"
              type="date"
              value={filters.from}
              onChange={e => setFilter({ from: e.target.value })}
              InputLabelProps={{ shrink: true }}
            />
            <TextField
              id="postmortems-to"
              label="Started until"
              type="date"
              value={filters.to}
              onChange={e => setFilter({ to: e.target.value })}
              InputLabelProps={{ shrink: true }}
              helperText="Days in UTC, both included"
            />
          </Box>
          {list.error && <ResponseErrorPanel error={list.error} />}
          {list.loading && <Progress />}
          {!list.loading && !list.error && result && (
            <>
              {total === 0 && !filtered ? (
                <EmptyState
                  missing="content"
                  title="No postmortems yet"
                  description={
                    <>
                      Teams add postmortems from an entity’s Reliability tab
                      (where the burn episodes that need one are listed), or
                      import their archive with the CLI’s{' '}
                      <code>postmortems import</code>.
                    </>
                  }
                />
              ) : (
                // Nine columns fit beside the sidebar at 1440 px; narrower, the table
                // scrolls sideways rather than cutting off its last columns.
                <Box
                  style={{ overflowX: 'auto' }}
                  data-testid="postmortems-table"
                >
                  <Table<Postmortem>
                    title={`Postmortems (${total})`}
                    options={{
                      paging: false,
                      search: false,
                      padding: 'dense',
                      toolbar: true,
                      // Columns as wide as their content, so that ten fit beside the sidebar.
                      tableLayout: 'auto',
                    }}
                    columns={columns(postmortemLink).map(c => ({
                      ...c,
                      headerStyle: PADDING,
                      cellStyle: { ...PADDING, ...(c.cellStyle as object) },
                    }))}
                    data={result.items}
                    emptyContent={
                      <Typography variant="body2" style={{ padding: 16 }}>
                        No postmortems match these filters.
                      </Typography>
                    }
                  />
                </Box>
              )}
            </>
          )}
          {total > 0 && (
            <OffsetPagination
              total={total}
              page={page}
              pageSize={pageSize}
              sizes={[25, 50, 100]}
              onChange={(p, size) => {
                setPage(p);
                setPageSize(size);
              }}
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard
          title="Time to detect and resolve"
          subheader={`Mean by the month incidents started in (UTC) — ${
            filters.team
              ? teams.find(t => t.ref === filters.team)?.title ??
                shortRef(filters.team)
              : 'the whole organisation'
          }`}
        >
          {figures.loading && <Progress />}
          {figures.error && <ResponseErrorPanel error={figures.error} />}
          {figures.value && <MttrTrendChart monthly={figures.value.monthly} />}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        {figures.value && <ActionItemsByTeam figures={figures.value} />}
      </Grid>
    </Grid>
  );
}
