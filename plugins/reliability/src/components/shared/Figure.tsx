import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';

/** One headline figure of a card: a small label, the value, and an optional note under it. */
export function Figure(props: {
  label: string;
  value: ReactNode;
  note?: string;
}) {
  return (
    <Box mr={4} mb={1}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="h6">{props.value}</Typography>
      {props.note && (
        <Typography variant="caption" color="textSecondary" display="block">
          {props.note}
        </Typography>
      )}
    </Box>
  );
}
