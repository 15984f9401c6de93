import { defaultObjectiveName } from '../openslo/validateSloObjectives';
import { validateOpenSloDocument } from '../openslo/validate';
import { durationToMs, parseOpenSloDuration } from '../openslo/duration';
import type { OpenSloObjective, OpenSloSlo } from '../openslo/types';
import { sloPagePath } from '../paths';
import { alertRules } from './alertRules';
import { slothId, slothSloName } from './contract';
import { resolvePrometheusSli } from './indicator';
import { sloLabels } from './labels';
import { metadataRecordingRules } from './metadataRules';
import { ObjectiveRulesInput, usesSlices } from './objective';
import { formatPromDuration, prometheusPeriod } from './period';
import { periodRecordingRules } from './periodRules';
import { sliRecordingRules } from './sliRules';
import type {
  GeneratePrometheusRulesOptions,
  PrometheusRuleGroup,
  PrometheusRulesProblem,
  PrometheusRulesResult,
  PrometheusRulesSlo,
} from './types';

const DEFAULT_PERIOD_INTERVAL = '5m';
/** The Prometheus source's bucket: a threshold SLI on Occurrences counts good minutes. */
const SOURCE_BUCKET_MS = 60_000;

function targetOf(objective: OpenSloObjective): number {
  return objective.target ?? Number(`${objective.targetPercent}e-2`);
}

function sliceMsOf(objective: OpenSloObjective): number {
  const value = objective.timeSliceWindow;
  if (value === undefined) return SOURCE_BUCKET_MS;
  return typeof value === 'number'
    ? value * 60_000
    : durationToMs(parseOpenSloDuration(value));
}

/** What the rules of an objective cannot say, as comments above its groups. */
function limitations(input: ObjectiveRulesInput, slo: OpenSloSlo): string[] {
  const notes: string[] = [];
  const window = slo.spec.timeWindow[0];
  if (input.period.calendar) {
    notes.push(
      `Calendar window ${window.duration}${
        window.calendar
          ? ` (from ${window.calendar.startTime}, ${window.calendar.timeZone})`
          : ''
      }: PromQL has no calendar, so the period rules use the last ${
        input.period.duration
      } (rolling); the portal counts from the period's start. The alert factors use ${
        input.period.duration
      } as the window length.`,
    );
  }
  if (usesSlices(input)) {
    const slice = formatPromDuration(input.sliceMs);
    notes.push(
      `${input.budgetingMethod}${
        input.sli.kind === 'threshold' &&
        input.budgetingMethod === 'Occurrences'
          ? ' on a threshold SLI (1m buckets, judged like slices)'
          : ''
      }: each evaluation judges the ${slice} slice ending then (slo:sli_slice_good:ratio), so slices are sampled at the rule interval, not counted on aligned ${slice} boundaries; ratios are the bad share of the samples over each window, and the period's budget is measured against the time with data, not the whole window's length as the portal does.`,
    );
  }
  if (input.sli.kind === 'raw') {
    notes.push(
      'Raw ratio: no event counts, so the period ratio is the mean of the 5-minute ratios (every bucket weighs the same, as in the portal).',
    );
  }
  return notes;
}

function parseInterval(text: string): number | undefined {
  const match = /^([1-9][0-9]*)(s|m|h)$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[match[2]]!;
}

/**
 * Prometheus rule groups for SLOs whose indicators query Prometheus: per objective, an SLI
 * group (`slo:sli_error:ratio_rate<w>` for 5m … 3d), a period group (the window's
 * event-weighted ratio, at `periodInterval`), Sloth's metadata rules and the burn and
 * no-data alerts. Pure: data sources and SLIs come in the options.
 *
 * Every SLO (or objective) that cannot be expressed is reported in `problems` with the
 * field at fault, and gets no rules; the others still do.
 *
 * @public
 */
