import { gateChangePayloads, parseGateChange } from './gateChanges';

describe('gate change notifications', () => {
  it('carries the tag and every entity, split below PostgreSQL’s payload limit', () => {
    const refs = Array.from(
      { length: 600 },
      (_, i) => `component:default/service-with-a-long-name-${i}`,
    );
    const payloads = gateChangePayloads('origin 7', refs);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) {
      expect(Buffer.byteLength(p)).toBeLessThan(8000);
      expect(parseGateChange(p).tag).toBe('origin 7');
    }
    expect(payloads.flatMap(p => parseGateChange(p).entityRefs)).toEqual(refs);
  });

  it('sends nothing for no entity', () => {
    expect(gateChangePayloads('-', [])).toEqual([]);
  });
});
