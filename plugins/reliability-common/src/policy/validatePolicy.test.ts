// expectProblem wraps expect(...).toEqual; tell the rule so.
/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectProblem"] }] */
import { BUILT_IN_DEFAULT_POLICY } from './defaultPolicy';
import {
  validateErrorBudgetPolicy,
  validatePolicySpec,
} from './validatePolicy';

/** A policy using every field, as in examples/policies.yaml. */
function fullPolicy(): any {
  return {
    apiVersion: 'reliability-suite.dev/v1alpha1',
    kind: 'ErrorBudgetPolicy',
    metadata: {
      name: 'strict-payments',
      namespace: 'default',
      title: 'Strict (payments)',
      labels: { 'reliability-suite.dev/tier': '1' },
    },
    spec: {
      owner: 'group:default/team-payments',
      slos: { tags: ['customer-facing', 'payments'] },
      combine: 'worst',
      states: [
        {
          name: 'healthy',
          title: 'Healthy',
          remainingAbove: 0.5,
          consequences: 'Release as usual.',
          requiredActions: [],
        },
        {
          name: 'at-risk',
          title: 'At risk',
          remainingAbove: 0.1,
          consequences: 'Reliability work first; risky launches wait.',
          requiredActions: ['Review the burn-rate alerts'],
        },
        {
          name: 'exhausted',
          consequences: 'Release freeze.',
          requiredActions: ['Write postmortems'],
          freeze: true,
        },
      ],
      autoEnact: true,
      freeze: {
        exceptionClasses: [
          {
            name: 'security',
            description: 'Security fixes',
            preApproved: true,
          },
          { name: 'regulatory-fix', description: 'Fixes a regulator asks for' },
        ],
      },
      postmortem: { budgetShareAbove: 0.2 },
      escalation: {
        afterWindows: 2,
        to: 'group:default/engineering-leadership',
      },
    },
  };
}

function problemsOf(mutate: (doc: any) => void) {
  const doc = fullPolicy();
  mutate(doc);
  return validateErrorBudgetPolicy(doc);
}

/** Expects exactly one problem: one message per problem, no cascade. */
function expectProblem(
  mutate: (doc: any) => void,
  path: string,
  message: string | RegExp,
) {
  expect(problemsOf(mutate)).toEqual([
    {
      path,
      message:
        typeof message === 'string' ? message : expect.stringMatching(message),
    },
  ]);
}

const SLUG =
  "a slug (at most 63 lowercase letters or digits, in words joined by single '-', e.g. at-risk)";
const GROUP_REF =
  'a Group entity reference, [group:][namespace/]name, e.g. sre-core or group:default/sre-core';
const REMAINING_ABOVE =
  'a fraction of the budget from 0 (inclusive) to 1 (exclusive), e.g. 0.25';

