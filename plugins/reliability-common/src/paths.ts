import { parseEntityRef } from '@backstage/catalog-model';

/**
 * Where things live in the app, relative to its base URL, so that a notification, a link in
 * an alert annotation and a link on a page all open the same page. They assume the app's
 * defaults: the catalog's entity pages at `/catalog/:namespace/:kind/:name`, the suite's tab
 * at `reliability` on them and its page at `/reliability` (the README's install steps).
 */

/** The path of the Reliability tab on entity pages. @public */
export const ENTITY_RELIABILITY_TAB = 'reliability';

/**
 * The sections of an entity's Reliability tab, each a sub-route of it:
 * `…/reliability` is the overview, `…/reliability/slos` the SLOs and so on.
 *
 * @public
 */
export const ENTITY_RELIABILITY_SECTIONS = [
  'overview',
  'slos',
  'policy',
  'ownership',
  'readiness',
  'postmortems',
  'audit',
] as const;

/** @public */
export type EntityReliabilitySection =
  (typeof ENTITY_RELIABILITY_SECTIONS)[number];

/** The sub-route of a section: '' for the overview, else its name. @public */
export function entityReliabilitySectionPath(
  section: EntityReliabilitySection,
): string {
  return section === 'overview' ? '' : section;
}

const encode = encodeURIComponent;

/**
 * The path of an entity's Reliability tab, or of one of its sections, e.g.
 * `/catalog/default/component/checkout-api/reliability/readiness`.
 *
 * @public
 */
export function entityReliabilityPath(
  entityRef: string,
  section: EntityReliabilitySection = 'overview',
): string {
  const ref = parseEntityRef(entityRef);
  const sub = entityReliabilitySectionPath(section);
  return `/catalog/${encode(ref.namespace)}/${encode(
    ref.kind.toLocaleLowerCase('en-US'),
  )}/${encode(ref.name)}/${ENTITY_RELIABILITY_TAB}${sub ? `/${sub}` : ''}`;
}

/** The path of the suite's page: `/reliability`. @public */
export const RELIABILITY_PAGE_PATH = '/reliability';

/** An SLO's page in the suite: `/reliability/slos/:namespace/:name`. @public */
export function sloPagePath(sloRef: string): string {
  const ref = parseEntityRef(sloRef, {
    defaultKind: 'slo',
    defaultNamespace: 'default',
  });
  return `${RELIABILITY_PAGE_PATH}/slos/${encode(ref.namespace)}/${encode(
    ref.name,
  )}`;
}

/** A postmortem's page: `/reliability/postmortems/:id`. @public */
export function postmortemPagePath(id: string): string {
  return `${RELIABILITY_PAGE_PATH}/postmortems/${encode(id)}`;
}
