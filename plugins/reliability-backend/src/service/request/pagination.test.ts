import { parsePage } from './pagination';

describe('parsePage', () => {
  it('takes the page asked for', () => {
    expect(parsePage({ limit: 10, offset: 30 }, 50)).toEqual({
      limit: 10,
      offset: 30,
    });
  });

  it("defaults to the list's own size, from the first row", () => {
    expect(parsePage({}, 25)).toEqual({ limit: 25, offset: 0 });
    expect(parsePage({ offset: 5 }, 100)).toEqual({ limit: 100, offset: 5 });
    // 0 is a size asked for, not a missing one.
    expect(parsePage({ limit: 0 }, 100)).toEqual({ limit: 0, offset: 0 });
  });
});
