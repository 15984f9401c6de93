import { Entity } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { validateReliabilityAnnotations } from '@reliability-suite/plugin-reliability-common';

/**
 * Reports bad values of the `reliability-suite.dev/*` annotations as catalog processing
 * errors, so the entity's owners see them on the entity page rather than the suite
 * silently ignoring them.
 *
 * @public
 */
export class ReliabilityAnnotationsProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'ReliabilityAnnotationsProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    for (const problem of validateReliabilityAnnotations(entity)) {
      emit(processingResult.inputError(location, problem));
    }
    return entity;
  }
}
