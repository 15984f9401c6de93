export * from './ReliabilityClient';
export { encodeQueryComponent, queryString } from './queryString';
