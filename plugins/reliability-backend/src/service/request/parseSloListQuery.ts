import { SloState } from '@reliability-suite/plugin-reliability-common';
import { InputError } from '@backstage/errors';
import { optionalFullRef } from './entityRef';
import { parsePage } from './pagination';

/** The query of `GET /v1/slos` once validated against the OpenAPI schema. */
export type SloListRequestQuery = {
  q?: string;
  owner?: string;
  system?: string;
  tier?: number;
  state?: SloState;
  policy?: string;
  frozen?: boolean;
  limit?: number;
  offset?: number;
};

/** What the org-wide SLO list is asked for, references canonical, search split into words. */
export type SloListQuery = {
  /** Words that must each appear somewhere in the row; none when no search was given. */
  terms: string[];
  ownerRef?: string;
  systemRef?: string;
  tier?: number;
  state?: SloState;
  policyRef?: string;
  frozen?: boolean;
  limit: number;
  offset: number;
};

/**
 * Room for a pasted incident or SLO title, and a bound on the query the database is sent.
 */
export const MAX_SEARCH_TERMS = 16;

/**
 * Turns the list's query string into a query of the status store: entity references must be
 * full (`kind:namespace/name`) and are compared in canonical form; the search is split on
 * white space, so "checkout api" finds "Checkout API latency".
 */
export function parseSloListQuery(query: SloListRequestQuery): SloListQuery {
  const terms = (query.q ?? '').split(/\s+/).filter(t => t.length > 0);
  if (terms.length > MAX_SEARCH_TERMS) {
    throw new InputError(
      `q: at most ${MAX_SEARCH_TERMS} words; got ${terms.length}`,
    );
  }
  return {
    terms,
    ownerRef: optionalFullRef(query.owner, 'owner'),
    systemRef: optionalFullRef(query.system, 'system'),
    tier: query.tier,
    state: query.state,
    policyRef: optionalFullRef(query.policy, 'policy'),
    frozen: query.frozen,
    ...parsePage(query, 50),
  };
}
