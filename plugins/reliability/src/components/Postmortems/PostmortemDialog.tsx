import { ResponseError } from '@backstage/errors';
import {
  POSTMORTEM_SEVERITIES,
  POSTMORTEM_STATUSES,
} from '@reliability-suite/plugin-reliability-common';
import type {
  Postmortem,
  PostmortemSeverity,
  PostmortemStatus,
} from '@reliability-suite/plugin-reliability-common';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { HTMLAttributes, useEffect, useMemo, useState } from 'react';
import { useReliabilityApi } from '../../hooks';
import { ActionDialog } from '../PolicyBanner/PolicyDialogs';
import { ActionItemsEditor } from './ActionItemsEditor';
import {
  INCIDENT_TIMES,
  PostmortemDraft,
  PostmortemForm,
  SEVERITY_DESCRIPTION,
  SEVERITY_LABEL,
  STATUS_LABEL,
  TIME_LABEL,
  fieldLabel,
  formOf,
  inputOf,
  isMissing,
  parseServerProblems,
  problemMessage,
  problemText,
  problemWith,
} from './postmortem';
import { localTimeZone } from '../shared/format';

/** What a 409 on update says: someone saved the postmortem after it was loaded. */
export const CONFLICT_MESSAGE =
  'This postmortem was changed by someone else meanwhile; reload to see their changes, then edit it again.';

/** The fields the form shows a problem next to; others are listed under the form. */
const FIELDS_WITH_HELPER = [
  'title',
  'documentUrl',
  'severity',
  'status',
  'summary',
  ...INCIDENT_TIMES,
  'entityRefs',
];

/**
 * Add or edit a postmortem: title, document URL, severity, status, whether the blameless
 * review was held, summary, the incident's times (local time, sent as UTC), the affected
 * entities and the action items. The form is checked by the validator the server runs, so
 * save stays disabled while a field is missing or wrong (times out of order, a URL that is
 * not http(s)) and the field says why, by its label and in local time; a refused request
 * (400 naming the field, 403, 409) shows the server's message — a 400's field paths and UTC
 * times said with the form's labels and local times — and keeps the dialog open. An edit sends the updatedAt it was
 * loaded with as `expectedUpdatedAt`: a postmortem someone else saved meanwhile answers 409.
 */
