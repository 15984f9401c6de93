/** The kinds of request of the load run (see load-mix.ts) and their targets. */

/** The kinds of request the report breaks the figures down by, in report order. */
export const KINDS = [
  'summary',
  'policy',
  'readiness',
  'postmortems',
  'responsibility',
  'overview',
  'gate',
  'push',
] as const;

export type Kind = (typeof KINDS)[number];

export const KIND_LABELS: Record<Kind, string> = {
  summary: 'GET /v1/entities/…/summary (entity page)',
  policy: 'GET /v1/entities/…/policy (entity page)',
  readiness: 'GET /v1/entities/…/readiness (entity page)',
  postmortems: 'GET /v1/entities/…/postmortems (entity page)',
  responsibility: 'GET /v1/entities/…/responsibility (entity page)',
  overview: 'GET /v1/slos, pages and filters (org overview)',
  gate: 'GET /v1/gate?entity=…&change=… (deploy gate)',
  push: 'POST /v1/sli/events, a batch of current-minute buckets, replace',
};

/** The design's p95 targets that speak about these requests (docs/benchmark.md). */
export const P95_TARGET_MS: Partial<Record<Kind, number>> = {
  summary: 50,
  overview: 500,
  gate: 20,
};
