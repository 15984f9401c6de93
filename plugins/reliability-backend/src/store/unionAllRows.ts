import { Knex } from 'knex';
import { isPostgres } from '../database/isPostgres';

/** One SELECT of a UNION ALL, with its bindings. */
export interface UnionTerm {
  sql: string;
  bindings: ReadonlyArray<string | number | null>;
}

/**
 * The rows of the terms joined by UNION ALL, `perStatement` terms a statement (a database
 * binds a bounded number of values per statement), each statement ending with `suffix` (an
 * ORDER BY over its terms, say).
 */
export async function unionAllRows<T>(
  db: Knex,
  terms: readonly UnionTerm[],
  perStatement: number,
  suffix = '',
): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < terms.length; i += perStatement) {
    const chunk = terms.slice(i, i + perStatement);
    const result = await db.raw(
      `${chunk.map(t => t.sql).join(' union all ')}${suffix}`,
      chunk.flatMap(t => [...t.bindings]),
    );
    rows.push(...(isPostgres(db) ? result.rows : result));
  }
  return rows;
}
