import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_CAPACITY,
  ANNOTATION_ENGAGEMENT,
  ANNOTATION_TIER,
  ENGAGEMENT_MODELS,
} from './annotations';

/**
 * Checks the values of the suite's annotations on an entity. Each problem names the field
 * path and the reason, as the catalog shows it to the entity's owners.
 *
 * @public
 */
export function validateReliabilityAnnotations(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const problems: string[] = [];
  const field = (name: string) => `metadata.annotations["${name}"]`;

  const engagement = annotations[ANNOTATION_ENGAGEMENT];
  if (
    engagement !== undefined &&
    !(ENGAGEMENT_MODELS as readonly string[]).includes(engagement)
  ) {
    problems.push(
      `${field(ANNOTATION_ENGAGEMENT)}: must be one of ${ENGAGEMENT_MODELS.join(
        ', ',
      )}; got '${engagement}'`,
    );
  }

  const tier = annotations[ANNOTATION_TIER];
  if (tier !== undefined && !/^[1-4]$/.test(tier)) {
    problems.push(
      `${field(
        ANNOTATION_TIER,
      )}: must be 1, 2, 3 or 4 (1 most critical); got '${tier}'`,
    );
  }

  const capacity = annotations[ANNOTATION_CAPACITY];
  if (capacity !== undefined) {
    if (entity.kind.toLocaleLowerCase('en-US') !== 'group') {
      problems.push(
        `${field(
          ANNOTATION_CAPACITY,
        )}: only SRE Groups declare a capacity; found on a ${entity.kind}`,
      );
    } else if (!/^\d+(\.\d+)?$/.test(capacity) || Number(capacity) <= 0) {
      problems.push(
        `${field(
          ANNOTATION_CAPACITY,
        )}: must be a positive number; got '${capacity}'`,
      );
    }
  }
  return problems;
}
