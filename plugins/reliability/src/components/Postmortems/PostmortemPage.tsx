import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { reliabilityPostmortemWritePermission } from '@reliability-suite/plugin-reliability-common';
import type { Postmortem } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import EditIcon from '@material-ui/icons/Edit';
import { ReactNode, useState } from 'react';
import { useParams } from 'react-router-dom';
import { usePostmortem } from '../../hooks';
import { ActorRef } from '../shared/ActorRef';
import {
  formatDateTime,
  formatDuration,
  formatShare,
  localTimeZone,
} from '../shared/format';
import { isHttpUrl } from '../shared/policy';
import {
  useEntityReliabilityLink,
  useRootLink,
  useSloLink,
} from '../shared/usePageLinks';
import { ActionItemsTable } from './ActionItemsTable';
import { IncidentTimeline } from './IncidentTimeline';
import {
  BlamelessMark,
  NeedsPublishingChip,
  SeverityChip,
  StatusChip,
} from './PostmortemChips';
import { PostmortemDialog } from './PostmortemDialog';
import { SEVERITY_DESCRIPTION, SEVERITY_LABEL } from './postmortem';

function Figure(props: { label: string; value: ReactNode; testId?: string }) {
  return (
    <Box mr={5} mb={1} data-testid={props.testId}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="h6" component="div">
        {props.value}
      </Typography>
    </Box>
  );
}

/** Each affected entity by its name, linked to the postmortems of its Reliability tab. */
function AffectedEntities(props: { refs: string[] }) {
  const reliabilityLink = useEntityReliabilityLink();
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
      {props.refs.map(ref => (
        <Link
          key={ref}
          to={reliabilityLink(ref, 'postmortems')}
          aria-label={`Postmortems of ${ref}`}
        >
          <EntityDisplayName entityRef={ref} />
        </Link>
      ))}
    </Box>
  );
}

/**
 * The impact in figures: the share of each SLO objective's error budget the incident
 * consumed (the largest share of any one window's budget), each SLO linked to its page.
 */
