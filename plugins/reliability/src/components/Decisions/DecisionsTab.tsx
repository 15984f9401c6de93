import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  parseFullEntityRef,
  reliabilityPolicyEnactPermission,
} from '@reliability-suite/plugin-reliability-common';
import type {
  DecisionFollowUp,
  PendingDecision,
  TakenDecision,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import CardHeader from '@material-ui/core/CardHeader';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useDecisions } from '../../hooks';
import { RecordDecisionDialog } from '../PolicyBanner/PolicyDialogs';
import { ActorRef } from '../shared/ActorRef';
import { formatBudgetLeft, formatDate, formatPercent } from '../shared/format';
import { DECISION_LABEL } from '../shared/policy';
import {
  useEntityReliabilityLink,
  usePostmortemLink,
} from '../shared/usePageLinks';
import { DecisionsTrendChart } from './DecisionsTrendChart';

const REASON_LABEL: Record<PendingDecision['reason'], string> = {
  'escalation-overdue': 'Escalation overdue',
  'escalation-due': 'Escalation due',
  'budget-exhausted': 'Budget spent, no decision',
};

/** When the escalation falls due, in words: "overdue since …", "due since …", "due …". */
function dueText(p: PendingDecision): string {
  const dueAt = p.escalation?.dueAt;
  if (!dueAt) return p.escalation ? '—' : 'Policy does not escalate';
  if (p.reason === 'escalation-overdue')
    return `Overdue (due ${formatDate(dueAt)})`;
  if (p.reason === 'escalation-due') return `Due since ${formatDate(dueAt)}`;
  return `Escalates ${formatDate(dueAt)}`;
}

/** The entity's name, linking to its Reliability tab's policy section; its ref on hover. */
function EntityName(props: { entityRef: string; title: string }) {
  const link = useEntityReliabilityLink();
  return (
    <Link
      to={link(props.entityRef, 'policy')}
      title={props.entityRef}
      style={{ whiteSpace: 'nowrap' }}
    >
      {props.title}
    </Link>
  );
}

function DomainName(props: { domainRef: string | null; title: string | null }) {
  if (props.domainRef === null) return <>No domain</>;
  return (
    <EntityRefLink
      entityRef={props.domainRef}
      title={props.title ?? undefined}
    />
  );
}

function PendingRow(props: { item: PendingDecision; onDecided(): void }) {
  const { item } = props;
  const [open, setOpen] = useState(false);
  const { allowed } = usePermission({
    permission: reliabilityPolicyEnactPermission,
    resourceRef: item.entityRef,
  });
  const button = (
    <Button
      size="small"
      variant="outlined"
      color="primary"
      disabled={!allowed}
      onClick={() => setOpen(true)}
      aria-label={`Record decision for ${item.title}`}
      style={{ whiteSpace: 'nowrap' }}
    >
      Record decision
    </Button>
  );
  return (
    <TableRow data-testid="pending-decision">
      <TableCell>
        <EntityName entityRef={item.entityRef} title={item.title} />
      </TableCell>
      <TableCell>{REASON_LABEL[item.reason]}</TableCell>
      <TableCell>{dueText(item)}</TableCell>
      <TableCell>{formatBudgetLeft(item.remaining)}</TableCell>
      <TableCell>
        {item.outOfBudgetSince ? formatDate(item.outOfBudgetSince) : '—'}
      </TableCell>
      <TableCell align="right">
        {allowed ? (
          button
        ) : (
          <Tooltip title="Only the policy's owners, the SRE team and those it escalates to record decisions">
            <span>{button}</span>
          </Tooltip>
        )}
        <RecordDecisionDialog
          open={open}
          entityRef={parseFullEntityRef(item.entityRef, 'entityRef')}
          entityTitle={item.title}
          escalatedTo={item.escalation?.to}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            props.onDecided();
          }}
        />
      </TableCell>
    </TableRow>
  );
}

const FOLLOW_UP_STATUS: Record<DecisionFollowUp['status'], string> = {
  done: 'Done',
  missing: 'Not yet',
  'in-progress': 'In progress',
  active: 'Active',
  expired: 'Expired',
};

