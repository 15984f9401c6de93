import {
  Link,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AuditEvent } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import { useAuditEvents } from '../../hooks';
import { ActorRef } from './ActorRef';
import { formatBudgetLeft, formatDateTime } from './format';
import {
  actionLabel,
  eventBudget,
  eventLink,
  eventParticulars,
} from './policy';

function columns(showEntity: boolean): TableColumn<AuditEvent>[] {
  return [
    {
      title: 'When',
      field: 'occurredAt',
      cellStyle: { whiteSpace: 'nowrap' },
      render: e => formatDateTime(e.occurredAt),
    },
    {
      title: 'Who',
      field: 'actorRef',
      render: e => <ActorRef value={e.actorRef} />,
    },
    {
      title: 'What',
      field: 'action',
      render: e => {
        const particulars = eventParticulars(e);
        const link = eventLink(e);
        return (
          <>
            {actionLabel(e.action)}
            {(particulars.length > 0 || link) && (
              <Typography
                variant="caption"
                display="block"
                color="textSecondary"
              >
                {particulars.join(' · ')}
                {link && (
                  <>
                    {particulars.length > 0 ? ' · ' : ''}
                    <Link to={link}>link</Link>
                  </>
                )}
              </Typography>
            )}
          </>
        );
      },
    },
    ...(showEntity
      ? [
          {
            title: 'Entity',
            field: 'entityRef',
            render: (e: AuditEvent) => (
              <EntityRefLink entityRef={e.entityRef} hideIcon />
            ),
          },
        ]
      : []),
    { title: 'Why', field: 'reason', render: e => e.reason ?? '—' },
    {
      title: 'Budget then',
      // "4.3× over budget" rather than "-330.7%".
      render: e => formatBudgetLeft(eventBudget(e)),
    },
  ];
}

/**
 * The policy history (freezes, exceptions, decisions, state changes), newest first and a page
 * at a time: for one policy (`subjectRef`), one entity, or the whole organisation.
 */
export function PolicyHistory(props: {
  title: string;
  subjectRef?: string;
  entityRef?: string;
  pageSize?: number;
  emptyContent: ReactNode;
}) {
  const pageSize = props.pageSize ?? 20;
  // The cursor of each page seen so far; the first page has none.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const cursor = cursors[cursors.length - 1];
  const { value, loading, error } = useAuditEvents({
    category: 'policy',
    subjectRef: props.subjectRef,
    entityRef: props.entityRef,
    limit: pageSize,
    cursor,
  });
  if (error) return <ResponseErrorPanel error={error} />;
  const page = cursors.length;
  return (
    <>
      {loading ? (
        <Progress />
      ) : (
        <Table<AuditEvent>
          title={props.title}
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={columns(!props.entityRef)}
          data={value?.items ?? []}
          emptyContent={
            <Box p={2}>
              <Typography variant="body2">
                {page > 1 ? 'No older events.' : props.emptyContent}
              </Typography>
            </Box>
          }
        />
      )}
      {(page > 1 || value?.nextCursor) && (
        <Box
          display="flex"
          justifyContent="flex-end"
          alignItems="center"
          mt={1}
        >
          <Typography variant="caption" style={{ marginRight: 8 }}>
            Page {page}
          </Typography>
          <Button
            size="small"
            disabled={page <= 1 || loading}
            onClick={() => setCursors(c => c.slice(0, -1))}
          >
            Newer
          </Button>
          <Button
            size="small"
            disabled={!value?.nextCursor || loading}
            onClick={() =>
              value?.nextCursor && setCursors(c => [...c, value.nextCursor])
            }
          >
            Older
          </Button>
        </Box>
      )}
    </>
  );
}
