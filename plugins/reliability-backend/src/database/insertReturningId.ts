import { Knex } from 'knex';

/**
 * Inserts one row and returns its generated id as a string: PostgreSQL answers
 * `[{ id }]`, SQLite `[id]`, and ids may exceed JavaScript's safe integers.
 */
export async function insertReturningId(
  tx: Knex,
  table: string,
  row: Record<string, unknown>,
): Promise<string> {
  const [inserted] = await tx(table).insert(row).returning('id');
  return String(typeof inserted === 'object' ? inserted.id : inserted);
}