function FollowUp(props: { followUp: DecisionFollowUp }) {
  const { followUp } = props;
  const postmortemLink = usePostmortemLink();
  const status = FOLLOW_UP_STATUS[followUp.status];
  if (followUp.kind === 'acceptance') {
    return (
      <>
        {status}: risk accepted until{' '}
        {followUp.until ? formatDate(followUp.until) : '—'}
      </>
    );
  }
  if (followUp.kind === 'refinement') {
    const r = followUp.refinement;
    if (!r) return <>{status}: no SLO target loosened yet</>;
    return (
      <>
        {status}: {r.title}{' '}
        {r.targets
          .map(
            t => `${formatPercent(t.before, 2)} → ${formatPercent(t.after, 2)}`,
          )
          .join(', ')}{' '}
        from {formatDate(r.effectiveFrom)}
      </>
    );
  }
  const items = followUp.actionItems ?? [];
  if (items.length === 0) {
    return <>{status}: no action item labelled “funded” yet</>;
  }
  const closed = items.filter(
    i => i.status === 'done' || i.status === 'wont-do',
  ).length;
  return (
    <>
      {status}: {closed} of {items.length} funded action item
      {items.length === 1 ? '' : 's'} closed
      <Box component="ul" m={0} pl={2}>
        {items.map(i => (
          <li key={`${i.postmortemId}-${i.title}`}>
            {postmortemLink ? (
              <Link to={postmortemLink(i.postmortemId)}>{i.title}</Link>
            ) : (
              i.title
            )}{' '}
            ({i.status})
          </li>
        ))}
      </Box>
    </>
  );
}

function TakenTable(props: { taken: TakenDecision[]; total: number }) {
  if (props.taken.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No decision recorded in this period.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Decisions taken">
      <TableHead>
        <TableRow>
          <TableCell>Service</TableCell>
          <TableCell>Decision</TableCell>
          <TableCell>Why</TableCell>
          <TableCell>Decided</TableCell>
          <TableCell>Follow-up</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.taken.map(d => (
          <TableRow key={d.id} data-testid="taken-decision">
            <TableCell>
              <EntityName entityRef={d.entityRef} title={d.title} />
            </TableCell>
            <TableCell>{DECISION_LABEL[d.decision] ?? d.decision}</TableCell>
            <TableCell>
              {d.reason}
              {d.link && (
                <>
                  {' '}
                  <Link to={d.link}>record</Link>
                </>
              )}
            </TableCell>
            <TableCell>
              {formatDate(d.decidedAt)} by <ActorRef value={d.decidedBy} />
            </TableCell>
            <TableCell>
              <FollowUp followUp={d.followUp} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * `/reliability/decisions`: what waits on leadership first (budgets spent without a
 * decision, escalations due or overdue) with a button to record the decision, then counts by
 * domain, decisions per month and the decisions taken with their follow-up.
 */
export function DecisionsTab() {
  const { value, loading, error, retry } = useDecisions({ months: 12 });
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return loading ? <Progress /> : null;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <Card>
          <CardHeader
            title={`Waiting on leadership (${value.pending.length})`}
            subheader="Services out of error budget with no decision for this period, most urgent first"
          />
          <CardContent>
            {value.pending.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                Nothing waits on leadership: every service out of budget has a
                decision for this period.
              </Typography>
            ) : (
              <Table size="small" aria-label="Waiting on leadership">
                <TableHead>
                  <TableRow>
                    <TableCell>Service</TableCell>
                    <TableCell>Reason</TableCell>
                    <TableCell>Escalation</TableCell>
                    <TableCell>Budget</TableCell>
                    <TableCell>Spent since</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {value.pending.map(p => (
                    <PendingRow key={p.entityRef} item={p} onDecided={retry} />
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </Grid>
      <Grid item xs={12} md={4}>
        <Card>
          <CardHeader title="By domain" />
          <CardContent>
            {value.byDomain.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                No decisions pending or taken.
              </Typography>
            ) : (
              <Table size="small" aria-label="Decisions by domain">
                <TableHead>
                  <TableRow>
                    <TableCell>Domain</TableCell>
                    <TableCell align="right">Waiting</TableCell>
                    <TableCell align="right">Taken</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {value.byDomain.map(d => (
                    <TableRow key={d.domainRef ?? 'none'}>
                      <TableCell>
                        <DomainName domainRef={d.domainRef} title={d.title} />
                      </TableCell>
                      <TableCell align="right">{d.pending}</TableCell>
                      <TableCell align="right">{d.taken}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </Grid>
      <Grid item xs={12} md={4}>
        <Card>
          <CardHeader
            title="Decisions per month"
            subheader={`Last ${value.months} months (UTC months)`}
          />
          <CardContent>
            <DecisionsTrendChart trend={value.trend} />
          </CardContent>
        </Card>
      </Grid>
      <Grid item xs={12} md={8}>
        <Card>
          <CardHeader
            title={`Decisions taken (${value.takenTotal})`}
            subheader={`Last ${value.months} months, newest first, with what became of them`}
          />
          <CardContent>
            <TakenTable taken={value.taken} total={value.takenTotal} />
          </CardContent>
        </Card>
      </Grid>
    </Grid>
  );
}
