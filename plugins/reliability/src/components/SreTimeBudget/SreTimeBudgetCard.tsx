import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_ENGAGEMENT,
  ANNOTATION_HEADCOUNT,
  ANNOTATION_SRE_TEAM,
} from '@reliability-suite/plugin-reliability-common';
import type { SreTimeBudget } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useEntitySreTimeBudget } from '../../hooks';
import { isSreTeam } from './isSreTeam';
import { useWordWrapStyles } from '../shared/wordWrap';
import { TimeBudgetChart } from './TimeBudgetChart';
import { shareOfHours, trendLabel } from './timeBudget';
import { formatMonth, formatShare } from '../shared/format';

function Headline(props: { budget: SreTimeBudget }) {
  const { current, cap } = props.budget;
  return (
    <Box mb={1} data-testid="time-budget-current">
      <Typography variant="h6" component="p">
        {formatShare(current.share, 0)} operational this month so far
      </Typography>
      <Typography variant="body2" color="textSecondary" component="div">
        {current.overCap ? (
          <StatusError>above the cap of {formatShare(cap, 0)}</StatusError>
        ) : (
          <StatusOK>within the cap of {formatShare(cap, 0)}</StatusOK>
        )}
      </Typography>
    </Box>
  );
}

function Breakdown(props: { budget: SreTimeBudget }) {
  const { current, settings, members } = props.budget;
  return (
    <Typography variant="body2" paragraph data-testid="time-budget-breakdown">
      This month: {current.pages} page{current.pages === 1 ? '' : 's'},{' '}
      {current.tickets} ticket{current.tickets === 1 ? '' : 's'},{' '}
      {Number(current.incidentHours.toFixed(1))} incident hours;{' '}
      {current.openItems} owned action item
      {current.openItems === 1 ? '' : 's'} open; {current.closedItems} done,{' '}
      {current.closedToilReductionItems} of them toil reduction.
      <Typography variant="caption" color="textSecondary" display="block">
        Operational hours = pages × {settings.hoursPerPage} h + incident hours ×{' '}
        {settings.hoursPerIncidentHour} h + tickets × {settings.hoursPerTicket}{' '}
        h; team hours = {members ?? 0} member{members === 1 ? '' : 's'} ×{' '}
        {settings.hoursPerMemberPerMonth} h a month.
      </Typography>
    </Typography>
  );
}

function Budget(props: { budget: SreTimeBudget; title: string }) {
  const { budget, title } = props;
  if (budget.services.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {title} supports no services under a counted engagement yet: its time
        budget starts once a component names it with{' '}
        <code>{ANNOTATION_SRE_TEAM}</code> and an{' '}
        <code>{ANNOTATION_ENGAGEMENT}</code> such as <code>supported</code>.
      </Typography>
    );
  }
  const deciding = budget.latestComplete;
  return (
    <>
      {budget.members === null && (
        <Box mb={2}>
          <Alert severity="warning">
            {title} has no members in the catalog, so its time cannot be
            measured: add its users, or declare{' '}
            <code>{ANNOTATION_HEADCOUNT}</code> on the group.
          </Alert>
        </Box>
      )}
      {budget.overCap && deciding && (
        <Box mb={2}>
          <Alert severity="error">
            <AlertTitle>Over its operational cap</AlertTitle>
            In {formatMonth(deciding.month)}, operational work took{' '}
            {shareOfHours(deciding)} of the team's time, over the cap of{' '}
            {formatShare(budget.cap, 0)}; the SRE load counts {title} as over
            capacity. Spend the coming weeks on toil reduction and automation,
            or hand pages back to the owning teams.
          </Alert>
        </Box>
      )}
      <Headline budget={budget} />
      <Breakdown budget={budget} />
      <Typography variant="body2" gutterBottom data-testid="time-budget-trend">
        Trend over the complete months: {trendLabel(budget.trend)}
      </Typography>
      <TimeBudgetChart months={budget.months} cap={budget.cap} />
    </>
  );
}

/**
 * The SRE group page's "Time budget" card: the operational share of the team's time this
 * month against the cap, the months before as a trend chart with the cap line, and what
 * the figures are made of. Groups that are no SRE team get no card, and no request is made
 * for them (the API would answer 404, which the browser logs as an error on every page).
 */
export function SreTimeBudgetCard() {
  const { entity } = useEntity();
  if (!isSreTeam(entity)) return null;
  return <SreTeamTimeBudget />;
}

function SreTeamTimeBudget() {
  const { entity, value, loading, error } = useEntitySreTimeBudget();
  const name = entity.metadata.name;
  // The catalog's relations can be a processing cycle ahead of the backend's snapshot.
  const wordWrap = useWordWrapStyles();
  if (error && (error as { statusCode?: number }).statusCode === 404) {
    return null;
  }
  const title = value?.title || entity.metadata.title || name;
  return (
    <InfoCard
      title="Time budget"
      subheader="Operational work (pages, tickets, incidents) against the team's time, by month (UTC)"
      className={wordWrap.root}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && <Budget budget={value} title={title} />}
    </InfoCard>
  );
}
