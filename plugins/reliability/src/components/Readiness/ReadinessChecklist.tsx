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
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { reliabilityApiRef } from '../../api';
import { ActorRef } from '../shared/ActorRef';
import {
  AttestDialog,
  CommentDialog,
  ReviewActionDialog,
} from './ReadinessDialogs';
import {
  ITEM_STATE_LABEL,
  REVIEW_ACTION_LABEL,
  expiryText,
  reviewStateLabel,
} from './readiness';
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

function ChecklistCard(props: {
  readiness: Readiness;
  canAttest: boolean;
  canComment: boolean;
  onDialog(d: Dialog): void;
}) {
  const { readiness, canAttest, canComment, onDialog } = props;
  const { template, progress } = readiness;
  return (
    <InfoCard
      title="Production readiness"
      subheader={`${template.title} · version ${template.version}`}
    >
      <Box mb={2}>
        <LinearProgress
          variant="determinate"
          value={Math.max(0, Math.min(100, progress.percent))}
          aria-label="Readiness progress"
        />
        <Typography variant="body2" style={{ marginTop: 8 }}>
          {Math.round(progress.percent)}% ready · required passing{' '}
          {progress.requiredPassing}/{progress.required} · recommended passing{' '}
          {progress.recommendedPassing}/{progress.recommended}
        </Typography>
      </Box>
      {readiness.sections.map(section => (
        <Box key={section.id} mb={2}>
          <Typography
            variant="h6"
            component="h3"
            id={`readiness-${section.id}`}
          >
            {section.title}
          </Typography>
          <List dense aria-labelledby={`readiness-${section.id}`}>
            {section.items.map(item => (
              <ListItem
                key={item.id}
                divider
                alignItems="flex-start"
                aria-label={item.title}
              >
                <Box display="flex" width="100%" alignItems="flex-start">
                  <Box minWidth={110}>
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
            ))}
          </List>
        </Box>
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
          Submitted since {formatDateTime(review.submittedAt)}
        </Typography>
      )}
      {review?.decidedBy && (
        <Typography variant="body2">
          Decided by <ActorRef value={review.decidedBy} />
        </Typography>
      )}
      {review && (
        <Typography variant="caption" color="textSecondary" component="div">
          Template {review.templateId} version {review.templateVersion} ·
          updated {formatDateTime(review.updatedAt)}
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
        <Typography variant="subtitle1" component="h3" id="readiness-comments">
          Comments ({readiness.comments.length})
        </Typography>
        {readiness.comments.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No comments yet.
          </Typography>
        ) : (
          <List dense aria-labelledby="readiness-comments">
            {readiness.comments.map(c => (
              <ListItem key={c.id} divider>
                <Box>
                  <Typography variant="caption" color="textSecondary">
                    <ActorRef value={c.author} /> ·{' '}
                    {formatDateTime(c.createdAt)}
                    {c.itemId
                      ? ` · on ${itemTitle.get(c.itemId) ?? c.itemId}`
                      : ''}
                  </Typography>
                  <Typography variant="body2">{c.body}</Typography>
                </Box>
              </ListItem>
            ))}
          </List>
        )}
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
  const api = useApi(reliabilityApiRef);
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
  const { value, loading, error, retry } = useAsyncRetry(
    async () => api.getReadiness(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );

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

  return (
    <Grid container spacing={3}>
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
