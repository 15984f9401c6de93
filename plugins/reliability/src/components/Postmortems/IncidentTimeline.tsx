import type { Postmortem } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { IncidentTime, timelineSteps } from './postmortem';
import { formatDateTime, formatDuration } from '../shared/format';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'stretch',
    listStyle: 'none',
    margin: 0,
    padding: 0,
    rowGap: theme.spacing(1),
  },
  item: {
    display: 'flex',
    alignItems: 'center',
  },
  connector: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    minWidth: 72,
    margin: theme.spacing(0, 1),
  },
  line: {
    width: '100%',
    borderTop: `2px solid ${theme.palette.primary.main}`,
  },
  lineMissing: {
    width: '100%',
    borderTop: `2px dashed ${theme.palette.divider}`,
  },
  dot: {
    width: 10,
    height: 10,
    borderRadius: '50%',
    marginRight: theme.spacing(1),
    flexShrink: 0,
    backgroundColor: theme.palette.primary.main,
  },
  dotMissing: {
    width: 10,
    height: 10,
    borderRadius: '50%',
    marginRight: theme.spacing(1),
    flexShrink: 0,
    border: `2px solid ${theme.palette.text.disabled}`,
  },
}));

/**
 * An incident's times as a compact horizontal timeline — started → detected → mitigated →
 * resolved — with the time between each recorded step and the one before it; a time the
 * postmortem does not record reads "not recorded".
 */
export function IncidentTimeline(props: {
  postmortem: Pick<Postmortem, 'title' | IncidentTime>;
}) {
  const classes = useStyles();
  const steps = timelineSteps(props.postmortem);
  return (
    <ol
      className={classes.list}
      aria-label={`Incident timeline of ${props.postmortem.title}`}
    >
      {steps.map((step, i) => (
        <li
          key={step.field}
          className={classes.item}
          aria-label={`${step.label}: ${
            step.at ? formatDateTime(step.at) : 'not recorded'
          }${
            step.sinceMs !== null
              ? `, ${formatDuration(
                  step.sinceMs,
                )} after ${step.sinceLabel?.toLocaleLowerCase('en-US')}`
              : ''
          }`}
        >
          {i > 0 && (
            <Box className={classes.connector} aria-hidden>
              <Typography variant="caption" color="textSecondary">
                {step.sinceMs !== null ? formatDuration(step.sinceMs) : ' '}
              </Typography>
              <div className={step.at ? classes.line : classes.lineMissing} />
            </Box>
          )}
          <span className={step.at ? classes.dot : classes.dotMissing} />
          <Box>
            <Typography variant="caption" component="div">
              <b>{step.label}</b>
            </Typography>
            <Typography
              variant="caption"
              component="div"
              color={step.at ? 'textPrimary' : 'textSecondary'}
            >
              {step.at ? formatDateTime(step.at) : 'not recorded'}
            </Typography>
          </Box>
        </li>
      ))}
    </ol>
  );
}
