import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { REVIEW_STATES } from '@reliability-suite/plugin-reliability-common';
import type {
  ReviewQueueItem,
  ReviewState,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { reliabilityApiRef } from '../../api';
import { REVIEW_STATE_LABEL, ageText } from '../Readiness/readiness';
import { OffsetPagination } from '../shared/OffsetPagination';
import { withRowIds } from '../shared/rowIds';

const columns: TableColumn<ReviewQueueItem>[] = [
  {
    title: 'Entity',
    render: r => <EntityRefLink entityRef={r.review.entityRef} />,
  },
  { title: 'State', render: r => REVIEW_STATE_LABEL[r.review.state] },
  {
    title: 'Submitted',
    render: r =>
      r.review.submittedAt ? (
        <span title={new Date(r.review.submittedAt).toLocaleString()}>
          {ageText(r.review.submittedAt)}
        </span>
      ) : (
        '—'
      ),
  },
  { title: 'Readiness', render: r => `${Math.round(r.percent)}%` },
  {
    title: 'SRE team',
    render: r =>
      r.sreTeamRef ? (
        <EntityRefLink entityRef={r.sreTeamRef} defaultKind="group" />
      ) : (
        '—'
      ),
  },
  {
    title: 'Owner',
    render: r =>
      r.ownerRef ? (
        <EntityRefLink entityRef={r.ownerRef} defaultKind="group" />
      ) : (
        '—'
      ),
  },
];

/**
 * The review queue: readiness reviews by state (submitted by default, oldest first as the
 * backend sends them), a page at a time, with the entity, how long it has waited, how ready it
 * is, its SRE team and owner.
 */
export function ReviewQueue() {
  const api = useApi(reliabilityApiRef);
  const [state, setState] = useState<ReviewState | ''>('submitted');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  const { value, loading, error } = useAsync(
    () =>
      api.listReviews({
        ...(state ? { state } : {}),
        limit: pageSize,
        offset: page * pageSize,
      }),
    [api, state, page, pageSize],
  );
  const total = value?.totalCount ?? 0;
  return (
    <InfoCard title="Readiness reviews">
      <Box mb={2}>
        <FormControl style={{ minWidth: 200 }}>
          <InputLabel id="review-queue-state">State</InputLabel>
          <Select
            labelId="review-queue-state"
            value={state}
            onChange={e => {
              setState(e.target.value as ReviewState | '');
              setPage(0);
            }}
          >
            <MenuItem value="">All</MenuItem>
            {REVIEW_STATES.map(s => (
              <MenuItem key={s} value={s}>
                {REVIEW_STATE_LABEL[s]}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </Box>
      {error && <ResponseErrorPanel error={error} />}
      {loading && <Progress />}
      {!loading && !error && value && (
        <Table<ReviewQueueItem>
          title={`Reviews (${total})`}
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={withRowIds(value.items, i => i.review.id)}
          emptyContent={
            <Typography variant="body2" style={{ padding: 16 }}>
              {state
                ? `No reviews are ${REVIEW_STATE_LABEL[state].toLocaleLowerCase(
                    'en-US',
                  )}.`
                : 'No readiness reviews yet.'}{' '}
              A review starts when the owning team attests an item on an
              entity's Reliability tab.
            </Typography>
          }
        />
      )}
      {total > 0 && (
        <OffsetPagination
          total={total}
          page={page}
          pageSize={pageSize}
          sizes={[20, 50, 100]}
          onChange={(p, size) => {
            setPage(p);
            setPageSize(size);
          }}
        />
      )}
    </InfoCard>
  );
}
