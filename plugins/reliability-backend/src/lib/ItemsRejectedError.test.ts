import { InputError } from '@backstage/errors';
import { ItemsRejectedError } from './ItemsRejectedError';

describe('ItemsRejectedError', () => {
  const items = [
    { index: 3, field: 'good', message: 'must be at most total' },
    { index: 3, field: 'timestamp', message: 'too old' },
    { index: 5, field: 'slo', message: 'no such SLO' },
  ];

  it('is an InputError that carries every problem', () => {
    const error = new ItemsRejectedError(items, 'rejected');
    expect(error).toBeInstanceOf(InputError);
    expect(error.name).toBe('InputError');
    expect(InputError.is(error)).toBe(true);
    expect(error.items).toBe(items);
  });

  it('counts rejected items, not problems, and names the first problem', () => {
    expect(
      ItemsRejectedError.summary(items, 7, {
        noun: 'items',
        consequence: 'nothing was written',
      }),
    ).toBe(
      '2 of 7 items rejected; nothing was written. First: items[3].good: must be at most total',
    );
  });
});
