import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  let now = 0;
  const cache = (maxEntries = 3) =>
    new TtlCache<string>({ ttlMs: 30_000, maxEntries, now: () => now });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('serves an answer for the TTL after it settled, then computes it again', async () => {
    const c = cache();
    const compute = jest.fn().mockResolvedValue('firing');
    expect(await c.get('a', compute)).toBe('firing');
    now += 29_999;
    expect(await c.get('a', compute)).toBe('firing');
    expect(compute).toHaveBeenCalledTimes(1);
    now += 1;
    await c.get('a', compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('shares a computation in flight between callers', async () => {
    const c = cache();
    let resolve!: (v: string) => void;
    const compute = jest.fn(() => new Promise<string>(r => (resolve = r)));
    const first = c.get('a', compute);
    const second = c.get('a', compute);
    resolve('inactive');
    expect(await Promise.all([first, second])).toEqual([
      'inactive',
      'inactive',
    ]);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('keeps at most maxEntries, the least recently asked leaving first', async () => {
    const c = cache(2);
    const compute = jest.fn(async () => 'x');
    await c.get('a', compute);
    await c.get('b', compute);
    await c.get('a', compute); // a is now the most recent
    await c.get('c', compute); // b leaves
    expect(c.size).toBe(2);
    expect(compute).toHaveBeenCalledTimes(3);
    await c.get('a', compute);
    expect(compute).toHaveBeenCalledTimes(3);
    await c.get('b', compute);
    expect(compute).toHaveBeenCalledTimes(4);
  });

  it('does not keep a computation that failed', async () => {
    const c = cache();
    await expect(
      c.get('a', () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(await c.get('a', async () => 'ok')).toBe('ok');
  });
});
