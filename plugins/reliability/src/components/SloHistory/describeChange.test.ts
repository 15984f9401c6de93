import { describeChange } from './describeChange';

describe('describeChange', () => {
  it('says each kind of change in words', () => {
    expect(
      describeChange({
        kind: 'target',
        objective: 'availability',
        before: 0.999,
        after: 0.995,
        direction: 'loosened',
      }),
    ).toBe('Target of availability loosened from 99.9% to 99.5%');
    expect(describeChange({ kind: 'created' })).toBe('First definition');
    expect(
      describeChange({
        kind: 'window',
        before: '28d rolling',
        after: '1 Month calendar (UTC)',
      }),
    ).toBe('Window changed from 28d rolling to 1 Month calendar (UTC)');
    expect(
      describeChange({
        kind: 'time-slice',
        objective: 'latency',
        before: { target: 0.95, windowMs: 300_000 },
        after: { target: 0.9, windowMs: 300_000 },
      }),
    ).toBe(
      'Time slices of latency changed from good slice ≥ 95%, 5 min slices to good slice ≥ 90%, 5 min slices',
    );
    expect(
      describeChange({
        kind: 'objective-removed',
        objective: 'p99',
        target: 0.99,
      }),
    ).toBe('Objective p99 removed (was 99%)');
    expect(
      describeChange({ kind: 'indicator', before: 'sli-v1', after: 'sli-v2' }),
    ).toBe('Indicator changed from sli-v1 to sli-v2 (what the SLI measures)');
    expect(
      describeChange({ kind: 'indicator', before: 'sli', after: 'sli' }),
    ).toBe('Indicator sli changed (what the SLI measures)');
  });
});
