import {
  entityReliabilityPath,
  postmortemPagePath,
  sloPagePath,
} from './paths';

describe('page paths', () => {
  it("opens an entity's Reliability tab or one of its sections", () => {
    expect(entityReliabilityPath('component:default/checkout-api')).toBe(
      '/catalog/default/component/checkout-api/reliability',
    );
    expect(
      entityReliabilityPath('Component:Payments/Ledger', 'readiness'),
    ).toBe('/catalog/Payments/component/Ledger/reliability/readiness');
  });

  it('opens an SLO page, with the default namespace for a bare name', () => {
    expect(sloPagePath('slo:default/checkout-api-availability')).toBe(
      '/reliability/slos/default/checkout-api-availability',
    );
    expect(sloPagePath('ledger-availability')).toBe(
      '/reliability/slos/default/ledger-availability',
    );
  });

  it('encodes what a path segment cannot hold', () => {
    expect(postmortemPagePath('a b/c')).toBe(
      '/reliability/postmortems/a%20b%2Fc',
    );
  });
});
