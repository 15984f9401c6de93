import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { LoggerService } from '@backstage/backend-plugin-api';
import { checkOpenSloDocument } from '@reliability-suite/plugin-reliability-common';
import { invalidEntityMessage } from './problemsMessage';

/** The OpenSLO kinds the catalog ingests as entities. */
export const OPENSLO_KINDS = ['SLO', 'SLI', 'DataSource', 'AlertPolicy'];

/** SLO → the service it measures. */
export const RELATION_SLO_OF = 'sloOf';
/** Service → an SLO that measures it. */
export const RELATION_HAS_SLO = 'hasSlo';

function isOpenSlo(entity: Entity): boolean {
  return (
    entity.apiVersion === 'openslo/v1' && OPENSLO_KINDS.includes(entity.kind)
  );
}

/**
 * Ingests OpenSLO v1 documents (`apiVersion: openslo/v1`) as catalog entities: validates
 * them against the spec, rejecting an invalid one with every problem named by field path,
 * and relates each SLO to its service both ways.
 */
export class OpenSloEntitiesProcessor implements CatalogProcessor {
  private readonly logger?: LoggerService;
  /** The warnings last logged per entity: the catalog validates every entity again and again. */
  private readonly warned = new Map<string, string>();

  constructor(options: { logger?: LoggerService } = {}) {
    this.logger = options.logger;
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
      this.logger?.warn(`OpenSLO ${key}: ${text}`);
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
    return entity;
  }
}
