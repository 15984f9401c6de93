import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import type { AuditEvent } from '@reliability-suite/plugin-reliability-common';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useAuditEvents } from '../../hooks';
import { ActorRef } from './ActorRef';
import { formatDateTime } from './format';
import { actionLabel } from './policy';

// Names, not references: the actor's display name and the entity's title, each linking to
// its catalog page with the reference on hover; times local, with the zone.
const columns: TableColumn<AuditEvent>[] = [
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
  { title: 'What', field: 'action', render: e => actionLabel(e.action) },
  {
    title: 'Entity',
    field: 'entityRef',
    render: e => <EntityRefLink entityRef={e.entityRef} hideIcon />,
  },
  { title: 'Why', field: 'reason', render: e => e.reason ?? '—' },
];

/**
 * The audit trail of state changes, for one entity or the whole organisation.
 */
export function AuditTrail(props: {
  entityRef?: string;
  title?: string;
  /** Changing it reloads the trail (after an action on the page added to it). */
  refreshKey?: number;
}) {
  const { value, loading, error } = useAuditEvents(
    { entityRef: props.entityRef, limit: 20 },
    props.refreshKey,
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <Table<AuditEvent>
      title={props.title ?? 'Audit trail'}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={value?.items ?? []}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          No state changes recorded yet. Policy enactments, review sign-offs,
          attestations and postmortem edits appear here, with who made them and
          why.
        </Typography>
      }
    />
  );
}
