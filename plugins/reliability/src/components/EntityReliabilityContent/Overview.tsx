import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { reliabilityPolicyEnactPermission } from '@reliability-suite/plugin-reliability-common';
import type {
  EntityReliabilitySection,
  EntitySummary,
  ObjectiveStatus,
  SloSummary,
} from '@reliability-suite/plugin-reliability-common';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { VerdictHeadline } from '../PolicyBanner/VerdictHeadline';
import { isCollectingData, partialDataText } from '../shared/dataCoverage';
import {
  formatBudgetLeft,
  formatBurnRate,
  formatDateTime,
  formatPercent,
} from '../shared/format';
import { nothingToJudgeByReason } from '../shared/policy';
import { ServiceTable } from '../shared/ServiceTable';
import { StateIndicator } from '../shared/StateIndicator';
import { useSloLink } from '../shared/usePageLinks';
import { useVerdict } from '../shared/verdict';
import {
  useEntityPolicy,
  useEntityPostmortems,
  useEntityReadiness,
  useEntitySummary,
} from '../../hooks';
import { NextAction, nextActions } from './nextActions';

/** The link to a section of this tab (from the tab's own URL). */
export type SectionLink = (
  section: EntityReliabilitySection,
  query?: string,
) => string;

/** The burn now: the rate the forecast extrapolates, else the last hour's. */
function currentBurn(o: ObjectiveStatus): {
  rate: number | null;
  window: string;
} {
  const window = o.forecastBurnWindow ?? '1h';
  return { rate: o.burnRates[window] ?? null, window };
}

function budgetCell(o: ObjectiveStatus): string {
  if (o.dataQuality === 'no-data') return '—';
  if (isCollectingData(o)) return partialDataText(o);
  const left = formatBudgetLeft(o.errorBudget.remaining);
  return o.dataQuality === 'partial' ? `${left} (partial data)` : left;
}

