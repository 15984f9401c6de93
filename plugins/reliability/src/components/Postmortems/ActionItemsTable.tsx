import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ActionItem } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { isHttpUrl } from '../shared/policy';
import { OverdueChip } from './PostmortemChips';
import {
  ACTION_STATUS_LABEL,
  PRIORITY_LABEL,
  formatDueDate,
} from './postmortem';

/**
 * A postmortem's action items: labels under the title, owner, due date, priority, status,
 * and whether overdue.
 */
export function ActionItemsTable(props: {
  title: string;
  items: ActionItem[];
}) {
  if (props.items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No action items.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Action items of ${props.title}`}>
      <TableHead>
        <TableRow>
          <TableCell>Action item</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Due</TableCell>
          <TableCell>Priority</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(item => (
          <TableRow key={item.id}>
            <TableCell>
              {item.link && isHttpUrl(item.link) ? (
                <Link to={item.link}>{item.title}</Link>
              ) : (
                item.title
              )}
              {(item.labels ?? []).length > 0 && (
                <Typography
                  variant="caption"
                  display="block"
                  color="textSecondary"
                >
                  {item.labels.join(' · ')}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              {item.ownerRef ? (
                <EntityRefLink entityRef={item.ownerRef} defaultKind="group" />
              ) : (
                '—'
              )}
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {formatDueDate(item.dueAt)}
            </TableCell>
            <TableCell>{PRIORITY_LABEL[item.priority]}</TableCell>
            <TableCell>
              <Box
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                style={{ gap: 8 }}
              >
                {ACTION_STATUS_LABEL[item.status]}
                {item.overdue && <OverdueChip />}
              </Box>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
