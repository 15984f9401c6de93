import type { EntityVerdict } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { VerdictIndicator } from '../shared/PolicyState';

/**
 * The verdict when something other than the policy state decides it (a freeze, an alert, an
 * exhausted budget, the components): the headline, with its reason.
 */
export function VerdictHeadline(props: { verdict: EntityVerdict }) {
  const { verdict } = props;
  return (
    <Box mb={2} data-testid="verdict">
      <Typography variant="h6" component="div">
        <VerdictIndicator verdict={verdict} />
      </Typography>
      <Typography variant="body1">{verdict.reason}</Typography>
      {verdict.also && verdict.also.length > 0 && (
        <Typography variant="body2" data-testid="verdict-also">
          Also: {verdict.also.join(' · ')}
        </Typography>
      )}
    </Box>
  );
}
