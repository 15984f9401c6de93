import {
  entityRefOfPath,
  optionalFullRef,
  refOfPath,
  refWithDefaults,
} from './entityRef';

describe('entity references of a request', () => {
  it('makes the path parameters canonical', () => {
    expect(
      entityRefOfPath({ kind: 'Component', namespace: 'Default', name: 'API' }),
    ).toBe('component:default/api');
    expect(
      refOfPath('slo', { namespace: 'default', name: 'Checkout-Latency' }),
    ).toBe('slo:default/checkout-latency');
  });

  it('reads an optional full reference, naming the field when it is not one', () => {
    expect(optionalFullRef(undefined, 'owner')).toBeUndefined();
    expect(optionalFullRef('Group:Default/Team-A', 'owner')).toBe(
      'group:default/team-a',
    );
    expect(() => optionalFullRef('team-a', 'owner')).toThrow(
      /^owner: .*expected kind:namespace\/name/,
    );
  });

  it('fills the kind and namespace left out, naming the field of a bad value', () => {
    expect(refWithDefaults('checkout', 'entity', 'component')).toBe(
      'component:default/checkout',
    );
    expect(refWithDefaults('system:ops/Ledger', 'entity', 'component')).toBe(
      'system:ops/ledger',
    );
    expect(() => refWithDefaults('component:', 'service', 'component')).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(/^service: /),
      }),
    );
  });
});
