// Request helpers of the client: an entity's path under /v1/entities and a JSON body.
import type { EntityRefParts } from './ReliabilityApi';

export function entityPath(ref: EntityRefParts, ...rest: string[]): string {
  return `/${['v1', 'entities', ref.kind, ref.namespace, ref.name]
    .map(encodeURIComponent)
    .concat(rest)
    .join('/')}`;
}

export function jsonBody(method: string, body: unknown): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}
