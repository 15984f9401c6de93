import { parseEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import { REVIEW_STATES } from '@reliability-suite/plugin-reliability-common';
import type {
  ReviewQueueItem,
  ReviewState,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useReadinessOf, useReviews } from '../../hooks';
import { REVIEW_STATE_LABEL, ageText } from '../Readiness/readiness';
import { ReviewHistory } from '../Readiness/ReviewHistory';
import { FilterSelect } from '../shared/FilterSelect';
import { OffsetPagination } from '../shared/OffsetPagination';
import { formatDateTime } from '../shared/format';
import { withRowIds } from '../shared/rowIds';
import { useEntityReliabilityLink } from '../shared/usePageLinks';
import { useUrlFilters } from '../shared/useUrlFilters';

/** The queue's default view: reviews under way (draft, submitted, changes requested). */
const OPEN = 'open';

/** The history of one review, loaded when its dialog opens. */
function ReviewHistoryDialog(props: { entityRef: string; onClose(): void }) {
  const { value, loading, error } = useReadinessOf(
    parseEntityRef(props.entityRef),
  );
  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="sm"
      fullWidth
      aria-labelledby="review-queue-history-title"
    >
      <DialogTitle id="review-queue-history-title">
        History of the review of{' '}
        <EntityDisplayName entityRef={props.entityRef} hideIcon />
      </DialogTitle>
      <DialogContent data-testid="review-queue-history">
        {loading && <Progress />}
        {error && (
          <ResponseErrorPanel
            title="Could not load the review's history"
            error={error}
          />
        )}
        {value && (
          <ReviewHistory
            review={value.review}
            comments={value.comments}
            itemTitles={
              new Map(
                value.sections
                  .flatMap(section => section.items)
                  .map(i => [i.id, i.title]),
              )
            }
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * The review queue: readiness reviews, by default every one still under way (draft,
 * submitted, changes requested; oldest first as the backend sends them), a page at a time,
 * with the entity (linked to its Reliability tab's Readiness section), how long it has
 * waited, how ready it is, its SRE team and owner, and each review's history behind
 * its History button. The state filter is kept in the URL.
 */
export function ReviewQueue() {
  const [filters, setFilters] = useUrlFilters({ state: OPEN });
  const state = filters.state as typeof OPEN | ReviewState | '';
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(20);
  const reliabilityLink = useEntityReliabilityLink();
  const [history, setHistory] = useState<string | undefined>();
  const { value, loading, error } = useReviews({
    ...(state === OPEN ? { open: true } : {}),
    ...(state && state !== OPEN ? { state } : {}),
    limit: pageSize,
    offset: page * pageSize,
  });
  const total = value?.totalCount ?? 0;

  const columns: TableColumn<ReviewQueueItem>[] = [
    {
      title: 'Entity',
      render: r => (
        <Link
          to={reliabilityLink(r.review.entityRef, 'readiness')}
          title={r.review.entityRef}
        >
          <EntityDisplayName entityRef={r.review.entityRef} hideIcon />
        </Link>
      ),
    },
    { title: 'State', render: r => REVIEW_STATE_LABEL[r.review.state] },
    {
      title: 'Waiting',
      render: r =>
        r.review.submittedAt ? (
          <span title={formatDateTime(r.review.submittedAt)}>
            submitted {ageText(r.review.submittedAt)} ago
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: 'Last change',
      render: r => formatDateTime(r.review.updatedAt),
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
    {
      title: 'History',
      render: r => (
        <Button size="small" onClick={() => setHistory(r.review.entityRef)}>
          History
        </Button>
      ),
    },
  ];

  let viewName = 'All reviews';
  let empty = 'No readiness reviews yet.';
  if (state === OPEN) {
    viewName = 'Open reviews';
    empty = 'No review is under way.';
  } else if (state) {
    viewName = `${REVIEW_STATE_LABEL[state]} reviews`;
    empty = `No reviews are ${REVIEW_STATE_LABEL[state].toLocaleLowerCase(
      'en-US',
    )}.`;
  }
  return (
    <InfoCard title="Readiness reviews">
      <Box mb={2}>
        <FilterSelect
          label="State"
          minWidth={260}
          value={state}
          onChange={v => {
            setFilters({ state: v });
            setPage(0);
          }}
          options={[
            [OPEN, 'Open (draft, submitted, changes requested)'],
            ...REVIEW_STATES.map(
              s => [s, REVIEW_STATE_LABEL[s]] as [string, string],
            ),
          ]}
        />
      </Box>
      {error && <ResponseErrorPanel error={error} />}
      {loading && <Progress />}
      {!loading && !error && value && (
        <Table<ReviewQueueItem>
          title={`${viewName} (${total})`}
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns}
          data={withRowIds(value.items, i => i.review.id)}
          emptyContent={
            <Typography variant="body2" style={{ padding: 16 }}>
              {empty} A review starts when the owning team attests an item on an
              entity's Reliability tab.
            </Typography>
          }
        />
      )}
      {history && (
        <ReviewHistoryDialog
          entityRef={history}
          onClose={() => setHistory(undefined)}
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
