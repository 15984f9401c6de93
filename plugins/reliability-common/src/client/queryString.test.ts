import { encodeQueryComponent, queryString } from './queryString';

/** What express-openapi-validator refuses in a query value without allowReserved. */
const RESERVED = /[:/?#[\]@!$&'()*+,;=]/;

describe('queryString', () => {
  it('writes a space as %20 and every reserved character percent-encoded', () => {
    expect(queryString({ q: 'shard rebalance' })).toBe('?q=shard%20rebalance');
    expect(queryString({ entity: 'component:default/checkout-api' })).toBe(
      '?entity=component%3Adefault%2Fcheckout-api',
    );
    expect(encodeQueryComponent("it's (a) *b*!")).toBe(
      'it%27s%20%28a%29%20%2Ab%2A%21',
    );
  });

  it('leaves no reserved character in any value, and decodes back to it', () => {
    const all = Array.from({ length: 0x250 }, (_, i) =>
      String.fromCharCode(i),
    ).join('');
    const encoded = encodeQueryComponent(all);
    expect(encoded).not.toMatch(RESERVED);
    expect(decodeURIComponent(encoded)).toBe(all);
  });

  it('skips undefined values and keeps false, 0 and the order', () => {
    expect(
      queryString({ b: 'x', a: undefined, frozen: false, offset: 0 }),
    ).toBe('?b=x&frozen=false&offset=0');
    expect(queryString({ a: undefined })).toBe('');
  });
});
