/**
 * Extension points of the reliability backend plugin. Backend modules use them to add SLI
 * sources (pull-based data such as Prometheus) and readiness rules.
 *
 * @packageDocumentation
 */
export * from './extensions';
export * from './permissions';
export * from './readinessRules';
