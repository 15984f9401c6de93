import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  REVIEW_TRANSITIONS,
  reliabilityReviewAttestPermission,
  reliabilityReviewSignoffPermission,
} from '@reliability-suite/plugin-reliability-common';
import type {
  Readiness,
  ReadinessItemStatus,
  ReviewAction,
  ReviewState,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { useReadinessOf } from '../../hooks';
import { ActorRef } from '../shared/ActorRef';
import {
  AttestDialog,
  CommentDialog,
  ReviewActionDialog,
} from './ReadinessDialogs';
import {
  ChecklistGroup,
  ITEM_STATE_LABEL,
  REVIEW_ACTION_LABEL,
  checklistSummary,
  expiryText,
  groupChecklist,
  reviewStateLabel,
} from './readiness';
import { ReviewHistory } from './ReviewHistory';
import { formatDate, formatDateTime } from '../shared/format';

function ItemState(props: { state: ReadinessItemStatus['state'] }) {
  const label = ITEM_STATE_LABEL[props.state];
  switch (props.state) {
    case 'passing':
      return <StatusOK>{label}</StatusOK>;
    case 'failing':
      return <StatusError>{label}</StatusError>;
    default:
      return <StatusWarning>{label}</StatusWarning>;
  }
}

function ItemDetail(props: { item: ReadinessItemStatus }) {
  const { item } = props;
  const a = item.attestation;
  if (item.kind === 'attestation' && a) {
    return (
      <>
        <Typography variant="body2">{a.statement}</Typography>
        <Typography variant="caption" color="textSecondary" component="div">
          Evidence: <Link to={a.evidenceUrl}>{a.evidenceUrl}</Link>
          {' · attested by '}
          <ActorRef value={a.attestedBy} /> on {formatDate(a.attestedAt)}
          {' · '}
          {expiryText(a.expiresAt)}
        </Typography>
      </>
    );
  }
  return (
    <Typography variant="body2" color="textSecondary">
      {item.reason}
    </Typography>
  );
}

type Dialog =
  | { kind: 'attest'; item: ReadinessItemStatus }
  | { kind: 'comment'; item?: ReadinessItemStatus }
  | { kind: 'review'; action: ReviewAction };

function ItemRow(props: {
  item: ReadinessItemStatus;
  canAttest: boolean;
  canComment: boolean;
  onDialog(d: Dialog): void;
}) {
  const { item, canAttest, canComment, onDialog } = props;
  return (
    <ListItem divider alignItems="flex-start" aria-label={item.title}>
      <Box display="flex" width="100%" alignItems="flex-start">
        <Box minWidth={100}>
          <ItemState state={item.state} />
        </Box>
        <Box flexGrow={1}>
          <Typography variant="subtitle2" component="div">
            {item.title}{' '}
            <Chip
              size="small"
              variant="outlined"
              label={item.required ? 'Required' : 'Recommended'}
            />
          </Typography>
          <ItemDetail item={item} />
        </Box>
        <Box whiteSpace="nowrap">
          {canAttest && item.kind === 'attestation' && (
            <Button
              size="small"
              color="primary"
              aria-label={`Attest ${item.title}`}
              onClick={() => onDialog({ kind: 'attest', item })}
            >
              {item.attestation ? 'Renew' : 'Attest'}
            </Button>
          )}
          {canComment && (
            <Button
              size="small"
              aria-label={`Comment on ${item.title}`}
              onClick={() => onDialog({ kind: 'comment', item })}
            >
              Comment
            </Button>
          )}
        </Box>
      </Box>
    </ListItem>
  );
}

/** "2 of 3 met · 1 failing": a section's counts, for its collapsed header. */
function groupCounts(group: ChecklistGroup<Readiness['sections'][number]>) {
  const unmet = (state: ReadinessItemStatus['state']) =>
    group.items.filter(i => i.state === state).length;
  return [
    `${group.met} of ${group.items.length} met`,
    ...(['failing', 'expired', 'missing'] as const)
      .filter(state => unmet(state) > 0)
      .map(state => `${unmet(state)} ${state}`),
  ].join(' · ');
}

/**
 * The checklist by section, sections with unmet items first and open, sections all met
 * collapsed; within a section the failing items first.
 */
function ChecklistCard(props: {
  readiness: Readiness;
  canAttest: boolean;
  canComment: boolean;
  onDialog(d: Dialog): void;
}) {
  const { readiness, canAttest, canComment, onDialog } = props;
  const { template } = readiness;
  const groups = groupChecklist(readiness.sections);
  return (
    <InfoCard
      title="Checklist"
      subheader={`${template.title} · version ${template.version}`}
    >
      {groups.map(group => (
        <Accordion
          key={group.id}
          defaultExpanded={group.unmet > 0}
          TransitionProps={{ unmountOnExit: true }}
          data-testid={`readiness-section-${group.id}`}
        >
          <AccordionSummary
            expandIcon={<ExpandMoreIcon />}
            aria-controls={`readiness-${group.id}-items`}
            id={`readiness-${group.id}`}
          >
            <Box
              display="flex"
              alignItems="baseline"
              flexWrap="wrap"
              style={{ gap: 12 }}
            >
              <Typography variant="subtitle1" component="h3">
                {group.title}
              </Typography>
              <Typography
                variant="body2"
                color={group.unmet > 0 ? 'error' : 'textSecondary'}
              >
                {groupCounts(group)}
              </Typography>
            </Box>
          </AccordionSummary>
          <AccordionDetails style={{ display: 'block', paddingTop: 0 }}>
            <List
              dense
              disablePadding
              aria-label={`${group.title} items`}
              id={`readiness-${group.id}-items`}
            >
              {group.items.map(item => (
                <ItemRow
                  key={item.id}
                  item={item}
                  canAttest={canAttest}
                  canComment={canComment}
                  onDialog={onDialog}
                />
              ))}
            </List>
          </AccordionDetails>
        </Accordion>
      ))}
    </InfoCard>
  );
}

function ReviewCard(props: {
  readiness: Readiness;
  canAttest: boolean;
  canSignoff: boolean;
  onDialog(d: Dialog): void;
}) {
  const { readiness, canAttest, canSignoff, onDialog } = props;
  const review = readiness.review;
  const state: ReviewState = review?.state ?? 'draft';
  const allowedBy = (action: ReviewAction) => {
    const t = REVIEW_TRANSITIONS[action];
    if (!t.from.includes(state)) return false;
    return t.by === 'owner' ? canAttest : canSignoff;
  };
  const actions = (Object.keys(REVIEW_TRANSITIONS) as ReviewAction[]).filter(
    allowedBy,
  );
  const failingRequired = readiness.sections
    .flatMap(s => s.items)
    .filter(i => i.required && i.state !== 'passing');
  const itemTitle = new Map(
    readiness.sections.flatMap(s => s.items).map(i => [i.id, i.title]),
  );

  return (
    <InfoCard title="Readiness review">
      <Box display="flex" alignItems="center" flexWrap="wrap" mb={1}>
        <Typography
          variant="body1"
          component="span"
          id="readiness-review-state"
        >
          Review state:
        </Typography>
        <Box ml={1}>
          <Chip
            label={reviewStateLabel(review?.state ?? null)}
            color={review?.state === 'approved' ? 'primary' : 'default'}
            aria-describedby="readiness-review-state"
            data-testid="readiness-review-state"
            data-state={review?.state ?? 'none'}
          />
        </Box>
      </Box>
      {!review && (
        <Typography variant="body2" color="textSecondary">
          No review yet: the first attestation or submission starts a draft.
        </Typography>
      )}
      {review?.submittedAt && (
        <Typography variant="body2">
          {/* Waiting only while submitted; after a decision it is when it was asked. */}
          {review.state === 'submitted'
            ? `Waiting for the SRE team's sign-off since ${formatDateTime(
                review.submittedAt,
              )}`
            : `Submitted ${formatDateTime(review.submittedAt)}`}
        </Typography>
      )}
      {review?.decidedBy && (
        <Typography variant="body2">
          Decided by <ActorRef value={review.decidedBy} />
        </Typography>
      )}
      {(actions.length > 0 || canAttest || canSignoff) && (
        <Box display="flex" flexWrap="wrap" mt={2} style={{ gap: 8 }}>
          {actions.map(action => (
            <Button
              key={action}
              variant={action === 'request-changes' ? 'outlined' : 'contained'}
              color="primary"
              disabled={action === 'submit' && !readiness.canSubmit}
              onClick={() => onDialog({ kind: 'review', action })}
            >
              {REVIEW_ACTION_LABEL[action]}
            </Button>
          ))}
          <Button
            variant="outlined"
            onClick={() => onDialog({ kind: 'comment' })}
          >
            Add comment
          </Button>
        </Box>
      )}
      {actions.includes('submit') && !readiness.canSubmit && (
        <Box mt={2}>
          <Alert severity="info">
            The review can be submitted once every required item passes. Not
            passing yet: {failingRequired.map(i => i.title).join(', ')}.
          </Alert>
        </Box>
      )}
      <Box mt={2}>
        <Typography variant="subtitle1" component="h3" id="readiness-history">
          History
        </Typography>
        <ReviewHistory
          review={review}
          comments={readiness.comments}
          itemTitles={itemTitle}
          labelledBy="readiness-history"
        />
      </Box>
    </InfoCard>
  );
}

/**
 * The entity's production-readiness checklist (template, progress, sections with their items'
 * state and evidence) and its review (state, who decided, actions by permission, comments).
 * Attesting, commenting and moving the review are offered only to callers the permission API
 * allows; the backend checks the same permissions on every request.
 */
export function ReadinessChecklist(props: { onChange?: () => void }) {
  const { entity } = useEntity();
  const alertApi = useApi(alertApiRef);
  const ref = getCompoundEntityRef(entity);
  const resourceRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const attest = usePermission({
    permission: reliabilityReviewAttestPermission,
    resourceRef,
  });
  const signoff = usePermission({
    permission: reliabilityReviewSignoffPermission,
    resourceRef,
  });
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const { value, loading, error, retry } = useReadinessOf(ref);

  if (!value) {
    if (loading) return <Progress />;
    if (error) {
      return (
        <ResponseErrorPanel
          title="Could not load the readiness checklist"
          error={error}
        />
      );
    }
    return null;
  }

  const entityTitle = entity.metadata.title ?? entity.metadata.name;
  const done = (message: string) => () => {
    setDialog(undefined);
    alertApi.post({ message, severity: 'success', display: 'transient' });
    retry();
    props.onChange?.();
  };
  const common = {
    entityRef: ref,
    entityTitle,
    onClose: () => setDialog(undefined),
  };
  const canAttest = attest.allowed;
  const canSignoff = signoff.allowed;

  const items = value.sections.flatMap(section => section.items);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="h6" component="p" data-testid="readiness-summary">
          {checklistSummary(items, value.review?.state ?? null)}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={Math.max(0, Math.min(100, value.progress.percent))}
          aria-label="Readiness progress"
          style={{ marginTop: 8 }}
        />
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginTop: 4 }}
        >
          Required met {value.progress.requiredPassing} of{' '}
          {value.progress.required} · recommended met{' '}
          {value.progress.recommendedPassing} of {value.progress.recommended}
        </Typography>
      </Grid>
      <Grid item xs={12} md={8}>
        <ChecklistCard
          readiness={value}
          canAttest={canAttest}
          canComment={canAttest || canSignoff}
          onDialog={setDialog}
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <ReviewCard
          readiness={value}
          canAttest={canAttest}
          canSignoff={canSignoff}
          onDialog={setDialog}
        />
      </Grid>
      <AttestDialog
        {...common}
        open={dialog?.kind === 'attest'}
        item={dialog?.kind === 'attest' ? dialog.item : undefined}
        onDone={done('Attestation recorded')}
      />
      <CommentDialog
        {...common}
        open={dialog?.kind === 'comment'}
        item={dialog?.kind === 'comment' ? dialog.item : undefined}
        onDone={done('Comment posted')}
      />
      <ReviewActionDialog
        {...common}
        open={dialog?.kind === 'review'}
        action={dialog?.kind === 'review' ? dialog.action : undefined}
        expectedState={value.review?.state ?? 'draft'}
        onDone={done('Review updated')}
      />
    </Grid>
  );
}
