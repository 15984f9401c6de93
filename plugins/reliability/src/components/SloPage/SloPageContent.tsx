import { parseEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';
import type {
  ObjectiveStatus,
  SloDetail,
  SloRange,
} from '@reliability-suite/plugin-reliability-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { ReactElement, ReactNode, useMemo } from 'react';
import {
  useEntityPolicyOf,
  useReliabilityApi,
  useSlo,
  useSloRevisions,
} from '../../hooks';
import { BurnDownChart, ChartMarker } from '../SloCards/BurnDownChart';
import { forecastText } from '../SloCards/forecastText';
import {
  SourceAlertState,
  sourceAlertLoader,
} from '../SloCards/SourceAlertState';
import { SloHistory } from '../SloHistory';
import { partialDataText } from '../shared/dataCoverage';
import {
  formatBudgetLeft,
  formatBurnRate,
  formatDuration,
  formatLocalTime,
  formatPercent,
} from '../shared/format';
import { NoDataHelp } from '../shared/HowToPushData';
import { StateIndicator } from '../shared/StateIndicator';
import {
  useEntityReliabilityLink,
  usePolicyLink,
} from '../shared/usePageLinks';
import { useUrlFilters } from '../shared/useUrlFilters';
import { AlertTable } from './AlertTable';
import { budgetFigures } from './budgetFigures';
import { SliChart } from './SliChart';
import { Figure } from '../shared/Figure';
import { sourceProblemSentence } from '../shared/sourceProblem';

const RANGES: SloRange[] = ['window', '7d', '1d'];
const RANGE_LABEL: Record<SloRange, string> = {
  window: 'Whole window',
  '7d': 'Last 7 days',
  '1d': 'Last day',
};

type Series = SloDetail['series'][number];

/** The burn now: the rate the forecast extrapolates, over its window. */
function burnNow(status: ObjectiveStatus): { value: string; note?: string } {
  const window = status.forecastBurnWindow ?? '1h';
  return {
    value: formatBurnRate(status.burnRates[window] ?? null),
    note: `over the last ${window}; 1× spends the budget exactly over the window`,
  };
}

/** Where the data come from and how fresh they are. */
function Freshness(props: { status: ObjectiveStatus; series?: Series }) {
  const { status, series } = props;
  const source = status.source;
  const lastDataAt = series?.lastDataAt;
  return (
    <Box data-testid="slo-freshness">
      <Typography variant="body2">
        Data source: {!source && 'Push API'}
        {source &&
          (source.state === 'ok' ? source.type : sourceProblemSentence(source))}
      </Typography>
      <Typography variant="body2">
        Last data received:{' '}
        {lastDataAt
          ? `${formatLocalTime(lastDataAt)} (${formatDuration(
              Math.max(0, Date.now() - Date.parse(lastDataAt)),
            )} ago)`
          : 'none in this window'}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Evaluated {formatLocalTime(status.evaluatedAt)}
      </Typography>
      {status.dataQuality === 'partial' && (
        <Box mt={1}>
          <Chip
            size="small"
            label={`${partialDataText(
              status,
            )}: the figures are those of the data so far`}
          />
        </Box>
      )}
    </Box>
  );
}

/** One objective: its verdict, its charts, its alerts, its budget and its data. */
function ObjectiveSection(props: {
  sloRef: string;
  title: string;
  subheader: string;
  status: ObjectiveStatus;
  series?: Series;
  markers: ChartMarker[];
  /** What the SLO's source says about its generated alerts (SourceAlertState). */
  sourceAlerts?: ReactNode;
}) {
  const { status, series } = props;
  const forecast = forecastText(status);
  const burn = burnNow(status);
  return (
    <InfoCard title={props.title} subheader={props.subheader}>
      <Box display="flex" alignItems="center" mb={1}>
        <StateIndicator state={status.state} dataQuality={status.dataQuality} />
      </Box>
      {status.dataQuality === 'no-data' ? (
        <>
          <Freshness status={status} series={series} />
          <NoDataHelp sloRef={props.sloRef} status={status} />
        </>
      ) : (
        <Grid container spacing={2}>
          <Grid item xs={12}>
            <Box display="flex" flexWrap="wrap">
              <Figure
                label="SLI / target"
                value={`${formatPercent(status.sli)} / ${formatPercent(
                  status.target,
                )}`}
              />
              <Figure
                label={
                  status.dataQuality === 'partial'
                    ? 'Error budget, of the data so far'
                    : 'Error budget'
                }
                value={formatBudgetLeft(status.errorBudget.remaining)}
              />
              <Figure label="Burning now" {...burn} />
              <Figure label="Budget runs out" {...forecast} />
            </Box>
          </Grid>
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle2">SLI over time</Typography>
            {series && (
              <SliChart
                points={series.points}
                target={status.target}
                markers={props.markers}
              />
            )}
          </Grid>
          <Grid item xs={12} md={6}>
            <Typography variant="subtitle2">Error budget burn-down</Typography>
            {series && (
              <BurnDownChart
                points={series.points}
                unit={status.errorBudget.unit}
                markers={props.markers}
                ideal={
                  series.windowStart && series.periodEnd
                    ? {
                        from: Date.parse(series.windowStart),
                        to: Date.parse(series.periodEnd),
                      }
                    : undefined
                }
              />
            )}
          </Grid>
          <Grid item xs={12} md={7}>
            <Typography variant="subtitle2">Burn-rate alerts</Typography>
            <AlertTable status={status} />
            {props.sourceAlerts}
          </Grid>
          <Grid item xs={12} md={5}>
            <Typography variant="subtitle2">Error budget</Typography>
            <Box display="flex" flexWrap="wrap" data-testid="slo-budget">
              {budgetFigures(status).map(f => (
                <Figure key={f.label} label={f.label} value={f.value} />
              ))}
            </Box>
            <Freshness status={status} series={series} />
          </Grid>
        </Grid>
      )}
    </InfoCard>
  );
}

/** The SLO's service, owner and policy, in words with links. */
function Facts(props: {
  serviceRef: string;
  ownerRef?: string | null;
  extra?: ReactNode;
}) {
  const reliabilityLink = useEntityReliabilityLink();
  const policyLink = usePolicyLink();
  const service = parseEntityRef(props.serviceRef);
  const policy = useEntityPolicyOf(service);
  const policyRef = policy.value?.policy.ref;
  return (
    <Box display="flex" flexWrap="wrap" alignItems="baseline">
      <Figure
        label="Service"
        value={
          <Link to={reliabilityLink(props.serviceRef)}>
            <EntityDisplayName entityRef={props.serviceRef} hideIcon />
          </Link>
        }
      />
      <Figure
        label="Owner"
        value={
          props.ownerRef ? (
            <EntityRefLink entityRef={props.ownerRef} hideIcon />
          ) : (
            'not set'
          )
        }
      />
      <Figure
        label="Error-budget policy"
        value={
          <>
            {policy.loading && '…'}
            {policy.error && `could not load: ${policy.error.message}`}
            {policyRef &&
              (policyLink ? (
                <Link to={policyLink(policyRef)}>
                  {policy.value?.policy.title}
                </Link>
              ) : (
                policy.value?.policy.title
              ))}
          </>
        }
      />
      {props.extra}
    </Box>
  );
}

/** The time-range selector of the charts. */
function RangeSelector(props: {
  range: SloRange;
  window?: string;
  onChange: (range: SloRange) => void;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.range}
      aria-label="Time range of the charts"
      onChange={(_, value: SloRange | null) => value && props.onChange(value)}
    >
      {RANGES.map(r => (
        <ToggleButton key={r} value={r} aria-label={RANGE_LABEL[r]}>
          {r === 'window' && props.window
            ? `Window (${props.window})`
            : RANGE_LABEL[r]}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

/**
 * Everything about one SLO, on its page (`/reliability/slos/:namespace/:name`) and on its
 * catalog entity page alike: its service, owner and policy; per objective the verdict, the
 * SLI against the target and the burn-down against the ideal burn over a chosen range (kept
 * in the URL as `?range=`), the burn-rate alerts, the budget in its unit and the freshness
 * of the data; refinements marked on the time axis and listed in the history below.
 */
export function SloPageContent(props: {
  namespace: string;
  name: string;
  /** The service as the SLO's document names it, shown before the first evaluation. */
  serviceRef?: string;
  /** Added after the service, owner and policy (e.g. a link to the other page). */
  extra?: ReactNode;
  /** Wraps the content, e.g. in a page with the SLO's title (undefined until loaded). */
  layout?: (title: string | undefined, content: ReactElement) => ReactElement;
}) {
  const { namespace, name } = props;
  const [filters, setFilters] = useUrlFilters({ range: 'window' });
  const range: SloRange = RANGES.includes(filters.range as SloRange)
    ? (filters.range as SloRange)
    : 'window';
  const slo = useSlo({ namespace, name }, { range });
  const revisions = useSloRevisions({ namespace, name }, { limit: 100 });
  const notYet = ResponseError.is(slo.error) && slo.error.statusCode === 404;
  const value = slo.value;
  const api = useReliabilityApi();
  // Asked again when the SLO is loaded again (another range), not on every render.
  const loadAlerts = useMemo(
    () => (value ? sourceAlertLoader(api, value) : undefined),
    [api, value],
  );
  const serviceRef = value?.serviceRef ?? props.serviceRef;

  // Refinements after the first definition, on the time axis of both charts.
  const markers: ChartMarker[] = (revisions.value?.items ?? [])
    .filter(r => r.revision > 1)
    .map(r => ({
      t: Date.parse(r.effectiveFrom),
      label: `Revision ${r.revision}`,
    }));

  const content = (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard>
          {serviceRef && (
            <Facts
              serviceRef={serviceRef}
              ownerRef={value?.ownerRef}
              extra={props.extra}
            />
          )}
          {value && (
            <Box
              display="flex"
              alignItems="center"
              flexWrap="wrap"
              justifyContent="space-between"
            >
              <Typography variant="body2" color="textSecondary">
                {value.window} · {value.budgetingMethod}
              </Typography>
              <RangeSelector
                range={range}
                window={value.window?.replace(/^rolling /, '')}
                onChange={r => setFilters({ range: r })}
              />
            </Box>
          )}
          {slo.loading && <Progress />}
          {slo.error && !notYet && <ResponseErrorPanel error={slo.error} />}
          {notYet && (
            <Typography variant="body2" color="textSecondary">
              Not evaluated yet: the suite picks an SLO up within a minute of
              the catalog ingesting it.
            </Typography>
          )}
          {revisions.error && (
            <ResponseErrorPanel
              title="Could not load the SLO's refinements"
              error={revisions.error}
            />
          )}
        </InfoCard>
      </Grid>
      {value && value.objectives.length === 0 && (
        <Grid item xs={12}>
          <Typography variant="body2">
            {value.title}: waiting for its first evaluation (within a minute of
            the catalog picking it up).
          </Typography>
        </Grid>
      )}
      {value?.objectives.map(status => (
        <Grid item xs={12} key={status.name}>
          <ObjectiveSection
            sloRef={value.sloRef}
            title={
              value.objectives.length > 1
                ? `${value.title} — ${status.name}`
                : value.title
            }
            subheader={`${status.name} · target ${formatPercent(
              status.target,
            )}`}
            status={status}
            series={value.series.find(s => s.objective === status.name)}
            markers={markers}
            sourceAlerts={
              loadAlerts && (
                <SourceAlertState load={loadAlerts} status={status} />
              )
            }
          />
        </Grid>
      ))}
      {value && (
        <Grid item xs={12}>
          <SloHistory sloRef={value.sloRef} title={value.title} />
        </Grid>
      )}
    </Grid>
  );
  return props.layout ? props.layout(value?.title, content) : content;
}
