/**
 * Isomorphic parts of the Reliability Suite: annotation constants, permissions, entity
 * references and the typed API client.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './relations';
export * from './permissions';
export * from './entityRef';
export * from './paths';
export * from './format';
export * from './responsibility';
export * from './validateAnnotations';
export * from './client';
export * from './budget';
export * from './openslo';
export * from './policy';
export * from './readiness';
export * from './postmortem';
export * from './slo';
export * from './sreTime';
export * from './prometheus';