describe('validateErrorBudgetPolicy', () => {
  it('accepts a policy using every field', () => {
    expect(validateErrorBudgetPolicy(fullPolicy())).toEqual([]);
  });

  it('accepts the smallest policy: an owner and one state', () => {
    expect(
      problemsOf(d => {
        d.spec = {
          owner: 'sre-core',
          states: [{ name: 'any', consequences: 'None.' }],
        };
      }),
    ).toEqual([]);
  });

  it('accepts the built-in default policy as an entity spec once it has an owner', () => {
    expect(
      problemsOf(d => {
        d.spec = {
          ...BUILT_IN_DEFAULT_POLICY,
          owner: 'group:default/sre-core',
        };
      }),
    ).toEqual([]);
  });

  describe('envelope', () => {
    it.each([null, 42, 'policy', [fullPolicy()]])(
      'rejects %p, which is not an object',
      doc => {
        expect(validateErrorBudgetPolicy(doc)).toEqual([
          {
            path: '',
            message: expect.stringMatching(
              /^must be an object \(an ErrorBudgetPolicy entity\); got /,
            ),
          },
        ]);
      },
    );

    it('requires apiVersion', () => {
      expectProblem(d => delete d.apiVersion, 'apiVersion', 'required');
    });

    it('rejects another apiVersion, without checking the rest against this one', () => {
      expectProblem(
        d => {
          d.apiVersion = 'reliability-suite.dev/v1';
          d.spec = {};
        },
        'apiVersion',
        "must be reliability-suite.dev/v1alpha1 (the only version supported); got 'reliability-suite.dev/v1'",
      );
    });

    it('requires kind ErrorBudgetPolicy', () => {
      expectProblem(d => delete d.kind, 'kind', 'required');
      expectProblem(
        d => (d.kind = 'Policy'),
        'kind',
        "must be ErrorBudgetPolicy; got 'Policy'",
      );
    });

    it('requires metadata and metadata.name', () => {
      expectProblem(d => delete d.metadata, 'metadata', 'required');
      expectProblem(
        d => (d.metadata = 'strict'),
        'metadata',
        "must be an object; got 'strict'",
      );
      expectProblem(d => delete d.metadata.name, 'metadata.name', 'required');
    });

    it('checks metadata.name with the catalog rules', () => {
      expect(problemsOf(d => (d.metadata.name = 'Strict_Payments.v2'))).toEqual(
        [],
      );
      expectProblem(
        d => (d.metadata.name = 'strict payments'),
        'metadata.name',
        /^must be a Backstage entity name .*; got 'strict payments'$/,
      );
    });

    it('requires spec to be an object', () => {
      expectProblem(d => delete d.spec, 'spec', 'required');
      expectProblem(
        d => (d.spec = ['healthy']),
        'spec',
        'must be an object (an error-budget policy); got an array',
      );
    });

    it('never throws, turning a throwing getter into a problem', () => {
      const doc = fullPolicy();
      Object.defineProperty(doc.spec, 'states', {
        enumerable: true,
        get() {
          throw new Error('boom');
        },
      });
      expect(validateErrorBudgetPolicy(doc)).toEqual([
        { path: '', message: 'could not be validated: boom' },
      ]);
    });
  });

  describe('unknown fields', () => {
    it('names the field and suggests the one meant', () => {
      expectProblem(
        d => {
          d.spec.states[1].remaningAbove = d.spec.states[1].remainingAbove;
          delete d.spec.states[1].remainingAbove;
        },
        'spec.states[1].remaningAbove',
        'unknown field; did you mean remainingAbove?',
      );
      // The typo is the one problem: the field it leaves missing is not reported again.
      expect(
        validatePolicySpec({ owner: 'sre-core', stats: [] }, 'spec', {
          ownerRequired: true,
        }),
      ).toEqual([
        { path: 'spec.stats', message: 'unknown field; did you mean states?' },
      ]);
    });

    it('lists the fields expected when no one is close', () => {
      expectProblem(
        d => (d.spec.budget = 1),
        'spec.budget',
        'unknown field (expected one of: owner, slos, combine, states, autoEnact, freeze, postmortem, escalation)',
      );
    });

    it.each([
      ['slos', (d: any) => (d.spec.slos.tag = ['x']), 'spec.slos.tag', 'tags'],
      [
        'freeze',
        (d: any) => (d.spec.freeze.exceptions = []),
        'spec.freeze.exceptions',
        undefined,
      ],
      [
        'an exception class',
        (d: any) => (d.spec.freeze.exceptionClasses[0].preapproved = true),
        'spec.freeze.exceptionClasses[0].preapproved',
        'preApproved',
      ],
      [
        'postmortem',
        (d: any) => (d.spec.postmortem.budgetShare = 0.1),
        'spec.postmortem.budgetShare',
        'budgetShareAbove',
      ],
      [
        'escalation',
        (d: any) => (d.spec.escalation.after = 3),
        'spec.escalation.after',
        'afterWindows',
      ],
      [
        'a state',
        (d: any) => (d.spec.states[0].freez = false),
        'spec.states[0].freez',
        'freeze',
      ],
    ])('are reported in %s', (_where, mutate, path, suggestion) => {
      expectProblem(
        mutate,
        path,
        suggestion
          ? `unknown field; did you mean ${suggestion}?`
          : /^unknown field \(expected one of: /,
      );
    });

    it('reports ten, then how many more', () => {
      const problems = problemsOf(d => {
        for (let i = 0; i < 10_000; i++) d.spec[`extra${i}`] = i;
      });
      expect(problems).toHaveLength(11);
      expect(problems[10]).toEqual({
        path: 'spec',
        message: '9990 more unknown fields not listed',
      });
    });

    it('reports a __proto__ key as an unknown field and ignores inherited ones', () => {
      const polluted = JSON.parse(
        '{"__proto__": {"autoEnact": "yes"}, "owner": "sre-core", "states": [{"name": "a", "consequences": "c"}]}',
      );
      expect(
        validatePolicySpec(polluted, 'spec', { ownerRequired: true }),
      ).toEqual([
        {
          path: 'spec.__proto__',
          message: expect.stringMatching(/^unknown field/),
        },
      ]);
      const inherited = Object.create({ states: fullPolicy().spec.states });
      inherited.owner = 'sre-core';
      expect(
        validatePolicySpec(inherited, 'spec', { ownerRequired: true }),
      ).toEqual([{ path: 'spec.states', message: 'required' }]);
    });
  });

  describe('owner', () => {
    it('is required in an entity', () => {
      expectProblem(d => delete d.spec.owner, 'spec.owner', 'required');
    });

    it.each([
      'team-payments',
      'default/team-payments',
      'group:team-payments',
      'Group:default/Team_Payments',
    ])('accepts the group reference %p', owner => {
      expect(problemsOf(d => (d.spec.owner = owner))).toEqual([]);
    });

    it.each(['a:b:c', 'team payments', ':team', 'a/b/c', ''])(
      'rejects %p, which is not an entity reference',
      owner => {
        expectProblem(
          d => (d.spec.owner = owner),
          'spec.owner',
          `must be ${GROUP_REF}; got '${owner}'`,
        );
      },
    );

    it('must be a string', () => {
      expectProblem(
        d => (d.spec.owner = { kind: 'group', name: 'x' }),
        'spec.owner',
        `must be ${GROUP_REF}; got an object`,
      );
    });

    it('must refer to a group', () => {
      expectProblem(
        d => (d.spec.owner = 'user:default/dan'),
        'spec.owner',
        "must refer to a Group; got a reference to a user, 'user:default/dan'",
      );
    });
  });

  describe('slos', () => {
    it('is optional, as are its tags', () => {
      expect(problemsOf(d => delete d.spec.slos)).toEqual([]);
      expect(problemsOf(d => (d.spec.slos = {}))).toEqual([]);
      expect(problemsOf(d => (d.spec.slos.tags = []))).toEqual([]);
    });

    it('must be an object', () => {
      expectProblem(
        d => (d.spec.slos = ['payments']),
        'spec.slos',
        'must be an object; got an array',
      );
    });

    it('tags must be a list of non-empty strings', () => {
      expectProblem(
        d => (d.spec.slos.tags = 'payments'),
        'spec.slos.tags',
        "must be an array; got 'payments'",
      );
      expect(
        problemsOf(d => (d.spec.slos.tags = ['payments', ' ', 7])),
      ).toEqual([
        {
          path: 'spec.slos.tags[1]',
          message: "must be a non-empty string; got ' '",
        },
        {
          path: 'spec.slos.tags[2]',
          message: 'must be a non-empty string; got 7',
        },
      ]);
    });

    it('caps the number of tags', () => {
      expectProblem(
        d =>
          (d.spec.slos.tags = Array.from({ length: 101 }, (_, i) => `t${i}`)),
        'spec.slos.tags',
        'must have at most 100 items; got 101',
      );
    });
  });

  describe('combine', () => {
    it('is worst or mean', () => {
      expect(problemsOf(d => (d.spec.combine = 'mean'))).toEqual([]);
      expect(problemsOf(d => delete d.spec.combine)).toEqual([]);
      expectProblem(
        d => (d.spec.combine = 'median'),
        'spec.combine',
        "must be one of: worst, mean; got 'median'",
      );
    });
  });

  describe('states', () => {
    it('are required', () => {
      expectProblem(d => delete d.spec.states, 'spec.states', 'required');
    });

    it('must be a non-empty list', () => {
      expectProblem(
        d => (d.spec.states = { healthy: {} }),
        'spec.states',
        'must be an array; got an object',
      );
      expectProblem(
        d => (d.spec.states = []),
        'spec.states',
        'must have at least one item; got none',
      );
    });

    it('are at most ten, and a huge list is rejected without checking each item', () => {
      expectProblem(
        d => {
          d.spec.autoEnact = false;
          d.spec.states = Array.from({ length: 1_000_000 }, () => 'x');
        },
        'spec.states',
        'must have at most 10 items; got 1000000',
      );
      expect(
        problemsOf(d => {
          d.spec.autoEnact = false;
          d.spec.states = Array.from({ length: 10 }, (_, i) => ({
            name: `s${i}`,
            consequences: 'c',
            remainingAbove: i < 9 ? 0.9 - i * 0.1 : undefined,
          }));
        }),
      ).toEqual([]);
    });

    it('must be objects', () => {
      expectProblem(
        d => (d.spec.states[1] = 'at-risk'),
        'spec.states[1]',
        "must be an object (a state); got 'at-risk'",
      );
    });

    describe('name', () => {
      it('is required', () => {
        expectProblem(
          d => delete d.spec.states[0].name,
          'spec.states[0].name',
          'required',
        );
      });

      it.each([
        'At-risk',
        'at--risk',
        '-at-risk',
        'at_risk',
        'a'.repeat(64),
        3,
      ])('rejects %p, which is not a slug', name => {
        expectProblem(
          d => (d.spec.states[0].name = name),
          'spec.states[0].name',
          new RegExp(`^must be ${SLUG.replace(/[().]/g, '\\$&')}; got `),
        );
      });

      it('accepts a slug of 63 characters', () => {
        expect(
          problemsOf(d => (d.spec.states[0].name = 'a'.repeat(63))),
        ).toEqual([]);
      });

      it('is unique across states', () => {
        expectProblem(
          d => (d.spec.states[2].name = 'healthy'),
          'spec.states[2].name',
          "must be unique; spec.states[0] is named 'healthy' already",
        );
      });
    });

    it('title is an optional string', () => {
      expect(problemsOf(d => delete d.spec.states[0].title)).toEqual([]);
      expectProblem(
        d => (d.spec.states[0].title = 1),
        'spec.states[0].title',
        'must be a non-empty string; got 1',
      );
    });

    it('consequences are required text', () => {
      expectProblem(
        d => delete d.spec.states[1].consequences,
        'spec.states[1].consequences',
        'required',
      );
      expectProblem(
        d => (d.spec.states[1].consequences = ''),
        'spec.states[1].consequences',
        "must be a non-empty string; got ''",
      );
      expectProblem(
        d => (d.spec.states[1].consequences = 'x'.repeat(2001)),
        'spec.states[1].consequences',
        'must be at most 2000 characters; got 2001',
      );
    });

    it('requiredActions are an optional list of strings', () => {
      expectProblem(
        d => (d.spec.states[1].requiredActions = 'Review'),
        'spec.states[1].requiredActions',
        "must be an array; got 'Review'",
      );
      expectProblem(
        d => (d.spec.states[1].requiredActions = ['Review', null]),
        'spec.states[1].requiredActions[1]',
        'must be a non-empty string; got null',
      );
    });

    it('freeze is true or false', () => {
      expectProblem(
        d => (d.spec.states[2].freeze = 'yes'),
        'spec.states[2].freeze',
        "must be true or false; got 'yes'",
      );
    });

    describe('remainingAbove', () => {
      it('is required on every state but the last', () => {
        expectProblem(
          d => delete d.spec.states[1].remainingAbove,
          'spec.states[1].remainingAbove',
          'required on every state but the last (the state holds while the budget remaining is above it)',
        );
      });

      it('is forbidden on the last state', () => {
        expectProblem(
          d => (d.spec.states[2].remainingAbove = 0),
          'spec.states[2].remainingAbove',
          'must not be set on the last state, which catches every budget at or below the threshold of the state before',
        );
      });

      it.each([1, -0.1, 1.5, '0.5', NaN, Infinity])(
        'rejects %p, which is not a fraction in [0, 1)',
        value => {
          expectProblem(
            d => (d.spec.states[0].remainingAbove = value),
            'spec.states[0].remainingAbove',
            new RegExp(
              `^must be ${REMAINING_ABOVE.replace(/[().]/g, '\\$&')}; got `,
            ),
          );
        },
      );

      it('accepts 0', () => {
        expect(problemsOf(d => (d.spec.states[1].remainingAbove = 0))).toEqual(
          [],
        );
      });

      it('decreases strictly from state to state', () => {
        expectProblem(
          d => (d.spec.states[1].remainingAbove = 0.5),
          'spec.states[1].remainingAbove',
          'must be below spec.states[0].remainingAbove (0.5): states go from best to worst; got 0.5',
        );
        expectProblem(
          d => (d.spec.states[1].remainingAbove = 0.75),
          'spec.states[1].remainingAbove',
          'must be below spec.states[0].remainingAbove (0.5): states go from best to worst; got 0.75',
        );
      });
    });
  });

  describe('autoEnact', () => {
    it('is true or false', () => {
      expectProblem(
        d => (d.spec.autoEnact = 'true'),
        'spec.autoEnact',
        "must be true or false; got 'true'",
      );
    });

    it('needs a freezing state when true', () => {
      expectProblem(
        d => delete d.spec.states[2].freeze,
        'spec.autoEnact',
        'true needs a state with freeze: true; no state freezes, so there is nothing to enact',
      );
      expect(
        problemsOf(d => {
          delete d.spec.states[2].freeze;
          d.spec.autoEnact = false;
        }),
      ).toEqual([]);
    });
  });

  describe('freeze', () => {
    it('is an optional object with optional exception classes', () => {
      expect(problemsOf(d => delete d.spec.freeze)).toEqual([]);
      expect(problemsOf(d => (d.spec.freeze = {}))).toEqual([]);
      expectProblem(
        d => (d.spec.freeze = true),
        'spec.freeze',
        'must be an object; got true',
      );
      expectProblem(
        d => (d.spec.freeze.exceptionClasses = 'security'),
        'spec.freeze.exceptionClasses',
        "must be an array; got 'security'",
      );
    });

    it('exception classes are objects with a unique slug name', () => {
      expectProblem(
        d => (d.spec.freeze.exceptionClasses[1] = 'p0-fix'),
        'spec.freeze.exceptionClasses[1]',
        "must be an object (an exception class); got 'p0-fix'",
      );
      expectProblem(
        d => delete d.spec.freeze.exceptionClasses[1].name,
        'spec.freeze.exceptionClasses[1].name',
        'required',
      );
      expectProblem(
        d => (d.spec.freeze.exceptionClasses[1].name = 'Regulatory fix'),
        'spec.freeze.exceptionClasses[1].name',
        `must be ${SLUG}; got 'Regulatory fix'`,
      );
      expectProblem(
        d => (d.spec.freeze.exceptionClasses[1].name = 'security'),
        'spec.freeze.exceptionClasses[1].name',
        "must be unique; spec.freeze.exceptionClasses[0] is named 'security' already",
      );
    });

    it('an exception class has an optional description and preApproved flag', () => {
      expectProblem(
        d => (d.spec.freeze.exceptionClasses[0].description = ['x']),
        'spec.freeze.exceptionClasses[0].description',
        'must be a non-empty string; got an array',
      );
      expectProblem(
        d => (d.spec.freeze.exceptionClasses[0].preApproved = 1),
        'spec.freeze.exceptionClasses[0].preApproved',
        'must be true or false; got 1',
      );
    });

    it('caps the number of exception classes', () => {
      expectProblem(
        d =>
          (d.spec.freeze.exceptionClasses = Array.from(
            { length: 51 },
            (_, i) => ({
              name: `c${i}`,
            }),
          )),
        'spec.freeze.exceptionClasses',
        'must have at most 50 items; got 51',
      );
    });
  });

  describe('postmortem', () => {
    it('is optional and needs budgetShareAbove', () => {
      expect(problemsOf(d => delete d.spec.postmortem)).toEqual([]);
      expectProblem(
        d => (d.spec.postmortem = {}),
        'spec.postmortem.budgetShareAbove',
        'required',
      );
      expectProblem(
        d => (d.spec.postmortem = 0.2),
        'spec.postmortem',
        'must be an object; got 0.2',
      );
    });

    it.each([0, -0.2, 1.01, '0.2'])('rejects the share %p', value => {
      expectProblem(
        d => (d.spec.postmortem.budgetShareAbove = value),
        'spec.postmortem.budgetShareAbove',
        /^must be a fraction of the budget above 0 and at most 1, e.g. 0\.2; got /,
      );
    });

    it('accepts a share of 1', () => {
      expect(problemsOf(d => (d.spec.postmortem.budgetShareAbove = 1))).toEqual(
        [],
      );
    });
  });

  describe('escalation', () => {
    it('is optional and needs afterWindows and to', () => {
      expect(problemsOf(d => delete d.spec.escalation)).toEqual([]);
      expect(problemsOf(d => (d.spec.escalation = {}))).toEqual([
        { path: 'spec.escalation.afterWindows', message: 'required' },
        { path: 'spec.escalation.to', message: 'required' },
      ]);
    });

    it.each([0, 25, 1.5, '2'])('rejects afterWindows %p', value => {
      expectProblem(
        d => (d.spec.escalation.afterWindows = value),
        'spec.escalation.afterWindows',
        /^must be a whole number of windows from 1 to 24; got /,
      );
    });

    it('accepts afterWindows 1 and 24', () => {
      expect(problemsOf(d => (d.spec.escalation.afterWindows = 1))).toEqual([]);
      expect(problemsOf(d => (d.spec.escalation.afterWindows = 24))).toEqual(
        [],
      );
    });

    it('escalates to a group', () => {
      expectProblem(
        d => (d.spec.escalation.to = 'user:default/dan'),
        'spec.escalation.to',
        "must refer to a Group; got a reference to a user, 'user:default/dan'",
      );
      expectProblem(
        d => (d.spec.escalation.to = 'a:b:c'),
        'spec.escalation.to',
        `must be ${GROUP_REF}; got 'a:b:c'`,
      );
    });
  });

  it('reports every problem of a bad policy, one per field, in document order', () => {
    expect(
      problemsOf(d => {
        d.spec.owner = 'user:dan';
        d.spec.combine = 'avg';
        d.spec.states[0].name = 'Healthy';
        d.spec.states[1].remainingAbove = 0.9;
        d.spec.postmortem.budgetShareAbove = 2;
      }).map(p => p.path),
    ).toEqual([
      'spec.owner',
      'spec.combine',
      'spec.states[0].name',
      'spec.states[1].remainingAbove',
      'spec.postmortem.budgetShareAbove',
    ]);
  });
});

describe('validatePolicySpec', () => {
  const path = 'reliability.policy.default';

  it('accepts the built-in default policy without an owner', () => {
    expect(
      validatePolicySpec(BUILT_IN_DEFAULT_POLICY, path, {
        ownerRequired: false,
      }),
    ).toEqual([]);
  });

  it('requires the owner only when asked to', () => {
    expect(
      validatePolicySpec(BUILT_IN_DEFAULT_POLICY, path, {
        ownerRequired: true,
      }),
    ).toEqual([
      { path: 'reliability.policy.default.owner', message: 'required' },
    ]);
  });

  it('still checks an owner that is given', () => {
    expect(
      validatePolicySpec(
        { ...BUILT_IN_DEFAULT_POLICY, owner: 'user:x' },
        path,
        {
          ownerRequired: false,
        },
      ),
    ).toEqual([
      {
        path: 'reliability.policy.default.owner',
        message: "must refer to a Group; got a reference to a user, 'user:x'",
      },
    ]);
  });

  it('names fields from the given path', () => {
    expect(
      validatePolicySpec(
        {
          states: [
            { name: 'ok', remainingAbove: 0.5, consequences: 'a' },
            { name: 'bad', remainingAbove: 0, consequences: 'b' },
          ],
        },
        path,
        { ownerRequired: false },
      ),
    ).toEqual([
      {
        path: 'reliability.policy.default.states[1].remainingAbove',
        message: expect.stringMatching(/^must not be set on the last state/),
      },
    ]);
  });

  it('reports a missing or non-object spec at the path itself', () => {
    expect(
      validatePolicySpec(undefined, path, { ownerRequired: false }),
    ).toEqual([{ path, message: 'required' }]);
    expect(validatePolicySpec('worst', path, { ownerRequired: false })).toEqual(
      [
        {
          path,
          message: "must be an object (an error-budget policy); got 'worst'",
        },
      ],
    );
  });
});
