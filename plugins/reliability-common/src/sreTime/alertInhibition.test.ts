import { AlertSpan, uninhibitedTickets } from './alertInhibition';

const span = (
  objectiveKey: string,
  severity: AlertSpan['severity'],
  firedAt: number,
  end: number | null,
): AlertSpan => ({ objectiveKey, severity, firedAt, end });

describe('uninhibitedTickets', () => {
  it('drops tickets overlapping a page of the same objective, keeps the others', () => {
    const slow = span('a', 'ticket', 500, 600);
    const otherObjective = span('b', 'ticket', 10, 40);
    const episodes = [
      span('a', 'page', 10, 30),
      span('a', 'ticket', 15, 90), // same burn as the page
      span('a', 'ticket', 5, 12), // fired before the page, still firing when it paged
      slow,
      otherObjective,
    ];
    expect(uninhibitedTickets(episodes, 1000)).toEqual([slow, otherObjective]);
  });

  it('treats an open episode as lasting until now', () => {
    const ticket = span('a', 'ticket', 100, null);
    expect(
      uninhibitedTickets([span('a', 'page', 50, null), ticket], 200),
    ).toEqual([]);
    expect(
      uninhibitedTickets([span('a', 'page', 300, null), ticket], 200),
    ).toEqual([ticket]);
  });
});