export function PostmortemDialog(props: {
  open: boolean;
  /** Where the dialog starts from: the entity, a burn episode's times, or the postmortem. */
  draft: PostmortemDraft | undefined;
  /** The postmortem being edited; undefined to add one. */
  postmortem?: Postmortem;
  /** The entity's display name, for the title of the add dialog. */
  entityTitle?: string;
  onClose(): void;
  /** Called with the saved postmortem after the server accepted it. */
  onDone(saved: Postmortem): void;
}) {
  const api = useReliabilityApi();
  const { open, postmortem } = props;
  const [draft, setDraft] = useState<PostmortemDraft>({});
  const [form, setForm] = useState<PostmortemForm>(() => formOf({}));
  const [editing, setEditing] = useState<Postmortem | undefined>();
  useEffect(() => {
    if (open) {
      const start = props.draft ?? {};
      setDraft(start);
      setForm(formOf(start));
      setEditing(postmortem);
    }
    // Reset only when the dialog opens, not while it is being filled in.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const { input, problems } = useMemo(
    () => inputOf(form, draft, editing),
    [form, draft, editing],
  );
  const set = (patch: Partial<PostmortemForm>) =>
    setForm(f => ({ ...f, ...patch }));
  const fieldError = (field: string) => {
    const p = problemWith(problems, field);
    return p && !isMissing(p) ? problemMessage(p) : undefined;
  };
  const missing = problems
    .filter(p => isMissing(p))
    .map(p =>
      p.field.startsWith('actionItems[')
        ? `the title of action item ${
            Number(p.field.slice(12, p.field.indexOf(']'))) + 1
          }`
        : fieldLabel(p.field),
    );
  const elsewhere = problems.filter(
    p =>
      !isMissing(p) &&
      !p.field.startsWith('actionItems[') &&
      !FIELDS_WITH_HELPER.some(
        f => p.field === f || p.field.startsWith(`${f}[`),
      ),
  );

  const title = editing
    ? `Edit postmortem: ${editing.title}`
    : `Add a postmortem${props.entityTitle ? ` for ${props.entityTitle}` : ''}`;

  return (
    <ActionDialog
      open={open}
      maxWidth="md"
      title={title}
      description={`Times are in your local time zone, ${localTimeZone()}, and are saved as UTC. Nothing but the title, severity, start and an affected entity is required: add what you know now and the rest later.`}
      submitLabel="Save postmortem"
      canSubmit={input !== undefined}
      onClose={props.onClose}
      onSubmit={async () => {
        if (!input) return;
        let saved: Postmortem;
        try {
          saved = editing
            ? await api.updatePostmortem(editing.id, input)
            : await api.createPostmortem(input);
        } catch (e) {
          if (ResponseError.is(e) && e.statusCode === 409 && editing) {
            throw new Error(CONFLICT_MESSAGE);
          }
          // The API names fields by their paths, in UTC; say it as the form does.
          const refused =
            ResponseError.is(e) && e.statusCode === 400
              ? parseServerProblems(e.body.error.message)
              : [];
          if (refused.length > 0) {
            throw new Error(refused.map(problemText).join('; '));
          }
          throw e;
        }
        props.onDone(saved);
      }}
    >
      <TextField
        id="postmortem-title"
        label="Title"
        required
        fullWidth
        margin="dense"
        value={form.title}
        onChange={e => set({ title: e.target.value })}
        error={!!fieldError('title')}
        helperText={fieldError('title')}
        inputProps={{ maxLength: 300, 'data-testid': 'postmortem-title' }}
      />
      <TextField
        id="postmortem-document-url"
        label="Document URL"
        fullWidth
        margin="dense"
        placeholder="https://wiki.example.com/postmortems/…"
        value={form.documentUrl}
        onChange={e => set({ documentUrl: e.target.value })}
        error={!!fieldError('documentUrl')}
        helperText={
          fieldError('documentUrl') ?? 'The full write-up (http or https URL).'
        }
        inputProps={{ maxLength: 2000 }}
      />
      <Grid container spacing={2} alignItems="center">
        <Grid item xs={12} sm={4}>
          <TextField
            select
            id="postmortem-severity"
            label="Severity"
            required
            fullWidth
            margin="dense"
            value={form.severity}
            onChange={e =>
              set({ severity: e.target.value as PostmortemSeverity })
            }
            SelectProps={{
              SelectDisplayProps: {
                'data-testid': 'postmortem-severity',
              } as HTMLAttributes<HTMLDivElement>,
            }}
          >
            {POSTMORTEM_SEVERITIES.map(s => (
              <MenuItem key={s} value={s}>
                {SEVERITY_LABEL[s]} — {SEVERITY_DESCRIPTION[s]}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField
            select
            id="postmortem-status"
            label="Status"
            fullWidth
            margin="dense"
            value={form.status}
            onChange={e => set({ status: e.target.value as PostmortemStatus })}
          >
            {POSTMORTEM_STATUSES.map(s => (
              <MenuItem key={s} value={s}>
                {STATUS_LABEL[s]}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={4}>
          <FormControlLabel
            control={
              <Checkbox
                id="postmortem-blameless"
                color="primary"
                checked={form.blamelessReviewHeld}
                onChange={e => set({ blamelessReviewHeld: e.target.checked })}
              />
            }
            label="Blameless review held"
          />
        </Grid>
      </Grid>
      <TextField
        id="postmortem-summary"
        label="Summary"
        fullWidth
        multiline
        minRows={3}
        margin="dense"
        value={form.summary}
        onChange={e => set({ summary: e.target.value })}
        error={!!fieldError('summary')}
        helperText={
          fieldError('summary') ?? 'What happened, the impact, the causes.'
        }
        inputProps={{ maxLength: 20000 }}
      />
      <Grid container spacing={2}>
        {INCIDENT_TIMES.map(field => (
          <Grid item xs={12} sm={6} md={3} key={field}>
            <TextField
              id={`postmortem-${field}`}
              label={TIME_LABEL[field]}
              type="datetime-local"
              required={field === 'startedAt'}
              fullWidth
              margin="dense"
              value={form.times[field]}
              onChange={e =>
                set({ times: { ...form.times, [field]: e.target.value } })
              }
              InputLabelProps={{ shrink: true }}
              error={!!fieldError(field)}
              helperText={fieldError(field)}
              inputProps={{ 'data-testid': `postmortem-${field}` }}
            />
          </Grid>
        ))}
      </Grid>
      <TextField
        id="postmortem-entities"
        label="Affected entities"
        required
        fullWidth
        margin="dense"
        value={form.entityRefs}
        onChange={e => set({ entityRefs: e.target.value })}
        error={!!fieldError('entityRefs')}
        helperText={
          fieldError('entityRefs') ??
          'Entity references separated by commas, e.g. component:default/checkout-api, component:default/ledger.'
        }
      />
      <ActionItemsEditor
        items={form.actionItems}
        problems={problems}
        onChange={actionItems => set({ actionItems })}
      />
      {missing.length > 0 && (
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginTop: 16 }}
        >
          Still needed: {missing.join(', ')}.
        </Typography>
      )}
      {elsewhere.map(p => (
        <Typography
          key={p.field}
          variant="body2"
          color="error"
          style={{ marginTop: 8 }}
        >
          {problemText(p)}
        </Typography>
      ))}
    </ActionDialog>
  );
}
