import type {
  PostmortemSeverity,
  PostmortemStatus,
} from '@reliability-suite/plugin-reliability-common';
import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import Tooltip from '@material-ui/core/Tooltip';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import WarningIcon from '@material-ui/icons/Warning';
import {
  PostmortemRule,
  SEVERITY_LABEL,
  STATUS_LABEL,
  needsPublishingText,
} from './postmortem';

const useStyles = makeStyles(theme => ({
  severe: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  warning: {
    borderColor: theme.palette.warning.main,
    color: theme.palette.warning.dark,
    '& svg': { color: theme.palette.warning.main },
  },
  ok: {
    borderColor: theme.palette.success.main,
    color: theme.palette.success.dark,
    '& svg': { color: theme.palette.success.main },
  },
}));

/** The incident's severity; SEV1 and SEV2 stand out. */
export function SeverityChip(props: { severity: PostmortemSeverity }) {
  const classes = useStyles();
  const severe = props.severity === 'sev1' || props.severity === 'sev2';
  return (
    <Chip
      size="small"
      label={SEVERITY_LABEL[props.severity]}
      className={severe ? classes.severe : undefined}
      variant={severe ? 'default' : 'outlined'}
    />
  );
}

/** The postmortem's status: draft, in review, published. */
export function StatusChip(props: { status: PostmortemStatus }) {
  return (
    <Chip
      size="small"
      label={STATUS_LABEL[props.status]}
      color={props.status === 'published' ? 'primary' : 'default'}
      variant={props.status === 'draft' ? 'outlined' : 'default'}
    />
  );
}

/** Whether the blameless review was held. */
export function BlamelessMark(props: { held: boolean }) {
  const classes = useStyles();
  return props.held ? (
    <Chip
      size="small"
      variant="outlined"
      className={classes.ok}
      icon={<CheckCircleOutlineIcon />}
      label="Blameless review held"
    />
  ) : (
    <Chip size="small" variant="outlined" label="No blameless review yet" />
  );
}

/** The incident is over its policy's postmortem share while the postmortem is unpublished. */
export function NeedsPublishingChip(props: { rules: PostmortemRule[] }) {
  const classes = useStyles();
  if (props.rules.length === 0) return null;
  const text = needsPublishingText(props.rules);
  return (
    <Tooltip title={text}>
      <Chip
        size="small"
        variant="outlined"
        className={classes.warning}
        icon={<WarningIcon />}
        label="needs publishing"
        aria-label={`needs publishing: ${text}`}
        data-testid="needs-publishing"
      />
    </Tooltip>
  );
}

/** An open action item past its due date. */
export function OverdueChip() {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      className={classes.warning}
      label="overdue"
    />
  );
}
