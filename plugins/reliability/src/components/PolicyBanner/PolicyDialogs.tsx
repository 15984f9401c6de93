import type {
  EntityRefParts,
  Policy,
} from '@reliability-suite/plugin-reliability-common';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ReactNode, useEffect, useState } from 'react';
import { useReliabilityApi } from '../../hooks';
import { DECISION_LABEL, errorText, isHttpUrl } from '../shared/policy';

/** The dialogs of the policy banner; one is open at a time. */
export type PolicyDialogKind = 'enact' | 'lift' | 'exception' | 'decision';

type DialogProps = {
  open: boolean;
  entityRef: EntityRefParts;
  /** The entity's display name, for the dialog's text. */
  entityTitle: string;
  onClose(): void;
  /** Called after the server accepted the request (the banner refreshes). */
  onDone(): void;
};

/**
 * A dialog with a form: submit is disabled until the form is valid and while the request
 * runs; a failed request keeps the dialog open and shows the server's message.
 */
export function ActionDialog(props: {
  open: boolean;
  title: string;
  description: ReactNode;
  submitLabel: string;
  canSubmit: boolean;
  onClose(): void;
  onSubmit(): Promise<void>;
  children: ReactNode;
  /** Wider for long forms (the postmortem dialog); 'sm' by default. */
  maxWidth?: 'sm' | 'md' | 'lg';
}) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const { open } = props;
  useEffect(() => {
    if (open) {
      setError(undefined);
      setSubmitting(false);
    }
  }, [open]);

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await props.onSubmit();
    } catch (e) {
      setError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const shown = error === undefined ? undefined : errorText(error);
  const titleId = `policy-dialog-${props.submitLabel
    .toLocaleLowerCase('en-US')
    .replace(/\W+/g, '-')}`;
  return (
    <Dialog
      open={props.open}
      onClose={submitting ? undefined : props.onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth={props.maxWidth ?? 'sm'}
    >
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText component="div">
          {props.description}
        </DialogContentText>
        {props.children}
        {shown && (
          <Alert severity="error" role="alert" style={{ marginTop: 16 }}>
            <AlertTitle>{shown.title}</AlertTitle>
            {shown.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={submitting}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!props.canSubmit || submitting}
          onClick={submit}
          startIcon={submitting ? <CircularProgress size={16} /> : undefined}
        >
          {props.submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The reason and link fields every policy action asks for. */
function useReasonAndLink(open: boolean) {
  const [reason, setReason] = useState('');
  const [link, setLink] = useState('');
  useEffect(() => {
    if (open) {
      setReason('');
      setLink('');
    }
  }, [open]);
  const linkValid = link.trim() === '' || isHttpUrl(link.trim());
  const valid = reason.trim() !== '' && linkValid;
  const body = {
    reason: reason.trim(),
    ...(link.trim() !== '' ? { link: link.trim() } : {}),
  };
  const fields = (reasonHelp: string) => (
    <>
      <TextField
        id="policy-action-reason"
        label="Reason"
        required
        fullWidth
        multiline
        minRows={2}
        margin="normal"
        value={reason}
        onChange={e => setReason(e.target.value)}
        helperText={reasonHelp}
        inputProps={{ maxLength: 2000 }}
      />
      <TextField
        id="policy-action-link"
        label="Link"
        fullWidth
        margin="normal"
        value={link}
        onChange={e => setLink(e.target.value)}
        error={!linkValid}
        helperText={
          linkValid
            ? 'Optional: the incident, ticket or decision record (http or https URL).'
            : 'Must be an http or https URL.'
        }
        inputProps={{ maxLength: 2000 }}
      />
    </>
  );
  return { valid, body, fields };
}

/** Enact a release freeze. */
export function EnactFreezeDialog(
  props: DialogProps & { recommended: boolean },
) {
  const api = useReliabilityApi();
  const form = useReasonAndLink(props.open);
  return (
    <ActionDialog
      open={props.open}
      title={`Enact a release freeze for ${props.entityTitle}`}
      description={
        <>
          While the freeze is in force the deploy gate blocks releases of{' '}
          {props.entityTitle}, except changes granted an exception or of a
          pre-approved class.
          {props.recommended
            ? ' The policy recommends a freeze in the current state.'
            : ' The policy does not recommend a freeze in the current state.'}
        </>
      }
      submitLabel="Enact freeze"
      canSubmit={form.valid}
      onClose={props.onClose}
      onSubmit={async () => {
        await api.enactFreeze(props.entityRef, form.body);
        props.onDone();
      }}
    >
      {form.fields('Why releases stop, for the team and the audit trail.')}
    </ActionDialog>
  );
}

/** Lift the freeze in force. */
export function LiftFreezeDialog(props: DialogProps) {
  const api = useReliabilityApi();
  const form = useReasonAndLink(props.open);
  return (
    <ActionDialog
      open={props.open}
      title={`Lift the release freeze of ${props.entityTitle}`}
      description="Releases resume as soon as the freeze is lifted; open exceptions lapse with it."
      submitLabel="Lift freeze"
      canSubmit={form.valid}
      onClose={props.onClose}
      onSubmit={async () => {
        await api.liftFreeze(props.entityRef, form.body);
        props.onDone();
      }}
    >
      {form.fields('Why releases may resume, e.g. the budget recovered.')}
    </ActionDialog>
  );
}

/** Let one change ship during the freeze. */
export function GrantExceptionDialog(
  props: DialogProps & { exceptionClasses: Policy['exceptionClasses'] },
) {
  const api = useReliabilityApi();
  const form = useReasonAndLink(props.open);
  const [changeId, setChangeId] = useState('');
  const [exceptionClass, setExceptionClass] = useState('');
  useEffect(() => {
    if (props.open) {
      setChangeId('');
      setExceptionClass('');
    }
  }, [props.open]);
  const valid =
    form.valid && changeId.trim() !== '' && exceptionClass.trim() !== '';
  return (
    <ActionDialog
      open={props.open}
      title={`Grant an exception to the freeze of ${props.entityTitle}`}
      description="The deploy gate lets this one change through while the freeze is in force."
      submitLabel="Grant exception"
      canSubmit={valid}
      onClose={props.onClose}
      onSubmit={async () => {
        await api.grantException(props.entityRef, {
          changeId: changeId.trim(),
          exceptionClass,
          ...form.body,
        });
        props.onDone();
      }}
    >
      <TextField
        id="policy-exception-change"
        label="Change id"
        required
        fullWidth
        margin="normal"
        value={changeId}
        onChange={e => setChangeId(e.target.value)}
        helperText="The commit, pull request or release the deploy gate is asked about."
        inputProps={{ maxLength: 256 }}
      />
      <TextField
        select
        id="policy-exception-class"
        label="Exception class"
        required
        fullWidth
        margin="normal"
        value={exceptionClass}
        onChange={e => setExceptionClass(e.target.value)}
        helperText="One of the classes the policy allows during a freeze."
      >
        {props.exceptionClasses.map(c => (
          <MenuItem key={c.name} value={c.name}>
            {c.description ? `${c.name} — ${c.description}` : c.name}
          </MenuItem>
        ))}
      </TextField>
      {form.fields('Why this change must ship now.')}
    </ActionDialog>
  );
}

/** The date input's value (YYYY-MM-DD) as the end of that day, UTC. */
function endOfDayUtc(date: string): string {
  return new Date(`${date}T23:59:59.999Z`).toISOString();
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Record leadership's decision after an escalation. */
export function RecordDecisionDialog(
  props: DialogProps & { escalatedTo?: string },
) {
  const api = useReliabilityApi();
  const form = useReasonAndLink(props.open);
  const [decision, setDecision] = useState('');
  const [acceptUntil, setAcceptUntil] = useState('');
  useEffect(() => {
    if (props.open) {
      setDecision('');
      setAcceptUntil('');
    }
  }, [props.open]);
  const acceptRisk = decision === 'accept-risk';
  const dateValid =
    acceptUntil !== '' && !Number.isNaN(new Date(acceptUntil).getTime());
  const valid = form.valid && decision !== '' && (!acceptRisk || dateValid);
  return (
    <ActionDialog
      open={props.open}
      title={`Record the leadership decision for ${props.entityTitle}`}
      description={
        <>
          {props.entityTitle} has been out of error budget for too long
          {props.escalatedTo
            ? `; the policy escalates to ${props.escalatedTo}`
            : ''}
          . Record what leadership decided: fund reliability work, loosen the
          SLO, or accept the risk until a date.
        </>
      }
      submitLabel="Record decision"
      canSubmit={valid}
      onClose={props.onClose}
      onSubmit={async () => {
        await api.recordDecision(props.entityRef, {
          decision: decision as
            | 'fund-reliability'
            | 'loosen-slo'
            | 'accept-risk',
          ...form.body,
          ...(acceptRisk ? { acceptUntil: endOfDayUtc(acceptUntil) } : {}),
        });
        props.onDone();
      }}
    >
      <TextField
        select
        id="policy-decision"
        label="Decision"
        required
        fullWidth
        margin="normal"
        value={decision}
        onChange={e => setDecision(e.target.value)}
      >
        {Object.entries(DECISION_LABEL).map(([value, label]) => (
          <MenuItem key={value} value={value}>
            {label}
          </MenuItem>
        ))}
      </TextField>
      {acceptRisk && (
        <TextField
          id="policy-decision-accept-until"
          label="Accept the risk until"
          type="date"
          required
          fullWidth
          margin="normal"
          value={acceptUntil}
          onChange={e => setAcceptUntil(e.target.value)}
          InputLabelProps={{ shrink: true }}
          inputProps={{ min: today() }}
          helperText="Required to accept the risk: the decision is revisited after this day (end of day, UTC)."
        />
      )}
      {form.fields('What was decided and by whom, for the audit trail.')}
    </ActionDialog>
  );
}
