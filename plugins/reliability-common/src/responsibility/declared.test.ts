import { readDeclaredResponsibility } from './declared';

describe('readDeclaredResponsibility', () => {
  it('reads owner and annotations, falling back to PagerDuty or Opsgenie for on-call', () => {
    expect(
      readDeclaredResponsibility({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'search-api',
          annotations: {
            'reliability-suite.dev/sre-team': 'group:default/sre-core',
            'reliability-suite.dev/engagement': 'consulting',
            'reliability-suite.dev/tier': '2',
            'pagerduty.com/service-id': 'PSEARCH1',
          },
        },
        spec: { owner: 'group:default/team-search' },
      }),
    ).toEqual({
      owner: 'group:default/team-search',
      sreTeam: 'group:default/sre-core',
      engagement: 'consulting',
      tier: '2',
      oncall: 'PSEARCH1',
    });
  });

  it('leaves out what the entity does not declare', () => {
    expect(
      readDeclaredResponsibility({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'bare' },
      }),
    ).toEqual({});
  });
});
