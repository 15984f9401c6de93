import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  CatalogService,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  RELATION_SUPPORTED_BY,
  RELATION_SUPPORTS,
  parseSreTeamRef,
  resolveResponsibility,
  ResponsibilitySource,
  toFullRef,
  refKey,
} from '@reliability-suite/plugin-reliability-common';
import { CachedEntityReader } from './CachedEntityReader';

// Defined in -common, which the frontend reads them from too; exported here as before.
export { RELATION_SUPPORTED_BY, RELATION_SUPPORTS };

/** The kinds that get the relations (lower case). */
const SUPPORTED_KINDS = ['component', 'system', 'domain'];

/** Options of {@link SreTeamRelationsProcessor}. @public */
export type SreTeamRelationsProcessorOptions = {
  /**
   * Reads an entity's System and Domain to resolve an inherited SRE team. Without it, only
   * the entity's own annotation counts.
   */
  catalog?: CatalogService;
  /** Credentials for the catalog reads; required with `catalog`. */
  auth?: AuthService;
  logger?: LoggerService;
  /** How long a System or Domain read is reused (ms); default 60 s. */
  cacheTtlMs?: number;
  /** The clock, for tests. */
  now?: () => number;
};

/**
 * Relates each Component, System and Domain to the SRE team that supports it —
 * `supportedBy` from the entity to the Group, `supports` back — so the catalog graph shows
 * who supports what.
 *
 * The SRE team is resolved as everywhere in the suite (`resolveResponsibility` in -common):
 * the entity's own `reliability-suite.dev/sre-team` annotation, else its System's (for a
 * Component), else its Domain's. The System and Domain are read from the catalog (a
 * processor only sees the entity it processes); reads are cached for a minute and a failed
 * read counts as "not there", so the relation appears on the next processing of the entity
 * rather than processing failing. A value that is not a Group reference relates nothing
 * (the annotation check reports it on the entity that carries it).
 *
 * @public
 */
export class SreTeamRelationsProcessor implements CatalogProcessor {
  private readonly reader: CachedEntityReader | undefined;

  constructor(options: SreTeamRelationsProcessorOptions = {}) {
    if (options.catalog && !options.auth) {
      throw new Error(
        'SreTeamRelationsProcessor: auth is required to read the catalog',
      );
    }
    this.reader = options.catalog
      ? new CachedEntityReader({
          ...options,
          catalog: options.catalog,
          auth: options.auth!,
          purpose: 'to resolve inherited SRE teams',
        })
      : undefined;
  }

  getProcessorName(): string {
    return 'SreTeamRelationsProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!SUPPORTED_KINDS.includes(refKey(entity.kind))) return entity;
    const resolved = await this.resolveSreTeam(entity);
    if (!resolved) return entity;
    const team = parseSreTeamRef(resolved, 'default');
    if (!team) return entity;
    const self = getCompoundEntityRef(entity);
    emit(
      processingResult.relation({
        source: self,
        type: RELATION_SUPPORTED_BY,
        target: team,
      }),
    );
    emit(
      processingResult.relation({
        source: team,
        type: RELATION_SUPPORTS,
        target: self,
      }),
    );
    return entity;
  }

  /**
   * The SRE team of the entity as a full reference, following the chain entity → System →
   * Domain only as far as needed; undefined when none in the chain sets one.
   */
  private async resolveSreTeam(entity: Entity): Promise<string | undefined> {
    const chain: Array<{ from: ResponsibilitySource; entity: Entity }> = [
      { from: 'entity', entity },
    ];
    const current = () => resolveResponsibility(chain).sreTeamRef?.value;
    const kind = refKey(entity.kind);
    if (current() || kind === 'domain' || !this.reader) {
      return current();
    }

    let domainHolder: Entity | undefined = entity;
    if (kind === 'component') {
      const systemRef = toFullRef(
        entity.spec?.system,
        'system',
        entity.metadata.namespace ?? 'default',
      );
      const system = systemRef ? await this.reader.read(systemRef) : undefined;
      if (system) chain.push({ from: 'system', entity: system });
      if (current()) return current();
      domainHolder = system;
    }
    if (!domainHolder) return undefined;
    const domainRef = toFullRef(
      domainHolder.spec?.domain,
      'domain',
      domainHolder.metadata.namespace ?? 'default',
    );
    const domain = domainRef ? await this.reader.read(domainRef) : undefined;
    if (domain) chain.push({ from: 'domain', entity: domain });
    return current();
  }
}
