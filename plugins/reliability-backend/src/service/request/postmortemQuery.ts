import { InputError } from '@backstage/errors';
import { optionalFullRef } from './entityRef';
import { Page, parsePage } from './pagination';
import { parseTimeRange } from './timeRange';

/** The postmortem list's query once validated against the schema. */
export type PostmortemListRequestQuery = {
  q?: string;
  team?: string;
  entity?: string;
  severity?: string;
  status?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
};

/** What the postmortem list is asked for: references canonical, times in epoch ms. */
export function parsePostmortemListQuery(query: PostmortemListRequestQuery): {
  filter: {
    q?: string;
    team?: string;
    entity?: string;
    severity?: string;
    status?: string;
    from?: number;
    to?: number;
  };
  page: Page;
} {
  const { from, to } = parseTimeRange(query);
  return {
    filter: {
      q: query.q,
      team: optionalFullRef(query.team, 'team'),
      entity: optionalFullRef(query.entity, 'entity'),
      severity: query.severity,
      status: query.status,
      from,
      to,
    },
    page: parsePage(query, 25),
  };
}

/** The scope of the postmortem figures: one entity, one team, or the whole org. */
export function parsePostmortemScope(query: {
  entity?: string;
  team?: string;
}): { entity?: string; team?: string } {
  if (query.entity !== undefined && query.team !== undefined) {
    throw new InputError('entity, team: give one scope or none (the org)');
  }
  return {
    entity: optionalFullRef(query.entity, 'entity'),
    team: optionalFullRef(query.team, 'team'),
  };
}
