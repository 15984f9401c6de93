import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotFoundError, stringifyError } from '@backstage/errors';
import { slothId } from '@reliability-suite/plugin-reliability-common';
import {
  ResolvedDataSource,
  SliActiveAlert,
  SliSource,
  SliSourceError,
} from '@reliability-suite/plugin-reliability-node';
import { SloRecord, SloStore } from '../store/SloStore';
import { DataSourceResolver } from '../sync/DataSourceResolver';
import {
  dataSourceOf,
  resolveSyncInputs,
} from '../sync/resolveMetricSourceRefs';
import { SliResolver } from '../sync/SliResolver';
import { isCompositeSlo, syncTargets } from '../sync/syncTargets';
import { TtlCache } from '../lib/TtlCache';

/** The guard on any source's answer; the Prometheus source gives up sooner (5 s). */
const SOURCE_TIMEOUT_MS = 10_000;

/** What the SLO's source says about the alerts generated from it. */
export interface SloAlertState {
  sloRef: string;
  /** The source the SLO's data are pulled from; null for pushed data. */
  sourceType: string | null;
  /**
   * ok: the source answered (see objectives); unsupported: its source cannot tell (pushed
   * data, or a source without alert state), see reason; error: asking it failed, see error.
   */
  state: 'ok' | 'unsupported' | 'error';
  reason: string | null;
  error: { kind: string; message: string } | null;
  /** When the source was asked; the answer is served from cache until ttl after. */
  checkedAt: string | null;
  objectives: Array<{
    name: string;
    slothId: string;
    rulesLoaded: boolean;
    alerts: SliActiveAlert[];
  }>;
}

/** Every string of a data source's settings that is a secret (tokens, header values). */
function secretsOf(dataSource: ResolvedDataSource | undefined): string[] {
  const details = dataSource?.connectionDetails ?? {};
  const secrets: string[] = [];
  if (typeof details.bearerToken === 'string') {
    secrets.push(details.bearerToken);
  }
  const headers = details.headers;
  if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
    for (const v of Object.values(headers)) {
      if (typeof v === 'string') secrets.push(v);
    }
  }
  return secrets.filter(s => s.length >= 4);
}

/** The message with every secret replaced: it is shown to any signed-in user. */
function redact(message: string, secrets: string[]): string {
  return secrets.reduce((m, s) => m.split(s).join('[redacted]'), message);
}

/**
 * Asks an SLO's source whether the Prometheus alerts generated from the SLO are pending or
 * firing there, for the SLO cards: beside the portal's own verdict, so that a disagreement
 * shows. Answers (faults included) are cached per SLO; see {@link TtlCache}.
 */
export class AlertStateService {
  private readonly cache: TtlCache<SloAlertState>;

  constructor(
    private readonly deps: {
      sources: Map<string, SliSource>;
      slos: Pick<SloStore, 'get'>;
      dataSources: Pick<DataSourceResolver, 'resolve'>;
      /** The SLI entities SLOs name in `indicatorRef`. */
      slis: Pick<SliResolver, 'resolve'>;
      logger: LoggerService;
      ttlMs: number;
      maxEntries: number;
      now?: () => number;
    },
  ) {
    this.cache = new TtlCache({
      ttlMs: deps.ttlMs,
      maxEntries: deps.maxEntries,
      now: deps.now,
    });
  }

  /** The alert state of one SLO; a NotFoundError when the backend does not know it. */
  async sloAlertState(sloRef: string): Promise<SloAlertState> {
    const slo = await this.deps.slos.get(sloRef);
    if (!slo) throw new NotFoundError(`No SLO ${sloRef}`);
    // Keyed by the definition too: a changed SLO (other objectives, source) is asked anew.
    return this.cache.get(`${sloRef}\u0000${slo.definitionHash}`, () =>
      this.ask(slo),
    );
  }

