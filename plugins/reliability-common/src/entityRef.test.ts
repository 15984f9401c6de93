import { canonicalEntityRef, parseFullEntityRef } from './entityRef';

describe('parseFullEntityRef', () => {
  it('parses kind:namespace/name and defaults the namespace', () => {
    expect(
      parseFullEntityRef('Component:Default/Checkout-API', 'entityRef'),
    ).toEqual({
      kind: 'Component',
      namespace: 'Default',
      name: 'Checkout-API',
    });
    expect(parseFullEntityRef('component:ledger', 'entityRef')).toEqual({
      kind: 'component',
      namespace: 'default',
      name: 'ledger',
    });
  });

  it('names the field when the kind is missing', () => {
    expect(() => parseFullEntityRef('ledger', '--entity')).toThrow(
      /^--entity: .*expected kind:namespace\/name/,
    );
  });

  it('canonicalises to lower case', () => {
    expect(
      canonicalEntityRef({
        kind: 'Component',
        namespace: 'Default',
        name: 'Checkout-API',
      }),
    ).toBe('component:default/checkout-api');
  });
});
