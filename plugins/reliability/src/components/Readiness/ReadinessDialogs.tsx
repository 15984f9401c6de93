import type {
  EntityRefParts,
  EntityVerdict,
  ReadinessItemStatus,
  ReviewAction,
  ReviewState,
} from '@reliability-suite/plugin-reliability-common';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useEffect, useState } from 'react';
import {
  useEntityPolicy,
  useEntitySummary,
  useReliabilityApi,
} from '../../hooks';
import { formatBudgetLeft } from '../shared/format';
import { verdictOf } from '../shared/verdict';
import { ActionDialog } from '../PolicyBanner/PolicyDialogs';
import { isHttpUrl } from '../shared/policy';
import { COMMENT_REQUIRED, REVIEW_ACTION_LABEL } from './readiness';

/** The last value given while open, so a closing dialog keeps its title and target. */
function useLastDefined<T>(value: T | undefined): T | undefined {
  const [last, setLast] = useState(value);
  useEffect(() => {
    if (value !== undefined) setLast(value);
  }, [value]);
  return value ?? last;
}

type Common = {
  open: boolean;
  entityRef: EntityRefParts;
  entityTitle: string;
  onClose(): void;
  /** Called after the server accepted the request (the checklist reloads). */
  onDone(): void;
};

/** Attest an attestation item: a statement and the evidence (an http(s) URL). */
export function AttestDialog(
  props: Common & { item: ReadinessItemStatus | undefined },
) {
  const api = useReliabilityApi();
  const [statement, setStatement] = useState('');
  const [evidenceUrl, setEvidenceUrl] = useState('');
  useEffect(() => {
    if (props.open) {
      setStatement('');
      setEvidenceUrl('');
    }
  }, [props.open]);
  const urlValid = evidenceUrl.trim() === '' || isHttpUrl(evidenceUrl.trim());
  const item = useLastDefined(props.item);
  const valid =
    !!item && statement.trim() !== '' && evidenceUrl.trim() !== '' && urlValid;
  return (
    <ActionDialog
      open={props.open}
      title={`Attest: ${item?.title ?? ''}`}
      description={
        <>
          State how {props.entityTitle} meets this item and link the evidence.
          {item?.maxAgeDays
            ? ` The attestation holds for ${item.maxAgeDays} days.`
            : ''}
          {item?.description ? ` ${item.description}` : ''}
        </>
      }
      submitLabel="Attest"
      canSubmit={valid}
      onClose={props.onClose}
      onSubmit={async () => {
        if (!item) return;
        await api.attestItem(props.entityRef, {
          itemId: item.id,
          statement: statement.trim(),
          evidenceUrl: evidenceUrl.trim(),
        });
        props.onDone();
      }}
    >
      <TextField
        id="readiness-attest-statement"
        label="Statement"
        required
        fullWidth
        multiline
        minRows={3}
        margin="normal"
        value={statement}
        onChange={e => setStatement(e.target.value)}
        helperText="What is in place, e.g. “Restores from last night's backup are tested monthly.”"
        inputProps={{ maxLength: 4000 }}
      />
      <TextField
        id="readiness-attest-evidence"
        label="Evidence URL"
        required
        fullWidth
        margin="normal"
        value={evidenceUrl}
        onChange={e => setEvidenceUrl(e.target.value)}
        error={!urlValid}
        helperText={
          urlValid
            ? 'The runbook, test report or ticket that shows it (http or https URL).'
            : 'Must be an http or https URL.'
        }
        inputProps={{ maxLength: 2000 }}
      />
    </ActionDialog>
  );
}

/** Comment on the review, or on one of its items. */
export function CommentDialog(
  props: Common & { item: ReadinessItemStatus | undefined },
) {
  const api = useReliabilityApi();
  const [body, setBody] = useState('');
  useEffect(() => {
    if (props.open) setBody('');
  }, [props.open]);
  const item = props.item;
  return (
    <ActionDialog
      open={props.open}
      title={
        item
          ? `Comment on “${item.title}”`
          : `Comment on the review of ${props.entityTitle}`
      }
      description="Comments are visible to the owning team and the SRE team."
      submitLabel="Post comment"
      canSubmit={body.trim() !== ''}
      onClose={props.onClose}
      onSubmit={async () => {
        await api.commentReview(props.entityRef, {
          ...(item ? { itemId: item.id } : {}),
          body: body.trim(),
        });
        props.onDone();
      }}
    >
      <TextField
        id="readiness-comment-body"
        label="Comment"
        required
        fullWidth
        multiline
        minRows={3}
        margin="normal"
        value={body}
        onChange={e => setBody(e.target.value)}
        inputProps={{ maxLength: 4000 }}
      />
    </ActionDialog>
  );
}

const ACTION_DESCRIPTION: Record<ReviewAction, string> = {
  submit:
    'The SRE team is asked to review the checklist; attestations can still be renewed.',
  approve:
    'The SRE team accepts the service: the review is approved and its checklist signed off.',
  'request-changes':
    'The review goes back to the owning team with what must change before it is submitted again.',
  'hand-back':
    'The SRE team hands the service back to the owning team; a new review starts when it is reopened.',
  reopen: 'A new draft review starts for the service.',
};

