import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ANNOTATION_SRE_TEAM } from '@reliability-suite/plugin-reliability-common';
import type { SreTeamLoad } from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useEntityTeam } from '../../hooks';
import { formatMonth, formatPercent } from '../shared/format';
import { formatLoad, supportedServicesText } from '../shared/responsibility';
import { ServiceTable } from '../shared/ServiceTable';
import { SreLoadBar } from '../shared/SreLoad';
import { useWordWrapStyles } from '../shared/wordWrap';

function SreLoadSection(props: { sre: SreTeamLoad }) {
  const { sre } = props;
  return (
    <Box mb={3}>
      <Typography variant="subtitle2" gutterBottom>
        SRE load
      </Typography>
      {sre.overCapacity && (
        <Box mb={1}>
          <Alert severity="error">
            <AlertTitle>Over capacity</AlertTitle>
            {sre.capacity !== null && sre.load > sre.capacity && (
              <>
                {sre.title} carries a load of {formatLoad(sre.load)} against a
                capacity of {formatLoad(sre.capacity)}. Decline or hand back
                services (move them to consulting), or raise the capacity.{' '}
              </>
            )}
            {sre.overTimeCap && sre.timeCap && (
              <>
                Operational work took {formatPercent(sre.timeCap.share, 0)} of
                its time in {formatMonth(sre.timeCap.month)}, over its cap of{' '}
                {formatPercent(sre.timeCap.cap, 0)}: it cannot take more until
                toil comes down (see its time budget).
              </>
            )}
          </Alert>
        </Box>
      )}
      <SreLoadBar load={sre} />
      <Typography variant="caption" color="textSecondary" display="block">
        {supportedServicesText(sre)}
      </Typography>
    </Box>
  );
}

/**
 * The group page card: the services the team owns and those it supports as an SRE team, with
 * their state, tier, engagement and policy, and — for an SRE team — its load against its
 * capacity, flagged when over.
 */
export function EntityTeamReliabilityCard() {
  const { entity, value, loading, error } = useEntityTeam();
  const name = entity.metadata.name;
  const title = value?.title || entity.metadata.title || name;
  const wordWrap = useWordWrapStyles();
  return (
    <InfoCard
      title="Reliability"
      subheader="Services the team owns and supports as SRE team"
      className={wordWrap.root}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <>
          {value.sre && <SreLoadSection sre={value.sre} />}
          <Typography variant="subtitle2" gutterBottom>
            Owns ({value.owned.length})
          </Typography>
          {value.owned.length === 0 ? (
            <Typography variant="body2" color="textSecondary" paragraph>
              {title} owns no services.
            </Typography>
          ) : (
            <Box mb={3}>
              <ServiceTable label="Owned services" services={value.owned} />
            </Box>
          )}
          <Typography variant="subtitle2" gutterBottom>
            Supports as SRE team ({value.supported.length})
          </Typography>
          {value.supported.length === 0 && !value.sre && (
            <Typography variant="body2" color="textSecondary">
              {title} is no SRE team: no service names it with the{' '}
              <code>{ANNOTATION_SRE_TEAM}</code> annotation.
            </Typography>
          )}
          {value.supported.length === 0 && value.sre && (
            <Typography variant="body2" color="textSecondary" paragraph>
              {title} supports no services under an engagement that counts
              towards its load yet.
            </Typography>
          )}
          {value.supported.length > 0 && (
            <Box mb={3}>
              <ServiceTable
                label="Supported services"
                services={value.supported}
                showWeight
              />
            </Box>
          )}
          {value.engaged.length > 0 && (
            <>
              <Typography variant="subtitle2">
                Also engaged, not counted ({value.engaged.length})
              </Typography>
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
                gutterBottom
              >
                These name {title} as their SRE team under an engagement such as
                consulting or onboarding: they weigh 0 in its load and are not
                in its time budget.
              </Typography>
              <ServiceTable
                label="Engaged services, not counted"
                services={value.engaged}
              />
            </>
          )}
        </>
      )}
    </InfoCard>
  );
}
