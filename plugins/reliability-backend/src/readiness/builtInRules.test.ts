import { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { resolveResponsibility } from '@reliability-suite/plugin-reliability-common';
import type { ReadinessSubject } from '@reliability-suite/plugin-reliability-node';
import { BUILT_IN_RULES } from './builtInRules';

const rule = (id: string) => BUILT_IN_RULES.find(r => r.id === id)!;

function subject(
  annotations: Record<string, string>,
  more: Partial<ReadinessSubject> = {},
  spec: JsonObject = { owner: 'team-a' },
  links: Entity['metadata']['links'] = [],
): ReadinessSubject {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'svc', namespace: 'default', annotations, links },
    spec,
  };
  return {
    entityRef: 'component:default/svc',
    entity,
    responsibility: resolveResponsibility([{ from: 'entity', entity }]),
    ownerExists: true,
    slos: [],
    frozen: false,
    actionItems: [],
    ...more,
  };
}

function item(
  status: ReadinessSubject['actionItems'][number]['status'],
  priority: ReadinessSubject['actionItems'][number]['priority'] = 'p2',
  title = 'An item',
  dueAt: number | null = null,
): ReadinessSubject['actionItems'][number] {
  return { title, status, priority, dueAt };
}

describe('built-in readiness rules', () => {
  it.each([
    ['has-owner', subject({}), {}, true, 'Owned by team-a'],
    ['has-owner', subject({}, {}, {}), {}, false, 'spec.owner is not set'],
    [
      'owner-exists',
      subject({}, { ownerExists: false }),
      {},
      false,
      'team-a is not in the catalog',
    ],
    [
      'has-sre-team',
      subject({ 'reliability-suite.dev/sre-team': 'sre-core' }),
      {},
      true,
      'SRE team sre-core',
    ],
    [
      'has-sre-team',
      subject({}),
      {},
      false,
      expect.stringMatching(/No reliability-suite.dev\/sre-team/),
    ],
    [
      'has-oncall',
      subject({ 'pagerduty.com/service-id': 'P1' }),
      {},
      true,
      'On-call: pagerduty:P1',
    ],
    [
      'has-oncall',
      subject({}),
      {},
      false,
      expect.stringMatching(/No on-call rotation/),
    ],
    [
      'has-link',
      subject({}, {}, undefined, [
        { url: 'https://r.example.com', type: 'runbook' },
      ]),
      { type: 'runbook' },
      true,
      'runbook: https://r.example.com',
    ],
    [
      'has-link',
      subject({}, {}, undefined, [
        { url: 'https://d.example.com', type: 'design-doc' },
      ]),
      { type: 'design-doc' },
      true,
      'design-doc: https://d.example.com',
    ],
    [
      'has-link',
      subject({}),
      { type: 'dashboard' },
      false,
      'No metadata.links entry with type dashboard',
    ],
    [
      'has-annotation',
      subject({ 'backstage.io/techdocs-ref': 'dir:.' }),
      { name: 'backstage.io/techdocs-ref' },
      true,
      'backstage.io/techdocs-ref: dir:.',
    ],
    [
      'has-annotation',
      subject({}),
      { name: 'x/y' },
      false,
      'Annotation x/y is not set',
    ],
    [
      'has-slo',
      subject({}),
      {},
      false,
      'No SLO names this entity as its service',
    ],
    [
      'has-slo',
      subject(
        {},
        {
          slos: [{ sloRef: 'slo:default/a', objective: 'o', state: 'warning' }],
        },
      ),
      {},
      true,
      '1 SLO objective(s)',
    ],
    [
      'slo-met',
      subject(
        {},
        {
          slos: [
            { sloRef: 'slo:default/a', objective: 'o', state: 'critical' },
          ],
        },
      ),
      {},
      true,
      'All 1 objective(s) within budget',
    ],
    [
      'slo-met',
      subject(
        {},
        {
          slos: [
            { sloRef: 'slo:default/a', objective: 'o', state: 'exhausted' },
          ],
        },
      ),
      {},
      false,
      'Budget exhausted: a (o)',
    ],
    [
      'slo-met',
      subject(
        {},
        {
          slos: [{ sloRef: 'slo:default/a', objective: 'o', state: 'no-data' }],
        },
      ),
      {},
      false,
      'No data to judge: a (o)',
    ],
    ['slo-met', subject({}), {}, false, 'No SLOs to meet'],
    [
      'no-freeze',
      subject({}, { frozen: true }),
      {},
      false,
      'A release freeze is in force',
    ],
    ['no-freeze', subject({}), {}, true, 'No release freeze in force'],
    [
      'postmortem-actions-closed',
      subject({}),
      {},
      true,
      'No postmortem action items',
    ],
    [
      'postmortem-actions-closed',
      subject({}, { actionItems: [item('done'), item('wont-do')] }),
      {},
      true,
      'All 2 action items closed',
    ],
    [
      'postmortem-actions-closed',
      subject(
        {},
        {
          actionItems: [
            item('open', 'p1', 'Add a canary', Date.now() - 1000),
            item('in-progress', 'p3', 'Tidy dashboards'),
            item('done'),
          ],
        },
      ),
      {},
      false,
      "2 of 3 action items open (1 overdue): 'Add a canary', 'Tidy dashboards'",
    ],
    [
      'postmortem-actions-closed',
      subject(
        {},
        { actionItems: [item('in-progress', 'p3', 'Tidy dashboards')] },
      ),
      { priorities: ['p0', 'p1'] },
      true,
      'No postmortem action items of priority p0, p1',
    ],
  ])('%s', async (id, s, params, passing, reason) => {
    expect(await rule(id).evaluate(s, params)).toEqual({ passing, reason });
  });

  it('names an inherited SRE team and where it was set as people read them', () => {
    const entity = subject({}).entity;
    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: 'payments',
        namespace: 'default',
        annotations: { 'reliability-suite.dev/sre-team': 'sre-core' },
      },
      spec: { owner: 'team-a' },
    };
    const inherited = subject(
      {},
      {
        responsibility: resolveResponsibility([
          { from: 'entity', entity },
          { from: 'system', entity: system },
        ]),
      },
    );
    expect(rule('has-sre-team').evaluate(inherited, {})).toEqual({
      passing: true,
      reason: 'SRE team sre-core (set on its System payments)',
    });
  });

  it('names a bad priorities parameter', () => {
    expect(() =>
      rule('postmortem-actions-closed').evaluate(subject({}), {
        priorities: ['urgent'],
      }),
    ).toThrow("'priorities' must be a list of p0, p1, p2, p3");
  });

  it('names a missing parameter', () => {
    expect(() => rule('has-link').evaluate(subject({}), {})).toThrow(
      "rule has-link needs the string parameter 'type'",
    );
  });
});