  /** Each objective with the sloth_id its generated rules carry. */
  private objectivesOf(
    slo: SloRecord,
  ): Array<{ name: string; slothId: string }> {
    const service = (slo.spec as { service?: unknown } | undefined)?.service;
    return slo.definition.objectives.map(o => ({
      name: o.name,
      slothId: slothId(
        typeof service === 'string'
          ? service
          : parseEntityRef(slo.serviceRef).name,
        parseEntityRef(slo.sloRef).name,
        slo.definition.objectives.length > 1 ? o.name : undefined,
      ),
    }));
  }

  private async ask(slo: SloRecord): Promise<SloAlertState> {
    const base = {
      sloRef: slo.sloRef,
      reason: null,
      error: null,
      checkedAt: null,
      objectives: [],
    };
    // As the sync does: the SLI an indicatorRef names, and the data sources whose type a
    // metric source without an inline type takes, are resolved first.
    const { indicator, refs } = await resolveSyncInputs(slo, {
      dataSources: this.deps.dataSources,
      slis: this.deps.slis,
    });
    const plan = syncTargets(
      slo,
      new Set(this.deps.sources.keys()),
      refs,
      indicator,
    );
    if (plan.problem) {
      const { problem } = plan;
      const message = redact(
        problem.message,
        [...refs.values()].flatMap(r =>
          r instanceof Error ? [] : secretsOf(r),
        ),
      );
      this.deps.logger.warn(
        `Alert state of ${slo.sloRef} cannot be asked (${problem.kind}): ${message}`,
      );
      return {
        ...base,
        sourceType: problem.sourceType ?? null,
        state: 'error',
        error: { kind: problem.kind, message },
        checkedAt: new Date((this.deps.now ?? Date.now)()).toISOString(),
        objectives: this.objectivesOf(slo).map(o => ({
          ...o,
          rulesLoaded: false,
          alerts: [],
        })),
      };
    }
    const [target] = plan.targets;
    if (!target) {
      return {
        ...base,
        sourceType: null,
        state: 'unsupported',
        reason: isCompositeSlo(slo)
          ? "A composite SLO (an indicator on each objective) is not read from a source: push its objectives' data; the rules route still writes rules for each objective"
          : 'Its data are pushed to the portal, not read from a source that evaluates alerts',
      };
    }
    const source = this.deps.sources.get(target.sourceType)!;
    if (!source.alertState) {
      return {
        ...base,
        sourceType: target.sourceType,
        state: 'unsupported',
        reason: `The ${target.sourceType} source cannot tell the state of alerts`,
      };
    }
    const objectives = this.objectivesOf(slo);
    const checkedAt = new Date((this.deps.now ?? Date.now)()).toISOString();
    let dataSource: ResolvedDataSource | undefined;
    try {
      dataSource = await dataSourceOf(target, this.deps.dataSources);
      const states = await source.alertState({
        sloRef: slo.sloRef,
        objectives,
        indicator: target.indicator,
        dataSource,
        signal: AbortSignal.timeout(SOURCE_TIMEOUT_MS),
      });
      return {
        ...base,
        sourceType: target.sourceType,
        state: 'ok',
        checkedAt,
        objectives: states.map(s => ({
          name: s.name,
          slothId: s.slothId,
          rulesLoaded: s.rulesLoaded,
          alerts: s.alerts,
        })),
      };
    } catch (e) {
      const kind = e instanceof SliSourceError ? e.kind : 'unreachable';
      const message = redact(
        e instanceof Error ? e.message : stringifyError(e),
        secretsOf(dataSource),
      );
      this.deps.logger.warn(
        `Alert state of ${slo.sloRef} from ${target.sourceType} failed (${kind}): ${message}`,
      );
      return {
        ...base,
        sourceType: target.sourceType,
        state: 'error',
        error: { kind, message },
        checkedAt,
        objectives: objectives.map(o => ({
          ...o,
          rulesLoaded: false,
          alerts: [],
        })),
      };
    }
  }
}
