import type { Knex } from 'knex';
import { isPostgres } from '../database/isPostgres';

/**
 * The entity references a caller may see, as the stores take them: `undefined` for all of
 * them (no filter), else the canonical references (see `service/catalogVisibility.ts`).
 */
export type VisibleRefs = ReadonlySet<string> | undefined;

/** Whether a reference is among the visible ones (all are, without a set). */
export function isVisible(visible: VisibleRefs, entityRef: string): boolean {
  return visible === undefined || visible.has(entityRef);
}

/**
 * The visible references as a one-column subquery, bound as ONE parameter (a JSON array),
 * so that a catalog of any size fits (a bound list would meet SQLite's and PostgreSQL's
 * limits on parameters) and the filter stays in the query: counts and pages are over the
 * visible rows only.
 */
export function visibleRefsSubquery(
  db: Knex,
  visible: ReadonlySet<string>,
): Knex.Raw {
  const json = JSON.stringify([...visible]);
  return isPostgres(db)
    ? db.raw('select jsonb_array_elements_text(?::jsonb)', [json])
    : db.raw('select value from json_each(?)', [json]);
}

/** Keeps the rows whose `column` is a visible reference (all rows without a set). */
export function whereVisible<Q extends Knex.QueryBuilder>(
  db: Knex,
  query: Q,
  column: string,
  visible: VisibleRefs,
): Q {
  if (visible === undefined) return query;
  return query.whereRaw(`?? in (${'?'})`, [
    column,
    visibleRefsSubquery(db, visible),
  ]) as Q;
}
