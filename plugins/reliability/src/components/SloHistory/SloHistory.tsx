import { parseEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import type {
  RevisionBudget,
  SloRevision,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Timeline from '@material-ui/lab/Timeline';
import TimelineConnector from '@material-ui/lab/TimelineConnector';
import TimelineContent from '@material-ui/lab/TimelineContent';
import TimelineDot from '@material-ui/lab/TimelineDot';
import TimelineItem from '@material-ui/lab/TimelineItem';
import TimelineOppositeContent from '@material-ui/lab/TimelineOppositeContent';
import TimelineSeparator from '@material-ui/lab/TimelineSeparator';
import { useCallback, useEffect, useState } from 'react';
import { useReliabilityApi } from '../../hooks';
import { formatDateTime, formatPercent } from '../shared/format';
import { isHttpUrl } from '../shared/policy';
import { describeChange } from './describeChange';
import { SourceLocation } from '../shared/SourceLocation';

const PAGE = 20;

function budgetText(point: RevisionBudget['before'], fallback = '—'): string {
  if (!point) return fallback;
  return point.remaining === null
    ? 'no data'
    : formatPercent(point.remaining, 1);
}

function BudgetLine(props: { budget: RevisionBudget; first: boolean }) {
  const { budget, first } = props;
  const before = budgetText(budget.before, 'new');
  const after = budgetText(budget.after);
  const parts = first
    ? [`${budgetText(budget.end)} when next changed`]
    : [
        `${before} before`,
        // Usually the same: a new target applies to what follows the change.
        ...(after !== before ? [`${after} at the change`] : []),
        `${budgetText(budget.end)} ${
          budget.end ? 'by the next change or now' : ''
        }`.trim(),
      ];
  return (
    <Typography
      variant="caption"
      display="block"
      color="textSecondary"
      data-testid={`revision-budget-${budget.objective}`}
    >
      Budget of {budget.objective}: {parts.join(' → ')}
    </Typography>
  );
}

function Source(props: { revision: SloRevision }) {
  const { sourceUrl, sourceLocation } = props.revision;
  // The file's name; the whole location on hover.
  if (sourceUrl && isHttpUrl(sourceUrl)) {
    return (
      <Link to={sourceUrl}>
        <SourceLocation location={sourceLocation ?? sourceUrl} />
      </Link>
    );
  }
  if (sourceLocation) return <SourceLocation location={sourceLocation} />;
  return <>source unknown</>;
}

function RevisionItem(props: { revision: SloRevision; last: boolean }) {
  const { revision, last } = props;
  const loosened = revision.changes.some(c => c.direction === 'loosened');
  const tightened = revision.changes.some(c => c.direction === 'tightened');
  return (
    <TimelineItem data-testid={`slo-revision-${revision.revision}`}>
      <TimelineOppositeContent style={{ flex: 0.3 }}>
        <Typography variant="body2" color="textSecondary">
          {formatDateTime(revision.effectiveFrom)}
        </Typography>
      </TimelineOppositeContent>
      <TimelineSeparator>
        <TimelineDot color={loosened ? 'secondary' : 'primary'} />
        {!last && <TimelineConnector />}
      </TimelineSeparator>
      <TimelineContent>
        <Typography variant="body2">
          <strong>Revision {revision.revision}</strong> ·{' '}
          {revision.objectives
            .map(o => `${o.name} ${formatPercent(o.target)}`)
            .join(', ')}{' '}
          · {revision.window} · {revision.budgetingMethod}
          {loosened && (
            <Chip
              size="small"
              color="secondary"
              label="Loosened"
              style={{ marginLeft: 8 }}
            />
          )}
          {tightened && (
            <Chip size="small" label="Tightened" style={{ marginLeft: 8 }} />
          )}
        </Typography>
        {revision.changes.map((c, i) => (
          <Typography variant="body2" key={i}>
            {describeChange(c)}
          </Typography>
        ))}
        {(revision.budget ?? []).map(b => (
          <BudgetLine
            key={b.objective}
            budget={b}
            first={revision.revision === 1}
          />
        ))}
        <Typography variant="caption" color="textSecondary">
          {revision.imported ? 'Imported history · ' : ''}
          <Source revision={revision} />
        </Typography>
      </TimelineContent>
    </TimelineItem>
  );
}

/**
 * An SLO's refinement history as a timeline: each definition it has had, from when the
 * catalog delivered it, what changed and what it did to the error budget.
 */
export function SloHistory(props: { sloRef: string; title: string }) {
  const api = useReliabilityApi();
  const [items, setItems] = useState<SloRevision[]>([]);
  const [total, setTotal] = useState<number | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>();

  const load = useCallback(
    async (offset: number) => {
      setLoading(true);
      try {
        const { namespace, name } = parseEntityRef(props.sloRef);
        const page = await api.getSloRevisions(
          { namespace, name },
          { limit: PAGE, offset },
        );
        setItems(prev =>
          offset === 0 ? page.items : [...prev, ...page.items],
        );
        setTotal(page.totalCount);
        setError(undefined);
      } catch (e) {
        setError(e as Error);
      } finally {
        setLoading(false);
      }
    },
    [api, props.sloRef],
  );
  useEffect(() => {
    load(0);
  }, [load]);

  return (
    <InfoCard
      title={`Refinement history — ${props.title}`}
      subheader="Each definition is judged for the time it was in force: a target changed mid-window does not rewrite the days before."
    >
      {error && <ResponseErrorPanel error={error} />}
      {!error && items.length === 0 && loading && <Progress />}
      {!error && !loading && items.length === 0 && (
        <Typography variant="body2">
          No definition recorded yet: the history starts when the catalog
          delivers the SLO.
        </Typography>
      )}
      {items.length === 1 && total === 1 && (
        <Typography variant="body2" color="textSecondary">
          Not refined since it was first defined.
        </Typography>
      )}
      {items.length > 0 && (
        <Timeline align="left" style={{ padding: 0 }}>
          {items.map((r, i) => (
            <RevisionItem
              key={r.revision}
              revision={r}
              last={i === items.length - 1}
            />
          ))}
        </Timeline>
      )}
      {total !== undefined && items.length < total && (
        <Box display="flex" justifyContent="flex-end">
          <Button
            size="small"
            disabled={loading}
            onClick={() => load(items.length)}
          >
            Later revisions ({total - items.length})
          </Button>
        </Box>
      )}
    </InfoCard>
  );
}