function BudgetSpent(props: { postmortem: Postmortem }) {
  const sloLink = useSloLink();
  const { budget, title } = props.postmortem;
  if (budget.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The affected entities have no SLOs, so no error budget is counted for
        this incident.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={`Budget spent by ${title}`}>
      <TableHead>
        <TableRow>
          <TableCell>SLO objective</TableCell>
          <TableCell align="right">Budget spent</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {budget.map(b => (
          <TableRow key={`${b.sloRef}/${b.objective}`}>
            <TableCell component="th" scope="row">
              {sloLink ? (
                <Link to={sloLink(b.sloRef)}>{b.sloTitle}</Link>
              ) : (
                b.sloTitle
              )}{' '}
              — {b.objective}
            </TableCell>
            <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
              {formatShare(b.share, 1, 'no data')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A postmortem's id as the API takes it; anything else names no postmortem. */
const POSTMORTEM_ID = /^[0-9]{1,18}$/;

function NotFound(props: { id: string }) {
  const rootLink = useRootLink();
  return (
    <EmptyState
      missing="data"
      title="No such postmortem"
      description={`There is no postmortem ${props.id}: it may have been removed, or the link is wrong. Every postmortem is listed on the Postmortems tab.`}
      action={
        rootLink ? (
          <Button
            variant="contained"
            color="primary"
            href={`${rootLink.replace(/\/$/, '')}/postmortems`}
          >
            All postmortems
          </Button>
        ) : undefined
      }
    />
  );
}

function PostmortemDetail(props: { postmortem: Postmortem; onSaved(): void }) {
  const pm = props.postmortem;
  const alertApi = useApi(alertApiRef);
  // The backend checks the permission on every affected entity; the first stands for them
  // in the UI (a refusal on another one shows in the dialog).
  const { allowed: canEdit } = usePermission({
    permission: reliabilityPostmortemWritePermission,
    resourceRef: pm.entityRefs[0]?.toLocaleLowerCase('en-US') ?? '',
  });
  const [editing, setEditing] = useState(false);
  const openItems = pm.actionItems.filter(
    i => i.status === 'open' || i.status === 'in-progress',
  ).length;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard>
          <Box display="flex" alignItems="flex-start" style={{ gap: 16 }}>
            <Box flexGrow={1}>
              <Box
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                style={{ gap: 8 }}
              >
                <SeverityChip severity={pm.severity} />
                <StatusChip status={pm.status} />
                <BlamelessMark held={pm.blamelessReviewHeld} />
                <NeedsPublishingChip rules={pm.needsPublishing} />
              </Box>
              <Box mt={2} data-testid="postmortem-entities">
                <Typography
                  variant="caption"
                  color="textSecondary"
                  component="div"
                >
                  Affected {pm.entityRefs.length === 1 ? 'entity' : 'entities'}
                </Typography>
                <AffectedEntities refs={pm.entityRefs} />
              </Box>
            </Box>
            <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
              {canEdit && (
                <Button
                  variant="contained"
                  color="primary"
                  startIcon={<EditIcon />}
                  onClick={() => setEditing(true)}
                >
                  Edit postmortem
                </Button>
              )}
              {pm.documentUrl && isHttpUrl(pm.documentUrl) && (
                <Button variant="outlined" href={pm.documentUrl}>
                  Full write-up
                </Button>
              )}
            </Box>
          </Box>
          <Box display="flex" flexWrap="wrap" mt={2}>
            <Figure
              label="Time to detect (MTTD)"
              value={formatDuration(pm.timeToDetectMs)}
              testId="figure-detect"
            />
            <Figure
              label="Time to mitigate"
              value={formatDuration(pm.timeToMitigateMs)}
              testId="figure-mitigate"
            />
            <Figure
              label="Time to resolve (MTTR)"
              value={formatDuration(pm.timeToResolveMs)}
              testId="figure-resolve"
            />
            <Figure
              label="Error budget spent"
              value={formatShare(pm.maxBudgetShare, 1, 'no data')}
              testId="figure-budget"
            />
            <Figure
              label="Action items open"
              value={`${openItems} of ${pm.actionItems.length}`}
              testId="figure-items"
            />
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Timeline"
          subheader={`Local times, ${localTimeZone()}`}
        >
          <IncidentTimeline postmortem={pm} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title="Summary">
          {pm.summary ? (
            <Typography variant="body1" style={{ whiteSpace: 'pre-line' }}>
              {pm.summary}
            </Typography>
          ) : (
            <Typography variant="body2" color="textSecondary">
              No summary yet.
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard
          title="Impact"
          subheader={`${SEVERITY_LABEL[pm.severity]}: ${
            SEVERITY_DESCRIPTION[pm.severity]
          }`}
        >
          <BudgetSpent postmortem={pm} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={`Action items (${pm.actionItems.length})`}
          subheader={`${openItems} open or in progress`}
        >
          <ActionItemsTable title={pm.title} items={pm.actionItems} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Typography variant="body2" color="textSecondary">
          Written by <ActorRef value={pm.createdBy} /> on{' '}
          {formatDateTime(pm.createdAt)}
          {pm.updatedAt !== pm.createdAt &&
            ` · last changed ${formatDateTime(pm.updatedAt)}`}
          {pm.teamRefs.length > 0 && (
            <>
              {' · '}
              {pm.teamRefs.length === 1 ? 'Team' : 'Teams'}{' '}
              {pm.teamRefs.map((ref, i) => (
                <span key={ref}>
                  {i > 0 && ', '}
                  <EntityRefLink entityRef={ref} defaultKind="group" />
                </span>
              ))}
            </>
          )}
        </Typography>
      </Grid>
      <PostmortemDialog
        open={editing}
        draft={pm}
        postmortem={pm}
        onClose={() => setEditing(false)}
        onDone={() => {
          setEditing(false);
          alertApi.post({
            message: 'Postmortem saved',
            severity: 'success',
            display: 'transient',
          });
          props.onSaved();
        }}
      />
    </Grid>
  );
}

/**
 * `/reliability/postmortems/:id`: one postmortem — severity, status, the affected entities
 * (each linked to the postmortems of its Reliability tab), time to detect, mitigate and
 * resolve, the share of error budget it spent, its timeline in local time, summary, impact
 * per SLO objective and action items with their owners by name. Callers allowed to write
 * postmortems edit it here. An unknown id shows an empty state, not an error.
 */
export function PostmortemPage() {
  const { id = '' } = useParams();
  const rootLink = useRootLink();
  const {
    value: pm,
    loading,
    error,
    retry,
  } = usePostmortem(POSTMORTEM_ID.test(id) ? id : undefined);
  const notFound =
    !POSTMORTEM_ID.test(id) ||
    (ResponseError.is(error) && error.statusCode === 404);
  return (
    <Page themeId="tool">
      <Header
        title={pm?.title ?? (notFound ? 'Postmortem not found' : 'Postmortem')}
        subtitle={
          pm ? `Incident started ${formatDateTime(pm.startedAt)}` : undefined
        }
        type="Postmortem"
        typeLink={
          rootLink ? `${rootLink.replace(/\/$/, '')}/postmortems` : undefined
        }
      />
      <Content>
        {loading && !pm && <Progress />}
        {notFound && <NotFound id={id} />}
        {error && !notFound && (
          <ResponseErrorPanel
            title={`Could not load the postmortem ${id}`}
            error={error}
          />
        )}
        {pm && !error && <PostmortemDetail postmortem={pm} onSaved={retry} />}
      </Content>
    </Page>
  );
}
