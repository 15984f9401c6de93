import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import {
  ErrorBudgetPolicyProcessor,
  RELATION_POLICY_OF,
  RELATION_USES_POLICY,
} from './ErrorBudgetPolicyProcessor';

const location = { type: 'file', target: '/repo/policies.yaml' };

function policy(): Entity {
  return {
    apiVersion: 'reliability-suite.dev/v1alpha1',
    kind: 'ErrorBudgetPolicy',
    metadata: { name: 'strict-payments', namespace: 'payments' },
    spec: {
      owner: 'team-payments',
      states: [
        { name: 'healthy', remainingAbove: 0.5, consequences: 'As usual.' },
        { name: 'exhausted', consequences: 'Freeze.', freeze: true },
      ],
      autoEnact: true,
    },
  };
}

function selecting(kind: string, value: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: 'payments',
      namespace: 'shop',
      annotations: { 'reliability-suite.dev/error-budget-policy': value },
    },
    spec: { owner: 'group:default/team-payments' },
  };
}

async function postProcess(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const result = await new ErrorBudgetPolicyProcessor().postProcessEntity(
    entity,
    location,
    r => emitted.push(r),
  );
  expect(result).toBe(entity);
  return emitted;
}

describe('ErrorBudgetPolicyProcessor', () => {
  const processor = new ErrorBudgetPolicyProcessor();

  it('exports the relation names', () => {
    expect(RELATION_USES_POLICY).toBe('usesPolicy');
    expect(RELATION_POLICY_OF).toBe('policyOf');
  });

  it('accepts a valid ErrorBudgetPolicy and leaves other entities to other processors', async () => {
    expect(await processor.validateEntityKind(policy())).toBe(true);
    expect(
      await processor.validateEntityKind({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x' },
      }),
    ).toBe(false);
    expect(
      await processor.validateEntityKind({
        ...policy(),
        apiVersion: 'reliability-suite.dev/v1',
      }),
    ).toBe(false);
  });

  it('rejects an invalid policy with every problem named by field path', async () => {
    const bad = policy();
    bad.spec = {
      ...bad.spec,
      combine: 'median',
      states: [
        { name: 'healthy', remaningAbove: 0.5, consequences: 'As usual.' },
        { name: 'exhausted', consequences: 'Freeze.', freeze: true },
      ],
    };
    await expect(processor.validateEntityKind(bad)).rejects.toThrow(
      "Invalid ErrorBudgetPolicy 'strict-payments': spec.combine: must be one of: worst, mean; got 'median'; spec.states[0].remaningAbove: unknown field; did you mean remainingAbove?",
    );
    await expect(processor.validateEntityKind(bad)).rejects.toMatchObject({
      name: 'InputError',
    });
  });

  it('relates the policy and its owner both ways, defaulting to a Group in the same namespace', async () => {
    expect(await postProcess(policy())).toEqual([
      {
        type: 'relation',
        relation: {
          source: {
            kind: 'ErrorBudgetPolicy',
            namespace: 'payments',
            name: 'strict-payments',
          },
          type: 'ownedBy',
          target: {
            kind: 'group',
            namespace: 'payments',
            name: 'team-payments',
          },
        },
      },
      {
        type: 'relation',
        relation: {
          source: {
            kind: 'group',
            namespace: 'payments',
            name: 'team-payments',
          },
          type: 'ownerOf',
          target: {
            kind: 'ErrorBudgetPolicy',
            namespace: 'payments',
            name: 'strict-payments',
          },
        },
      },
    ]);
  });

  it('keeps a full owner reference as written', async () => {
    const entity = policy();
    entity.spec!.owner = 'group:default/sre-core';
    const emitted = await postProcess(entity);
    expect(emitted[0]).toMatchObject({
      relation: {
        type: 'ownedBy',
        target: { kind: 'group', namespace: 'default', name: 'sre-core' },
      },
    });
  });

  it.each(['Component', 'System', 'Domain'])(
    'relates a %s to the policy its annotation selects, defaulting to its namespace',
    async kind => {
      const self = { kind, namespace: 'shop', name: 'payments' };
      const target = {
        kind: 'ErrorBudgetPolicy',
        namespace: 'shop',
        name: 'strict-payments',
      };
      expect(await postProcess(selecting(kind, 'strict-payments'))).toEqual([
        {
          type: 'relation',
          relation: { source: self, type: 'usesPolicy', target },
        },
        {
          type: 'relation',
          relation: { source: target, type: 'policyOf', target: self },
        },
      ]);
    },
  );

  it('reads a policy in another namespace, or with its kind spelt out', async () => {
    const [uses] = await postProcess(
      selecting('System', 'errorbudgetpolicy:default/standard'),
    );
    expect(uses).toMatchObject({
      relation: {
        type: 'usesPolicy',
        target: {
          kind: 'errorbudgetpolicy',
          namespace: 'default',
          name: 'standard',
        },
      },
    });
  });

  it('emits nothing for entities without the annotation', async () => {
    const entity = selecting('Component', 'x');
    entity.metadata.annotations = {};
    expect(await postProcess(entity)).toEqual([]);
  });

  it.each([
    [
      'a value that is no reference',
      selecting('System', 'a:b:c'),
      `metadata.annotations["reliability-suite.dev/error-budget-policy"]: must be a reference to an ErrorBudgetPolicy, [namespace/]name (namespace defaults to the entity's), e.g. standard or default/strict-payments; got 'a:b:c'`,
    ],
    [
      'a reference to another kind',
      selecting('System', 'group:default/sre-core'),
      `metadata.annotations["reliability-suite.dev/error-budget-policy"]: must refer to an ErrorBudgetPolicy; got a reference to a group, 'group:default/sre-core'`,
    ],
    [
      'the annotation on a kind that cannot select a policy',
      selecting('Group', 'standard'),
      'metadata.annotations["reliability-suite.dev/error-budget-policy"]: only Components, Systems and Domains select an error-budget policy; found on a Group',
    ],
  ])(
    'reports %s as a processing error and relates nothing',
    async (_case, entity, message) => {
      expect(await postProcess(entity)).toEqual([
        {
          type: 'error',
          location,
          error: expect.objectContaining({ name: 'InputError', message }),
        },
      ]);
    },
  );
});
