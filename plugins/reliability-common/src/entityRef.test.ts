import {
  canonicalEntityRef,
  parseFullEntityRef,
  refKey,
  shortRef,
} from './entityRef';

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

describe('refKey', () => {
  it('lower-cases every code point as the locale-independent en-US mapping does', () => {
    const all: string[] = [];
    for (let c = 0; c <= 0x10ffff; c++) {
      if (c < 0xd800 || c > 0xdfff) all.push(String.fromCodePoint(c));
    }
    // Each code point between letters, and between sigmas (a final sigma depends on its
    // neighbours): two long strings, compared whole.
    for (const separator of ['A', 'Σ', ' ']) {
      const value = all.join(separator);
      expect(refKey(value) === value.toLocaleLowerCase('en-US')).toBe(true);
    }
    expect(refKey('Component:Default/İSTANBUL-ΟΔΟΣ')).toBe(
      'component:default/i̇stanbul-οδος',
    );
  });
});

describe('shortRef', () => {
  it('drops the kind and the default namespace, keeps any other', () => {
    expect(shortRef('group:default/team-checkout')).toBe('team-checkout');
    expect(shortRef('group:payments/team-ledger')).toBe('payments/team-ledger');
    expect(shortRef('not a ref:')).toBe('not a ref:');
  });
});
