import { createTestDatabases } from '../__testUtils__/testDatabases';
import { pgNumberArray, pgTextArray } from './pgArrayLiteral';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe('PostgreSQL array literals', () => {
  it('write whole numbers and quoted, escaped text', () => {
    expect(pgNumberArray([])).toBe('{}');
    expect(pgNumberArray([1, -2, 1_790_000_000_000])).toBe(
      '{1,-2,1790000000000}',
    );
    expect(pgTextArray(['a', 'b"c', 'd\\e'])).toBe('{"a","b\\"c","d\\\\e"}');
  });

  // On every PostgreSQL server the storage tests have (CI requires one).
  it('reads back as the same values on PostgreSQL', async () => {
    const texts = [
      'slo:default/checkout',
      '',
      'NULL',
      'with "quotes", commas, {braces} and \\backslashes\\',
      ' leading and trailing spaces ',
      'ünïcödé ✓',
    ];
    const numbers = [0, -1, 42, Number.MAX_SAFE_INTEGER];
    for (const id of ids.filter(i => i.startsWith('POSTGRES'))) {
      const knex = await databases.init(id);
      const { rows } = await knex.raw(
        'select ?::text[] as texts, ?::bigint[] as numbers',
        [pgTextArray(texts), pgNumberArray(numbers)],
      );
      expect(rows[0].texts).toEqual(texts);
      expect(rows[0].numbers.map(Number)).toEqual(numbers);
      await knex.destroy();
    }
  });
});
