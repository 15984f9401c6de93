import { Link } from '@backstage/core-components';
import type { Postmortem } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import EditIcon from '@material-ui/icons/Edit';
import { ReactNode } from 'react';
import { isHttpUrl } from '../shared/policy';
import { ActionItemsTable } from './ActionItemsTable';
import { IncidentTimeline } from './IncidentTimeline';
import {
  BlamelessMark,
  NeedsPublishingChip,
  SeverityChip,
  StatusChip,
} from './PostmortemChips';
import { formatDate, formatDuration, formatShare } from '../shared/format';

function Figure(props: { label: string; value: ReactNode }) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="subtitle1" component="div">
        {props.value}
      </Typography>
    </Box>
  );
}

/** The budget the incident spent, per SLO objective of the affected entities. */
function BudgetDetail(props: { postmortem: Postmortem }) {
  const { budget, title } = props.postmortem;
  if (budget.length === 0) return null;
  return (
    <Table size="small" aria-label={`Budget spent by ${title}`}>
      <TableBody>
        {budget.map(b => (
          <TableRow key={`${b.sloRef}/${b.objective}`}>
            <TableCell component="th" scope="row">
              {b.sloTitle} — {b.objective}
            </TableCell>
            <TableCell align="right">
              {formatShare(b.share, 1, 'no data')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * One postmortem on the entity's page: title (linked to its document), severity, status,
 * whether the blameless review was held and whether its policy asks for it to be published;
 * the incident timeline; time to detect, mitigate and resolve; the error budget it spent
 * (the largest share, and per objective); its action items.
 */
export function PostmortemEntry(props: {
  postmortem: Postmortem;
  canEdit: boolean;
  onEdit(): void;
}) {
  const pm = props.postmortem;
  return (
    <Box width="100%" py={1}>
      <Box display="flex" alignItems="flex-start">
        <Box flexGrow={1}>
          <Typography variant="h6" component="h3">
            {pm.documentUrl && isHttpUrl(pm.documentUrl) ? (
              <Link to={pm.documentUrl}>{pm.title}</Link>
            ) : (
              pm.title
            )}
          </Typography>
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            mt={0.5}
            style={{ gap: 8 }}
          >
            <SeverityChip severity={pm.severity} />
            <StatusChip status={pm.status} />
            <BlamelessMark held={pm.blamelessReviewHeld} />
            <NeedsPublishingChip rules={pm.needsPublishing} />
            <Typography variant="body2" color="textSecondary">
              Started {formatDate(pm.startedAt)}
            </Typography>
          </Box>
        </Box>
        {props.canEdit && (
          <Button
            size="small"
            startIcon={<EditIcon />}
            aria-label={`Edit ${pm.title}`}
            onClick={props.onEdit}
          >
            Edit
          </Button>
        )}
      </Box>
      {pm.summary && (
        <Typography
          variant="body2"
          style={{ marginTop: 8, whiteSpace: 'pre-line' }}
        >
          {pm.summary}
        </Typography>
      )}
      <Box mt={2}>
        <IncidentTimeline postmortem={pm} />
      </Box>
      <Box display="flex" flexWrap="wrap" mt={2}>
        <Figure
          label="Time to detect"
          value={formatDuration(pm.timeToDetectMs)}
        />
        <Figure
          label="Time to mitigate"
          value={formatDuration(pm.timeToMitigateMs)}
        />
        <Figure
          label="Time to resolve"
          value={formatDuration(pm.timeToResolveMs)}
        />
        <Figure
          label="Budget spent"
          value={formatShare(pm.maxBudgetShare, 1, 'no data')}
        />
      </Box>
      <BudgetDetail postmortem={pm} />
      <Box mt={2}>
        <Typography variant="subtitle2" component="h4" gutterBottom>
          Action items
        </Typography>
        <ActionItemsTable title={pm.title} items={pm.actionItems} />
      </Box>
    </Box>
  );
}