export function generatePrometheusRules(
  slos: ReadonlyArray<PrometheusRulesSlo>,
  options: GeneratePrometheusRulesOptions = {},
): PrometheusRulesResult {
  const groups: PrometheusRuleGroup[] = [];
  const problems: PrometheusRulesProblem[] = [];
  const periodInterval = options.periodInterval ?? DEFAULT_PERIOD_INTERVAL;
  const periodIntervalMs = parseInterval(periodInterval);
  if (periodIntervalMs === undefined) {
    problems.push({
      kind: 'invalid',
      slo: '',
      path: 'periodInterval',
      message: `a Prometheus duration in s, m or h, e.g. 5m; got '${periodInterval}'`,
    });
    return { groups, problems };
  }
  const seen = new Map<string, string>();
  for (const { slo, namespace, runbookUrl, slis, dataSourceTypes } of slos) {
    const name = String(slo?.metadata?.name ?? '');
    const invalid = validateOpenSloDocument(slo);
    if (invalid.length > 0 || slo.kind !== 'SLO') {
      for (const p of invalid) {
        problems.push({ slo: name, kind: 'invalid', ...p });
      }
      if (invalid.length === 0) {
        problems.push({
          kind: 'invalid',
          slo: name,
          path: 'kind',
          message: `an SLO is needed; got ${slo.kind}`,
        });
      }
      continue;
    }
    const period = prometheusPeriod(slo.spec.timeWindow[0]);
    if (!period) {
      problems.push({
        kind: 'invalid',
        slo: name,
        path: 'spec.timeWindow[0].duration',
        message: `'${slo.spec.timeWindow[0].duration}' has no length Prometheus can express`,
      });
      continue;
    }
    const several = slo.spec.objectives.length > 1;
    slo.spec.objectives.forEach((objective, index) => {
      const resolved = resolvePrometheusSli(
        slo,
        index,
        slis ?? options.slis ?? [],
        dataSourceTypes ?? options.dataSourceTypes ?? {},
      );
      for (const p of resolved.problems) problems.push({ slo: name, ...p });
      if (!resolved.sli) return;
      const objectiveName =
        objective.displayName ?? defaultObjectiveName(index);
      const suffix = several ? objectiveName : undefined;
      const id = slothId(slo.spec.service, name, suffix);
      const other = seen.get(id);
      if (other !== undefined) {
        problems.push({
          kind: 'invalid',
          slo: name,
          path: several
            ? `spec.objectives[${index}].displayName`
            : 'metadata.name',
          message: `sloth_id '${id}' is already the id of ${other}; series of both would mix`,
        });
        return;
      }
      seen.set(
        id,
        `SLO '${name}'${namespace ? ` in namespace ${namespace}` : ''}`,
      );
      const target = targetOf(objective);
      const title = slo.metadata.displayName ?? name;
      const input: ObjectiveRulesInput = {
        ids: {
          sloth_id: id,
          sloth_service: slo.spec.service,
          sloth_slo: slothSloName(name, suffix),
        },
        sloLabels: sloLabels(slo.metadata),
        title: several ? `${title}: ${objectiveName}` : title,
        target,
        objectivePercent: objective.targetPercent ?? target * 100,
        budgetingMethod: slo.spec.budgetingMethod,
        period,
        sli: resolved.sli,
        threshold:
          objective.op !== undefined && objective.value !== undefined
            ? { op: objective.op, value: objective.value }
            : undefined,
        timeSliceTarget: objective.timeSliceTarget,
        sliceMs: sliceMsOf(objective),
        portalUrl: options.portalBaseUrl
          ? `${options.portalBaseUrl.replace(/\/+$/, '')}${sloPagePath(
              `slo:${namespace ?? 'default'}/${name}`,
            )}`
          : undefined,
        runbookUrl,
        periodInterval,
        periodIntervalMs,
      };
      const comments = limitations(input, slo);
      const group = (
        kind: string,
        rules: PrometheusRuleGroup['rules'],
        interval?: string,
      ): PrometheusRuleGroup => ({
        name: `reliability-slo-${kind}-${id}`,
        ...(interval ? { interval } : {}),
        rules,
      });
      groups.push(
        {
          ...group('sli', sliRecordingRules(input)),
          ...(comments.length > 0 ? { comments } : {}),
        },
        group('period', periodRecordingRules(input), periodInterval),
        group('meta', metadataRecordingRules(input)),
        group('alerts', alertRules(input)),
      );
    });
  }
  return { groups, problems };
}
