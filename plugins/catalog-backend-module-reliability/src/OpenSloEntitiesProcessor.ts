import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  CatalogService,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { checkOpenSloDocument } from '@reliability-suite/plugin-reliability-common';
import { CachedEntityReader } from './CachedEntityReader';
import { invalidEntityMessage } from './problemsMessage';

/** The OpenSLO kinds the catalog ingests as entities. @public */
export const OPENSLO_KINDS = ['SLO', 'SLI', 'DataSource', 'AlertPolicy'];

/** SLO → the service it measures. @public */
export const RELATION_SLO_OF = 'sloOf';
/** Service → an SLO that measures it. @public */
export const RELATION_HAS_SLO = 'hasSlo';

/** How often, and how far apart, an SLO read before its service is processed again. */
const DEFAULT_RETRY = { attempts: 10, delayMs: 5_000 };

function isOpenSlo(entity: Entity): boolean {
  return (
    entity.apiVersion === 'openslo/v1' && OPENSLO_KINDS.includes(entity.kind)
  );
}

/** Options of {@link OpenSloEntitiesProcessor}. @public */
export type OpenSloEntitiesProcessorOptions = {
  /** Reads an SLO's service for its owner. Without it, SLOs get no owner. */
  catalog?: CatalogService;
  /** Credentials for the catalog reads and refreshes; required with `catalog`. */
  auth?: AuthService;
  logger?: LoggerService;
  /** How long a service read is reused (ms); default 60 s. */
  cacheTtlMs?: number;
  /**
   * An SLO processed before its service is in the catalog is processed again this many
   * times, `delayMs` × the attempt apart (default 10 times from 5 s on), rather than waiting
   * for the catalog's next processing round (minutes) to get its owner.
   */
  retry?: { attempts: number; delayMs: number };
  /** The clock, for tests. */
  now?: () => number;
};

/**
 * Ingests OpenSLO v1 documents (`apiVersion: openslo/v1`) as catalog entities: validates
 * them against the spec, rejecting an invalid one with every problem named by field path,
 * and relates each SLO to its service both ways.
 *
 * So that an SLO's catalog page is not empty, an SLO also gets the title and description of
 * its document (`metadata.displayName`, `spec.description`, where the entity sets no
 * `metadata.title` / `metadata.description` of its own) and its service's owner: an
 * `ownedBy` relation to the owner of the service (read from the catalog, as a processor only
 * sees the entity it processes), `ownerOf` back. The OpenSLO `spec` is left as written (no
 * `spec.owner`: the suite's backend validates SLO entities as OpenSLO documents).
 *
 * Ordering: the service may be processed after the SLO (a fresh catalog processes both
 * files at once). An SLO whose service is not in the catalog yet asks the catalog to
 * process it again shortly, a bounded number of times; after that its owner follows on
 * the catalog's regular processing.
 *
 * @public
 */
export class OpenSloEntitiesProcessor implements CatalogProcessor {
  private readonly reader: CachedEntityReader | undefined;
  private readonly retries = new Map<string, number>();
  /** The warnings last logged per entity: the catalog validates every entity again and again. */
  private readonly warned = new Map<string, string>();

  constructor(private readonly options: OpenSloEntitiesProcessorOptions = {}) {
    if (options.catalog && !options.auth) {
      throw new Error(
        'OpenSloEntitiesProcessor: auth is required to read the catalog',
      );
    }
    this.reader = options.catalog
      ? new CachedEntityReader({
          ...options,
          catalog: options.catalog,
          auth: options.auth!,
          // A service not there yet is looked for again when the SLO is retried.
          keepMisses: false,
          purpose: 'to relate its SLOs to its owner',
        })
      : undefined;
  }

  getProcessorName(): string {
    return 'OpenSloEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (!isOpenSlo(entity)) return false;
    const { errors: problems, warnings } = checkOpenSloDocument(entity);
    if (problems.length > 0) {
      throw new InputError(
        invalidEntityMessage(
          `OpenSLO ${entity.kind}`,
          entity.metadata?.name,
          problems,
        ),
      );
    }
    this.logWarnings(entity, warnings);
    return true;
  }

