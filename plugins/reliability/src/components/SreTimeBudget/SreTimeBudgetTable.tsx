import {
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ANNOTATION_SRE_TEAM } from '@reliability-suite/plugin-reliability-common';
import type { SreTimeBudgetSummary } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useSreTimeBudgets } from '../../hooks';
import { trendLabel } from './timeBudget';
import { withRowIds } from '../shared/rowIds';
import { formatMonth, formatShare } from '../shared/format';

const columns: TableColumn<SreTimeBudgetSummary>[] = [
  {
    title: 'Team',
    render: t => (
      <EntityRefLink entityRef={t.groupRef} defaultKind="group">
        {t.title || undefined}
      </EntityRefLink>
    ),
  },
  { title: 'Members', render: t => t.members ?? '—' },
  { title: 'Supported services', render: t => t.services.length },
  {
    title: 'This month so far',
    render: t => formatShare(t.current.share, 0),
  },
  {
    title: 'Last complete month',
    cellStyle: { whiteSpace: 'nowrap' },
    render: t =>
      t.latestComplete
        ? `${formatShare(t.latestComplete.share, 0)} in ${formatMonth(
            t.latestComplete.month,
          )}`
        : '—',
  },
  {
    title: 'Cap',
    cellStyle: { whiteSpace: 'nowrap' },
    render: t =>
      t.overCap ? (
        <StatusError>Over the {formatShare(t.cap, 0)} cap</StatusError>
      ) : (
        <StatusOK>Within {formatShare(t.cap, 0)}</StatusOK>
      ),
  },
  { title: 'Trend', render: t => trendLabel(t.trend) },
];

/**
 * Every SRE team's time budget: its operational share this month and in its last complete
 * month (which decides whether it is over the cap), and the trend; teams over the cap first.
 */
export function SreTimeBudgetTable() {
  const { value, loading, error } = useSreTimeBudgets({ limit: 200 });
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const teams = (value?.items ?? []).filter(t => t.services.length > 0);
  return (
    <Table<SreTimeBudgetSummary>
      title={`Time budget: operational work against the cap (${teams.length})`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={withRowIds(teams, t => t.groupRef)}
      emptyContent={
        <Box p={2}>
          <Typography variant="body2">
            No SRE team supports services yet. The time budget counts the pages,
            tickets and incidents of the services an SRE team supports: name it
            on a service with <code>{ANNOTATION_SRE_TEAM}</code> and the
            engagement <code>supported</code>.
          </Typography>
        </Box>
      }
    />
  );
}
