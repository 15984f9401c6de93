import { actionLabel, eventParticulars } from './policy';
import { auditEvent } from '../../__testUtils__/fixtures';

describe('audit events in words', () => {
  it('names every action the backend records, and shows an unknown one as it is', () => {
    expect(actionLabel('policy.freeze-enacted')).toBe('Release freeze enacted');
    expect(actionLabel('review.changes-requested')).toBe(
      'Changes requested on the review',
    );
    expect(actionLabel('review.draft')).toBe('Review reopened');
    expect(actionLabel('postmortem.imported')).toBe('Postmortems imported');
    expect(actionLabel('slo.history.imported')).toBe('SLO history imported');
    expect(actionLabel('something.new')).toBe('something.new');
  });

  it('lists the particulars of a policy event', () => {
    expect(
      eventParticulars(
        auditEvent({
          action: 'policy.exception-granted',
          details: { changeId: 'PR-1', exceptionClass: 'p0-fix' },
        }),
      ),
    ).toEqual(['change PR-1', 'class p0-fix']);
  });
});
