/**
 * The reliability backend plugin of the Reliability Suite.
 *
 * @packageDocumentation
 */
export { reliabilityPlugin as default } from './plugin';
