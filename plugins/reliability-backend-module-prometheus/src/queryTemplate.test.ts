import { formatPrometheusDuration, renderQuery } from './queryTemplate';

describe('formatPrometheusDuration', () => {
  it.each([
    [60_000, '1m'],
    [300_000, '5m'],
    [90_000, '90s'],
    [3_600_000, '1h'],
    [86_400_000, '1d'],
    [172_800_000, '2d'],
    [15_000, '15s'],
    [1_500, '1500ms'],
    [5_400_000, '90m'],
  ])('formats %d ms as %s', (ms, expected) => {
    expect(formatPrometheusDuration(ms)).toBe(expected);
  });

  it.each([0, -60_000, 1.5, NaN])('refuses %d', ms => {
    expect(() => formatPrometheusDuration(ms)).toThrow(RangeError);
  });
});

describe('renderQuery', () => {
  it('replaces {{bucket}} with the bucket length as a Prometheus duration', () => {
    expect(
      renderQuery(
        'sum(increase(http_requests_total{code!~"5.."}[{{bucket}}]))',
        { bucketMs: 60_000 },
      ),
    ).toBe('sum(increase(http_requests_total{code!~"5.."}[1m]))');
  });

  it('replaces every occurrence and tolerates spaces inside the braces', () => {
    expect(
      renderQuery(
        'sum(increase(a[{{ bucket }}])) / sum(increase(b[{{bucket}}]))',
        {
          bucketMs: 300_000,
        },
      ),
    ).toBe('sum(increase(a[5m])) / sum(increase(b[5m]))');
  });

  it('offers {{bucketSeconds}} for arithmetic', () => {
    expect(
      renderQuery('sum(rate(a[5m])) * {{bucketSeconds}}', { bucketMs: 60_000 }),
    ).toBe('sum(rate(a[5m])) * 60');
  });

  it('leaves queries without placeholders and label values with braces alone', () => {
    const query = 'sum(rate(a{path="/x/{id}"}[5m]))';
    expect(renderQuery(query, { bucketMs: 60_000 })).toBe(query);
  });

  it('rejects unknown placeholders, naming the known ones', () => {
    expect(() =>
      renderQuery('sum(increase(a[{{window}}]))', { bucketMs: 60_000 }),
    ).toThrow(
      'unknown placeholder {{window}} (known: {{bucket}}, {{bucketSeconds}})',
    );
  });
});