/** What the budget check before an approval found. */
type BudgetCheckResult =
  | { kind: 'loading' }
  | { kind: 'fine' }
  | { kind: 'unknown' }
  | { kind: 'at-risk'; verdict: EntityVerdict };

/**
 * Before an approval: the entity's verdict from its error-budget policy and SLOs (as its
 * Reliability tab judges it). A service whose budget is at risk or gone, or that is frozen,
 * can still be approved, but only once the approver confirms, knowing why.
 */
function ApproveBudgetCheck(props: {
  entityTitle: string;
  confirmed: boolean;
  onConfirm(confirmed: boolean): void;
  onResult(result: BudgetCheckResult): void;
}) {
  const policy = useEntityPolicy();
  const summary = useEntitySummary();
  const loading = policy.loading || summary.loading;
  const verdict =
    policy.value && !loading
      ? verdictOf(policy.value, summary.value)
      : undefined;
  const atRisk =
    verdict && (verdict.severity === 'error' || verdict.severity === 'warning');
  let result: BudgetCheckResult;
  if (loading) result = { kind: 'loading' };
  else if (!verdict) result = { kind: 'unknown' };
  else if (atRisk) result = { kind: 'at-risk', verdict };
  else result = { kind: 'fine' };
  const { onResult } = props;
  const key = result.kind === 'at-risk' ? result.verdict.title : result.kind;
  useEffect(() => {
    onResult(result);
    // The result is a new object each render; its key says whether it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, onResult]);

  if (result.kind === 'loading') {
    return (
      <Alert severity="info">
        Checking the error budget of {props.entityTitle}…
      </Alert>
    );
  }
  if (result.kind === 'unknown') {
    return (
      <Alert severity="info">
        The error budget of {props.entityTitle} could not be checked; see its
        Reliability tab before approving.
      </Alert>
    );
  }
  if (result.kind === 'fine') return null;
  const remaining = policy.value?.status.remaining;
  return (
    <Alert severity="warning" data-testid="approve-budget-warning">
      <AlertTitle>Error budget at risk: {result.verdict.title}</AlertTitle>
      {result.verdict.reason}
      {remaining !== null && remaining !== undefined
        ? ` Budget: ${formatBudgetLeft(remaining)}.`
        : ''}{' '}
      Approving makes the SRE team take on a service that is not within its
      error budget now.
      <div>
        <FormControlLabel
          control={
            <Checkbox
              checked={props.confirmed}
              onChange={e => props.onConfirm(e.target.checked)}
              color="primary"
            />
          }
          label="Approve anyway, knowing the budget is at risk"
        />
      </div>
    </Alert>
  );
}

/** Move the review (submit, approve, request changes, hand back, reopen) with a comment. */
export function ReviewActionDialog(
  props: Common & {
    action: ReviewAction | undefined;
    /** The state shown on the page, sent as `expectedState`. */
    expectedState: ReviewState;
  },
) {
  const api = useReliabilityApi();
  const [comment, setComment] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [budget, setBudget] = useState<BudgetCheckResult>({ kind: 'loading' });
  useEffect(() => {
    if (props.open) {
      setComment('');
      setConfirmed(false);
      setBudget({ kind: 'loading' });
    }
  }, [props.open]);
  const action = useLastDefined(props.action);
  const required = !!action && COMMENT_REQUIRED.has(action);
  const budgetOk =
    action !== 'approve' ||
    budget.kind === 'fine' ||
    budget.kind === 'unknown' ||
    (budget.kind === 'at-risk' && confirmed);
  const valid = !!action && (!required || comment.trim() !== '') && budgetOk;
  const label = action ? REVIEW_ACTION_LABEL[action] : '';
  return (
    <ActionDialog
      open={props.open}
      title={`${label}: ${props.entityTitle}`}
      description={action ? ACTION_DESCRIPTION[action] : ''}
      submitLabel={label}
      canSubmit={valid}
      onClose={props.onClose}
      onSubmit={async () => {
        if (!action) return;
        await api.transitionReview(props.entityRef, {
          action,
          expectedState: props.expectedState,
          ...(comment.trim() !== '' ? { comment: comment.trim() } : {}),
        });
        props.onDone();
      }}
    >
      {props.open && action === 'approve' && (
        <ApproveBudgetCheck
          entityTitle={props.entityTitle}
          confirmed={confirmed}
          onConfirm={setConfirmed}
          onResult={setBudget}
        />
      )}
      <TextField
        id="readiness-review-comment"
        label="Comment"
        required={required}
        fullWidth
        multiline
        minRows={3}
        margin="normal"
        value={comment}
        onChange={e => setComment(e.target.value)}
        helperText={
          required ? 'Required: what the owning team should know.' : 'Optional.'
        }
        inputProps={{ maxLength: 4000 }}
      />
    </ActionDialog>
  );
}