/** One compact row per objective: what it is, how it stands, linked to its page. */
function ObjectiveRows(props: { slos: SloSummary[]; section: SectionLink }) {
  const sloLink = useSloLink();
  type Row = { slo: SloSummary; objective?: ObjectiveStatus };
  const rows = props.slos.flatMap((slo): Row[] =>
    slo.objectives.length === 0
      ? [{ slo }]
      : slo.objectives.map(objective => ({ slo, objective })),
  );
  return (
    <Table size="small" aria-label="Objectives">
      <TableHead>
        <TableRow>
          <TableCell>Objective</TableCell>
          <TableCell>State</TableCell>
          <TableCell>SLI / target</TableCell>
          <TableCell>Budget</TableCell>
          <TableCell>Burn now</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(({ slo, objective: o }) => {
          const title =
            o && slo.objectives.length > 1
              ? `${slo.title} — ${o.name}`
              : slo.title;
          const href = sloLink?.(slo.sloRef);
          const burn = o ? currentBurn(o) : undefined;
          return (
            <TableRow key={`${slo.sloRef}/${o?.name ?? ''}`}>
              <TableCell>
                {href ? <Link to={href}>{title}</Link> : title}
              </TableCell>
              {o ? (
                <>
                  <TableCell>
                    <StateIndicator
                      state={o.state}
                      dataQuality={o.dataQuality}
                    />
                  </TableCell>
                  <TableCell>
                    {formatPercent(o.sli)} / {formatPercent(o.target)}
                  </TableCell>
                  <TableCell>{budgetCell(o)}</TableCell>
                  <TableCell title={`Burn rate over the last ${burn!.window}`}>
                    {burn!.rate === null
                      ? '—'
                      : `${formatBurnRate(burn!.rate)} (${burn!.window})`}
                  </TableCell>
                </>
              ) : (
                <TableCell colSpan={4}>
                  <Typography variant="body2" color="textSecondary">
                    Waiting for its first evaluation
                  </Typography>
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function NextActions(props: {
  actions: NextAction[];
  section: SectionLink;
  loading: boolean;
  problems: string[];
}) {
  return (
    <InfoCard title="Next actions" noPadding={false}>
      {props.actions.length === 0 && !props.loading && (
        <Typography variant="body2">
          Nothing to do now: no alert fires, and no required action, postmortem
          or review waits on this service.
        </Typography>
      )}
      {props.actions.length > 0 && (
        <ul aria-label="Next actions" style={{ margin: 0, paddingLeft: 20 }}>
          {props.actions.map(a => (
            <li key={a.key}>
              <Typography variant="body2">
                <Link to={props.section(a.section, a.query)}>{a.text}</Link>
              </Typography>
            </li>
          ))}
        </ul>
      )}
      {props.loading && <Progress />}
      {props.problems.map(p => (
        <Typography key={p} variant="caption" color="error" display="block">
          {p}
        </Typography>
      ))}
    </InfoCard>
  );
}

function Objectives(props: {
  summary?: EntitySummary;
  loading: boolean;
  error?: Error;
  entityTitle: string;
  section: SectionLink;
}) {
  const { summary } = props;
  return (
    <InfoCard
      title="Objectives"
      deepLink={{
        title: 'SLO details and charts',
        link: props.section('slos'),
      }}
    >
      {props.loading && <Progress />}
      {props.error && <ResponseErrorPanel error={props.error} />}
      {summary && summary.slos.length === 0 && (
        <Typography variant="body2">
          No SLOs for {props.entityTitle}
          {summary.components?.length ? ' itself' : ''} yet.{' '}
          <Link to={props.section('slos')}>How to add one</Link>
        </Typography>
      )}
      {summary && summary.slos.length > 0 && (
        <ObjectiveRows slos={summary.slos} section={props.section} />
      )}
    </InfoCard>
  );
}

/**
 * The tab's first screen: the verdict (the worst of alerts, freeze, budgets and policy
 * state, with its reason), the next actions, each linked to the section where it is done,
 * and one row per objective. For a System or Domain, its components follow.
 */
export function Overview(props: { section: SectionLink }) {
  const { entity, ...summaryState } = useEntitySummary();
  const policyState = useEntityPolicy();
  const readiness = useEntityReadiness();
  const postmortems = useEntityPostmortems();
  const { allowed: canEnact } = usePermission({
    permission: reliabilityPolicyEnactPermission,
    resourceRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
  });
  const summary = summaryState.value;
  const verdict = useVerdict(policyState.value, summary);
  const entityTitle = entity.metadata.title ?? entity.metadata.name;
  const actions = nextActions({
    policy: policyState.value,
    summary,
    readiness: readiness.value,
    postmortems: postmortems.value,
    canEnact,
    formatDate: formatDateTime,
  });
  const problems = [
    readiness.error &&
      `Readiness review not loaded: ${readiness.error.message}`,
    postmortems.error && `Postmortems not loaded: ${postmortems.error.message}`,
  ].filter((p): p is string => !!p);

  return (
    <Grid container spacing={2} alignItems="stretch">
      <Grid item xs={12} md={7}>
        <InfoCard
          title={`Where ${entityTitle} stands`}
          deepLink={{
            title: 'Policy, freeze and exceptions',
            link: props.section('policy'),
          }}
        >
          {policyState.loading && !policyState.value && <Progress />}
          {policyState.error && (
            <ResponseErrorPanel
              title="Could not load the error-budget policy"
              error={policyState.error}
            />
          )}
          {verdict && summary && <VerdictHeadline verdict={verdict} />}
          {verdict && !summary && summaryState.loading && <Progress />}
          {policyState.value && (
            <Typography variant="body2" color="textSecondary">
              Error-budget policy: {policyState.value.policy.title} · budget by
              the policy:{' '}
              {policyState.value.status.state === null
                ? `not known (${nothingToJudgeByReason(policyState.value)})`
                : formatBudgetLeft(policyState.value.status.remaining)}
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <NextActions
          actions={actions}
          section={props.section}
          loading={
            policyState.loading || readiness.loading || postmortems.loading
          }
          problems={problems}
        />
      </Grid>
      <Grid item xs={12}>
        <Objectives
          summary={summary}
          loading={summaryState.loading && !summary}
          error={summaryState.error}
          entityTitle={entityTitle}
          section={props.section}
        />
      </Grid>
      {summary?.components && summary.components.length > 0 && (
        <Grid item xs={12}>
          <InfoCard
            title={`Components (${summary.components.length})`}
            subheader="Worst SLO state first; each is judged by its own SLOs and error-budget policy"
          >
            <ServiceTable
              label="Components"
              services={summary.components}
              showSystem={entity.kind.toLocaleLowerCase('en-US') === 'domain'}
            />
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
}
