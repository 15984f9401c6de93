import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { ANNOTATION_CAPACITY } from '@reliability-suite/plugin-reliability-common';
import type { SreTeamLoad } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatLoad } from './responsibility';

const useStyles = makeStyles(theme => ({
  bar: { height: 8, borderRadius: 4 },
  over: { backgroundColor: theme.palette.error.main },
  within: { backgroundColor: theme.palette.success.main },
  near: { backgroundColor: theme.palette.warning.main },
}));

/** Share of the capacity in use, 0–100 for the bar (more than full shows full). */
function percent(load: SreTeamLoad): number {
  if (!load.capacity || load.capacity <= 0) return 100;
  return Math.min(100, (load.load / load.capacity) * 100);
}

/** Over capacity, within it, or no capacity declared, as a status line. */
export function CapacityStatus(props: { load: SreTeamLoad }) {
  const { load } = props;
  if (load.overCapacity) {
    const overWeight = load.capacity !== null && load.load > load.capacity;
    return (
      <StatusError>
        {load.overTimeCap && !overWeight
          ? 'Over capacity (time cap)'
          : 'Over capacity'}
      </StatusError>
    );
  }
  if (load.capacity === null) {
    return <StatusPending>No capacity declared</StatusPending>;
  }
  return <StatusOK>Within capacity</StatusOK>;
}

/**
 * An SRE team's load against its capacity: "load 7 / capacity 6" over a bar that turns red
 * over capacity and amber above 80 %.
 */
export function SreLoadBar(props: { load: SreTeamLoad; compact?: boolean }) {
  const classes = useStyles();
  const { load } = props;
  const text =
    load.capacity === null
      ? `load ${formatLoad(load.load)}, no capacity declared`
      : `load ${formatLoad(load.load)} / capacity ${formatLoad(load.capacity)}`;
  const pct = percent(load);
  let barClass = classes.within;
  if (load.overCapacity) barClass = classes.over;
  else if (pct >= 80) barClass = classes.near;
  return (
    <Box minWidth={props.compact ? 160 : undefined}>
      <Typography
        variant="body2"
        color={load.overCapacity ? 'error' : 'textPrimary'}
      >
        {text}
      </Typography>
      {load.capacity !== null && (
        <LinearProgress
          variant="determinate"
          value={pct}
          aria-label={`SRE load of ${load.title}: ${text}`}
          classes={{ root: classes.bar, bar: barClass }}
        />
      )}
      {load.capacity === null && !props.compact && (
        <Typography variant="caption" color="textSecondary" display="block">
          Declare what the team can carry with the{' '}
          <code>{ANNOTATION_CAPACITY}</code> annotation on its Group.
        </Typography>
      )}
    </Box>
  );
}
