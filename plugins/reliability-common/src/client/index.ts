export * from './ReliabilityClient';
export * from './ReliabilityApi';
export * from './types';
export { bearerTokenFetchApi } from './bearerTokenFetchApi';
export { encodeQueryComponent, queryString } from './queryString';
// The generated OpenAPI types the client's named types index into (see scripts/generate-openapi.mjs).
export type {
  paths as ReliabilityApiPaths,
  components as ReliabilityApiComponents,
  operations as ReliabilityApiOperations,
} from './openapi.generated';
