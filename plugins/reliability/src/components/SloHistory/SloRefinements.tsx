import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { SloRefinement } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useSloRefinements } from '../../hooks';
import { isHttpUrl } from '../shared/policy';
import { describeChange } from './describeChange';
import { OffsetPagination } from '../shared/OffsetPagination';
import { withRowIds } from '../shared/rowIds';
import { formatDateTime } from '../shared/format';

const columns: TableColumn<SloRefinement>[] = [
  {
    title: 'When',
    field: 'effectiveFrom',
    render: r => formatDateTime(r.effectiveFrom),
  },
  {
    title: 'SLO',
    field: 'title',
    render: r => (
      <>
        {r.title}
        <Typography variant="caption" display="block" color="textSecondary">
          {r.serviceRef ? (
            <EntityRefLink entityRef={r.serviceRef} />
          ) : (
            'no longer in the catalog'
          )}
        </Typography>
      </>
    ),
  },
  {
    title: 'Owner',
    field: 'ownerRef',
    render: r => (r.ownerRef ? <EntityRefLink entityRef={r.ownerRef} /> : '—'),
  },
  {
    title: 'Change',
    render: r => (
      <>
        {r.loosened && (
          <Chip
            size="small"
            color="secondary"
            label="Loosened"
            style={{ marginRight: 8 }}
          />
        )}
        {r.changes.map((c, i) => (
          <Typography variant="body2" key={i}>
            {describeChange(c)}
          </Typography>
        ))}
      </>
    ),
  },
  {
    title: 'Source',
    render: r =>
      r.sourceUrl && isHttpUrl(r.sourceUrl) ? (
        <Link to={r.sourceUrl}>revision {r.revision}</Link>
      ) : (
        r.sourceLocation ?? `revision ${r.revision}`
      ),
  },
];

/**
 * Changes of SLO definitions across the organisation, newest first: where decisions to
 * loosen an SLO show up, beside the leadership decisions of the error-budget policies.
 */
export function SloRefinements() {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  const { value, loading, error } = useSloRefinements({
    limit: pageSize,
    offset: page * pageSize,
  });
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <>
      {loading ? (
        <Progress />
      ) : (
        <Table<SloRefinement>
          title="SLO refinements"
          subtitle="Targets tightened or loosened, windows and budgeting methods changed, objectives added or removed — as the catalog delivered them, or as an imported history records them."
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={withRowIds(
            value?.items ?? [],
            r => `${r.sloRef}\u0000${r.revision}`,
          )}
          emptyContent={
            <Box p={2}>
              <Typography variant="body2">
                No SLO has been refined yet. When a team changes an SLO's
                target, window or objectives in its catalog file, the change
                appears here with its source.
              </Typography>
            </Box>
          }
        />
      )}
      {(value?.totalCount ?? 0) > pageSize && (
        <OffsetPagination
          total={value?.totalCount ?? 0}
          page={page}
          pageSize={pageSize}
          sizes={[25, 50, 100]}
          onChange={(p, size) => {
            setPage(p);
            setPageSize(size);
          }}
        />
      )}
    </>
  );
}