  /**
   * Warnings do not reject the entity (the spec allows what they are about), so they are
   * logged, once for each change of an entity's warnings.
   */
  private logWarnings(
    entity: Entity,
    warnings: Array<{ path: string; message: string }>,
  ): void {
    // A valid document has a string name; the namespace is the catalog's to check.
    const { namespace } = entity.metadata;
    const key = `${entity.kind}:${
      typeof namespace === 'string' ? namespace : 'default'
    }/${entity.metadata.name}`;
    const text = warnings.map(w => `${w.path}: ${w.message}`).join('; ');
    if ((this.warned.get(key) ?? '') === text) return;
    if (text) {
      this.warned.set(key, text);
      this.options.logger?.warn(`OpenSLO ${key}: ${text}`);
    } else {
      this.warned.delete(key);
    }
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isOpenSlo(entity) || entity.kind !== 'SLO') return entity;
    const slo = getCompoundEntityRef(entity);
    // spec.service was validated as an entity reference; Component is the default kind.
    const service = parseEntityRef(String(entity.spec?.service), {
      defaultKind: 'component',
      defaultNamespace: slo.namespace,
    });
    emit(
      processingResult.relation({
        source: slo,
        type: RELATION_SLO_OF,
        target: service,
      }),
    );
    emit(
      processingResult.relation({
        source: service,
        type: RELATION_HAS_SLO,
        target: slo,
      }),
    );
    const owner = await this.serviceOwner(slo, service);
    if (owner) {
      emit(
        processingResult.relation({
          source: slo,
          type: RELATION_OWNED_BY,
          target: owner,
        }),
      );
      emit(
        processingResult.relation({
          source: owner,
          type: RELATION_OWNER_OF,
          target: slo,
        }),
      );
    }
    return withDocumentMetadata(entity);
  }

  /** The owner of the SLO's service; undefined when there is none (yet). */
  private async serviceOwner(
    slo: CompoundEntityRef,
    serviceRef: CompoundEntityRef,
  ): Promise<CompoundEntityRef | undefined> {
    if (!this.reader) return undefined;
    const sloRef = stringifyEntityRef(slo);
    const service = await this.reader.read(stringifyEntityRef(serviceRef));
    if (!service) {
      this.retryLater(sloRef);
      return undefined;
    }
    this.retries.delete(sloRef);
    const owner = service.spec?.owner;
    if (typeof owner !== 'string' || owner.trim() === '') return undefined;
    try {
      // As Backstage reads spec.owner: a Group by default, in the service's namespace.
      return parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: service.metadata.namespace ?? 'default',
      });
    } catch {
      return undefined; // the service's own processing reports a bad owner
    }
  }

  private retryLater(sloRef: string) {
    const { attempts, delayMs } = this.options.retry ?? DEFAULT_RETRY;
    const attempt = (this.retries.get(sloRef) ?? 0) + 1;
    if (attempt > attempts) return;
    this.retries.set(sloRef, attempt);
    const timer = setTimeout(async () => {
      try {
        await this.options.catalog!.refreshEntity(sloRef, {
          credentials: await this.options.auth!.getOwnServiceCredentials(),
        });
      } catch (e) {
        this.options.logger?.warn(
          `Could not ask the catalog to process ${sloRef} again for its owner; it follows on a later processing: ${e}`,
        );
      }
    }, delayMs * attempt);
    // A pending retry must not keep the backend from shutting down.
    timer.unref?.();
  }
}

/** An SLO's document title and description as the catalog shows them. */
function withDocumentMetadata(entity: Entity): Entity {
  const displayName = entity.metadata.displayName;
  const description = entity.spec?.description;
  const title =
    entity.metadata.title ??
    (typeof displayName === 'string' && displayName.trim() !== ''
      ? displayName
      : undefined);
  const summary =
    entity.metadata.description ??
    (typeof description === 'string' && description.trim() !== ''
      ? description
      : undefined);
  if (
    title === entity.metadata.title &&
    summary === entity.metadata.description
  ) {
    return entity;
  }
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      ...(title !== undefined && { title }),
      ...(summary !== undefined && { description: summary }),
    },
  };
}
