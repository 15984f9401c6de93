import { CONFORMANCE_CASES } from './__fixtures__/conformance';
import { checkOpenSloDocument } from './validate';

describe('OpenSLO v1 conformance: the examples of the spec and of the reference SDK', () => {
  it.each(CONFORMANCE_CASES.map(c => [c.source, c]))(
    '%s',
    (_source, { doc, errors = [], warnings = [] }) => {
      const result = checkOpenSloDocument(doc);
      expect(result.errors).toEqual(errors);
      expect(result.warnings.map(w => w.path)).toEqual(warnings);
    },
  );

  it('gives the reason of every expected error', () => {
    for (const c of CONFORMANCE_CASES) {
      expect({ source: c.source, why: !c.errors || !!c.why }).toEqual({
        source: c.source,
        why: true,
      });
    }
  });
});
