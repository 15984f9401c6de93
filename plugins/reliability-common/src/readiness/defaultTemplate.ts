import { ReadinessTemplate } from './types';

const check = (
  id: string,
  title: string,
  rule: string,
  params: Record<string, unknown> = {},
  required = true,
) => ({ id, title, kind: 'check' as const, rule, params, required });
const attest = (
  id: string,
  title: string,
  description: string,
  required = true,
  maxAgeDays = 180,
) => ({
  id,
  title,
  description,
  kind: 'attestation' as const,
  required,
  maxAgeDays,
});

/**
 * The built-in production-readiness template, after the readiness reviews SRE teams run
 * before taking on a service: architecture and dependencies, instrumentation, emergency
 * response, capacity, change management, performance and SLOs, toil, postmortems.
 *
 * @public
 */
export const DEFAULT_READINESS_TEMPLATE: ReadinessTemplate = {
  id: 'production-readiness',
  // 2: postmortem action items closed (a check) joined the postmortem section.
  version: 2,
  title: 'Production readiness',
  sections: [
    {
      id: 'architecture',
      title: 'Architecture and dependencies',
      items: [
        check('has-owner', 'Has an owner', 'has-owner'),
        check(
          'owner-exists',
          'The owner is a team in the catalog',
          'owner-exists',
        ),
        attest(
          'dependencies-documented',
          'Dependencies and their failure modes are documented',
          'Every upstream and downstream dependency, what happens when it fails, and how the service degrades.',
        ),
      ],
    },
    {
      id: 'instrumentation',
      title: 'Instrumentation, metrics and monitoring',
      items: [
        check('has-dashboard', 'Has a dashboard', 'has-link', {
          type: 'dashboard',
        }),
        check('has-slo', 'Has at least one SLO', 'has-slo'),
        attest(
          'alerts-actionable',
          'Alerts are actionable and routed to the on-call',
          'Every page has a runbook entry; no alert fires without needing a human.',
        ),
      ],
    },
    {
      id: 'emergency-response',
      title: 'Emergency response',
      items: [
        check('has-oncall', 'Has an on-call rotation', 'has-oncall'),
        check('has-runbook', 'Has a runbook', 'has-link', { type: 'runbook' }),
        check(
          'has-playbook',
          'Has an incident playbook',
          'has-link',
          { type: 'playbook' },
          false,
        ),
        check('has-sre-team', 'Names its SRE team', 'has-sre-team'),
      ],
    },
    {
      id: 'capacity',
      title: 'Capacity planning',
      items: [
        attest(
          'load-tested',
          'Load tested at twice the expected peak',
          'The test, its date and results; the first bottleneck and its headroom.',
        ),
      ],
    },
    {
      id: 'change-management',
      title: 'Change management',
      items: [
        attest(
          'progressive-rollout',
          'Releases roll out progressively and roll back in minutes',
          'Canary or staged rollout; a rollback tested within the last quarter.',
        ),
        check('no-freeze', 'No release freeze in force', 'no-freeze'),
      ],
    },
    {
      id: 'performance-slos',
      title: 'Performance and SLOs',
      items: [
        check('slo-met', 'Every SLO met over its last window', 'slo-met'),
      ],
    },
    {
      id: 'toil',
      title: 'Automation of toil',
      items: [
        attest(
          'toil-inventory',
          'Manual operational work is inventoried with a plan to automate it',
          'The recurring manual tasks, how often, and the automation planned.',
          false,
        ),
      ],
    },
    {
      id: 'postmortems',
      title: 'Postmortem practice',
      items: [
        attest(
          'postmortem-practice',
          'Incidents get blameless postmortems with tracked action items',
          'Link to the team’s postmortem template or a recent postmortem.',
        ),
        check(
          'postmortem-actions-closed',
          'Postmortem action items of priority p0 and p1 are closed',
          'postmortem-actions-closed',
          { priorities: ['p0', 'p1'] },
          false,
        ),
      ],
    },
  ],
};
