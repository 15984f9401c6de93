import type { ObjectiveStatus } from '@reliability-suite/plugin-reliability-common';
import {
  budgetLeftText,
  isCollectingData,
  isPolicyCollectingData,
  partialDataText,
} from './dataCoverage';

const status = (
  state: ObjectiveStatus['state'],
  dataQuality: ObjectiveStatus['dataQuality'],
  remaining: number,
  dataCoverage?: number,
) => ({
  state,
  dataQuality,
  dataCoverage,
  errorBudget: {
    remaining,
    consumed: 1 - remaining,
    total: 100,
    spent: 0,
    unit: 'events' as const,
  },
});

describe('data coverage in words', () => {
  it('never calls a partly covered healthy window healthy with its budget left', () => {
    const backfilling = status('healthy', 'partial', 1, 0.4);
    expect(isCollectingData(backfilling)).toBe(true);
    expect(budgetLeftText(backfilling)).toBe('Partial data: 40% of the window');
    expect(budgetLeftText(backfilling)).not.toMatch(/budget left/);
  });

  it('rounds the share down: 89.9% covered is not "90%"', () => {
    expect(partialDataText(status('healthy', 'partial', 1, 0.899))).toBe(
      'Partial data: 89% of the window',
    );
    // A snapshot stored before the share was kept.
    expect(partialDataText(status('healthy', 'partial', 1))).toBe(
      'Partial data',
    );
  });

  it('shows a worse state on partial data as it is, with the coverage beside the budget', () => {
    const exhausted = status('exhausted', 'partial', -2.5, 0.82);
    expect(isCollectingData(exhausted)).toBe(false);
    expect(budgetLeftText(exhausted)).toBe(
      '3.5× over budget · Partial data: 82% of the window',
    );
  });

  it('says the budget left of a well covered window, and nothing without data', () => {
    expect(budgetLeftText(status('healthy', 'ok', 0.873, 1))).toBe(
      '87.3% budget left',
    );
    expect(isCollectingData(status('healthy', 'ok', 1, 1))).toBe(false);
    expect(budgetLeftText(status('no-data', 'no-data', 1, 0))).toBe('');
  });

  it("reads a policy's best state as collecting data while any objective it counts is partial", () => {
    expect(isPolicyCollectingData('ok', 1)).toBe(true);
    expect(isPolicyCollectingData('ok', 0)).toBe(false);
    expect(isPolicyCollectingData('ok', undefined)).toBe(false);
    expect(isPolicyCollectingData('error', 2)).toBe(false);
  });
});
