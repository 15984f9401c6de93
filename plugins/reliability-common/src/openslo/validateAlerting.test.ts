// expectProblem wraps expect(...).toEqual; tell the rule so.
/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectProblem"] }] */
import { validateOpenSloDocument } from './validate';
import {
  alertCondition,
  alertNotificationTarget,
  alertPolicy,
} from './__fixtures__/documents';

function expectProblem(
  make: () => any,
  mutate: (doc: any) => void,
  path: string,
  message: string,
) {
  const doc = make();
  mutate(doc);
  expect(validateOpenSloDocument(doc)).toEqual([{ path, message }]);
}

describe('validateOpenSloDocument: alerting', () => {
  describe('AlertPolicy', () => {
    it('reports unknown spec fields', () => {
      expectProblem(
        alertPolicy,
        d => (d.spec.alertWhenBreached = true),
        'spec.alertWhenBreached',
        'unknown field (expected one of: description, alertWhenNoData, alertWhenResolved, alertWhenBreaching, conditions, notificationTargets)',
      );
    });

    it('requires booleans for the alertWhen flags', () => {
      expectProblem(
        alertPolicy,
        d => (d.spec.alertWhenNoData = 'no'),
        'spec.alertWhenNoData',
        "must be true or false; got 'no'",
      );
    });

    it('requires conditions and notificationTargets', () => {
      expectProblem(
        alertPolicy,
        d => delete d.spec.conditions,
        'spec.conditions',
        'required',
      );
      expectProblem(
        alertPolicy,
        d => delete d.spec.notificationTargets,
        'spec.notificationTargets',
        'required',
      );
    });

    it.each([0, 2])('requires exactly one condition, not %p', count => {
      expectProblem(
        alertPolicy,
        d => {
          d.spec.conditions = Array.from({ length: count }, () => ({
            conditionRef: 'burn-14x',
          }));
        },
        'spec.conditions',
        `must have exactly one condition (OpenSLO v1 allows one per alert policy); got ${count}`,
      );
    });

    it('requires at least one notification target', () => {
      expectProblem(
        alertPolicy,
        d => (d.spec.notificationTargets = []),
        'spec.notificationTargets',
        'must list at least one notification target (targetRef or an inline AlertNotificationTarget)',
      );
    });

    it('accepts a condition by reference', () => {
      const doc = alertPolicy();
      doc.spec.conditions = [{ conditionRef: 'cpu-usage-breach' }];
      expect(validateOpenSloDocument(doc)).toEqual([]);
    });

    it('requires a condition to be a reference or inline', () => {
      expectProblem(
        alertPolicy,
        d => (d.spec.conditions = [{ ref: 'cpu-usage-breach' }]),
        'spec.conditions[0]',
        'exactly one of conditionRef or an inline AlertCondition (kind, metadata, spec) is required',
      );
      expectProblem(
        alertPolicy,
        d => (d.spec.conditions = ['cpu-usage-breach']),
        'spec.conditions[0]',
        "must be an object (conditionRef or an inline AlertCondition); got 'cpu-usage-breach'",
      );
    });

    it('checks an inline condition: kind, metadata, spec', () => {
      expectProblem(
        alertPolicy,
        d => delete d.spec.conditions[0].kind,
        'spec.conditions[0].kind',
        'required',
      );
      expectProblem(
        alertPolicy,
        d => delete d.spec.conditions[0].metadata,
        'spec.conditions[0].metadata',
        'required',
      );
      expectProblem(
        alertPolicy,
        d => delete d.spec.conditions[0].spec.severity,
        'spec.conditions[0].spec.severity',
        'required',
      );
    });

    it('checks notification targets', () => {
      expectProblem(
        alertPolicy,
        d => (d.spec.notificationTargets[0].targetRef = 'On Call'),
        'spec.notificationTargets[0].targetRef',
        "must be a DNS label (at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit); got 'On Call'",
      );
      expectProblem(
        alertPolicy,
        d => (d.spec.notificationTargets[0].channel = '#x'),
        'spec.notificationTargets[0].channel',
        'unknown field (expected one of: targetRef)',
      );
      expectProblem(
        alertPolicy,
        d => (d.spec.notificationTargets[1].kind = 'AlertTarget'),
        'spec.notificationTargets[1].kind',
        "must be AlertNotificationTarget; got 'AlertTarget'",
      );
      expectProblem(
        alertPolicy,
        d => delete d.spec.notificationTargets[1].spec.target,
        'spec.notificationTargets[1].spec.target',
        'required',
      );
    });
  });

  describe('AlertCondition', () => {
    it('requires severity and condition', () => {
      expectProblem(
        alertCondition,
        d => delete d.spec.severity,
        'spec.severity',
        'required',
      );
      expectProblem(
        alertCondition,
        d => delete d.spec.condition,
        'spec.condition',
        'required',
      );
    });

    it('reports unknown condition fields', () => {
      expectProblem(
        alertCondition,
        d => (d.spec.condition.lookback = '1h'),
        'spec.condition.lookback',
        'unknown field (expected one of: kind, op, threshold, lookbackWindow, alertAfter)',
      );
    });

    it('only knows the burnrate kind, the default', () => {
      expectProblem(
        alertCondition,
        d => (d.spec.condition.kind = 'threshold'),
        'spec.condition.kind',
        "must be one of: burnrate; got 'threshold'",
      );
      const doc = alertCondition();
      delete doc.spec.condition.kind;
      expect(validateOpenSloDocument(doc)).toEqual([]);
    });

    it('requires a numeric threshold', () => {
      expectProblem(
        alertCondition,
        d => (d.spec.condition.threshold = '2x'),
        'spec.condition.threshold',
        "must be a number; got '2x'",
      );
    });

    it('requires a lookbackWindow duration', () => {
      expectProblem(
        alertCondition,
        d => delete d.spec.condition.lookbackWindow,
        'spec.condition.lookbackWindow',
        'required',
      );
      expectProblem(
        alertCondition,
        d => (d.spec.condition.lookbackWindow = '1M'),
        'spec.condition.lookbackWindow',
        "must be a duration: a positive integer followed by m, h, d or w; got '1M'",
      );
    });

    it("accepts alertAfter 0m, the spec's default", () => {
      const doc = alertCondition();
      doc.spec.condition.alertAfter = '0m';
      expect(validateOpenSloDocument(doc)).toEqual([]);
      expectProblem(
        alertCondition,
        d => (d.spec.condition.alertAfter = 5),
        'spec.condition.alertAfter',
        'must be a duration: a positive integer followed by m, h, d or w; got 5',
      );
    });
  });

  describe('AlertNotificationTarget', () => {
    it('requires target', () => {
      expectProblem(
        alertNotificationTarget,
        d => delete d.spec.target,
        'spec.target',
        'required',
      );
      expectProblem(
        alertNotificationTarget,
        d => (d.spec.target = ''),
        'spec.target',
        "must be a non-empty string; got ''",
      );
    });
  });
});
