/**
 * Relations the suite's catalog module emits, shared with the frontend, which reads them
 * from the entity it shows.
 */

/**
 * Component, System or Domain → the SRE team (Group) that supports it.
 *
 * @public
 */
export const RELATION_SUPPORTED_BY = 'supportedBy';

/**
 * SRE team (Group) → a Component, System or Domain it supports.
 *
 * @public
 */
export const RELATION_SUPPORTS = 'supports';
