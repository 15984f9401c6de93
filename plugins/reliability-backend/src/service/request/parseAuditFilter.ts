import type { AuditFilter } from '../../responsibility/ResponsibilityService';
import { optionalFullRef } from './entityRef';

/** The audit's filters as the query gives them (validated against the schema). */
export type AuditFilterQuery = {
  owner?: string;
  system?: string;
  tier?: number;
  engagement?: string;
  severity?: string;
  kind?: string;
};

/** The audit filters of a query (the list and its CSV export), entity references canonical. */
export function parseAuditFilter(query: AuditFilterQuery): AuditFilter {
  return {
    ...query,
    owner: optionalFullRef(query.owner, 'owner'),
    system: optionalFullRef(query.system, 'system'),
  };
}
