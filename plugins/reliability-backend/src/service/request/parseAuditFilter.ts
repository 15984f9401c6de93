import type { AuditFilter } from '../../responsibility/ResponsibilityService';
import { optionalFullRef } from './entityRef';

/** The audit filters of a query (the list and its CSV export), entity references canonical. */
export function parseAuditFilter(
  /** The audit's filters as the query gives them (validated against the schema). */
  query: AuditFilter,
): AuditFilter {
  return {
    ...query,
    owner: optionalFullRef(query.owner, 'owner'),
    system: optionalFullRef(query.system, 'system'),
  };
}
