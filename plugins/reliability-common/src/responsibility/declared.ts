import { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_ENGAGEMENT,
  ANNOTATION_ONCALL,
  ANNOTATION_SRE_TEAM,
  ANNOTATION_TIER,
} from '../annotations';

/**
 * What an entity itself says about who is responsible for it. Values are as written in the
 * entity; inheritance from System and Domain is resolved by the backend.
 *
 * @public
 */
export interface DeclaredResponsibility {
  owner?: string;
  sreTeam?: string;
  engagement?: string;
  tier?: string;
  oncall?: string;
}

/** @public */
export function readDeclaredResponsibility(
  entity: Entity,
): DeclaredResponsibility {
  const annotations = entity.metadata.annotations ?? {};
  const owner = entity.spec?.owner;
  return {
    owner: typeof owner === 'string' ? owner : undefined,
    sreTeam: annotations[ANNOTATION_SRE_TEAM],
    engagement: annotations[ANNOTATION_ENGAGEMENT],
    tier: annotations[ANNOTATION_TIER],
    oncall:
      annotations[ANNOTATION_ONCALL] ??
      annotations['pagerduty.com/service-id'] ??
      annotations['opsgenie.com/component-selector'],
  };
}
