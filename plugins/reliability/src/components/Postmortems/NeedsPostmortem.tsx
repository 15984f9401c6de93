import { InfoCard, Link } from '@backstage/core-components';
import type {
  BurnEpisode,
  EntityPostmortems,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import {
  formatBurnRate,
  formatDateTime,
  formatPercent,
  formatShare,
} from '../shared/format';
import { shortRef } from '../shared/responsibility';
import { usePolicyLink } from '../shared/usePageLinks';

function PolicyName(props: { policyRef: string }) {
  const link = usePolicyLink();
  const name = shortRef(props.policyRef);
  return link ? <Link to={link(props.policyRef)}>{name}</Link> : <>{name}</>;
}

/**
 * The page-tier burn episodes of the entity's SLOs (current windows) that spent more of the
 * budget than its error-budget policy allows without a postmortem, each with a "Write
 * postmortem" button (for callers allowed to write one) that opens the add dialog pre-filled
 * with the episode's times. When the policy has no postmortem rule it says so.
 */
export function NeedsPostmortem(props: {
  value: EntityPostmortems;
  canWrite: boolean;
  onWrite(episode: BurnEpisode): void;
}) {
  const { rule, needsPostmortem } = props.value;
  const share = rule.budgetShareAbove;
  return (
    <InfoCard
      title="Needs a postmortem"
      subheader={
        share === null ? undefined : (
          // One span: the card lays its subheader out as flex items, which would drop the
          // spaces around the link.
          <span>
            Policy <PolicyName policyRef={rule.policyRef} /> asks for a
            published postmortem when an incident spends over{' '}
            {formatPercent(share, 1)} of an SLO window’s error budget.
          </span>
        )
      }
    >
      {share === null && (
        <Typography variant="body2">
          The policy <PolicyName policyRef={rule.policyRef} /> asks for no
          postmortems: it has no postmortem rule.
        </Typography>
      )}
      {share !== null && needsPostmortem.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No burn episode over {formatPercent(share, 1)} of the budget is
          waiting for a postmortem.
        </Typography>
      )}
      {share !== null && needsPostmortem.length > 0 && (
        <List dense aria-label="Burn episodes that need a postmortem">
          {needsPostmortem.map(episode => (
            <ListItem
              key={`${episode.sloRef}/${episode.objective}/${episode.start}`}
              divider
              aria-label={`${episode.sloTitle} — ${episode.objective}`}
            >
              <Box
                display="flex"
                width="100%"
                alignItems="center"
                flexWrap="wrap"
                style={{ gap: 16 }}
              >
                <Box flexGrow={1}>
                  <Typography variant="subtitle2" component="div">
                    {episode.sloTitle} — {episode.objective}
                  </Typography>
                  <Typography variant="body2" color="textSecondary">
                    {formatDateTime(episode.start)} –{' '}
                    {episode.end ? formatDateTime(episode.end) : 'ongoing'} ·
                    peak burn rate {formatBurnRate(episode.peakBurnRate)} ·{' '}
                    {episode.spend.share === null
                      ? 'budget spent: no data'
                      : `${formatShare(
                          episode.spend.share,
                        )} of the budget spent`}
                  </Typography>
                </Box>
                {props.canWrite && (
                  <Button
                    variant="outlined"
                    color="primary"
                    size="small"
                    data-testid="write-postmortem"
                    onClick={() => props.onWrite(episode)}
                  >
                    Write postmortem
                  </Button>
                )}
              </Box>
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
