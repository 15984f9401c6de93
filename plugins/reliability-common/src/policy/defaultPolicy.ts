import { ErrorBudgetPolicySpec } from './types';

/**
 * The reference of the policy written in app-config (`reliability.policy.default`) rather
 * than the catalog, as the backend serves it and the pages recognise it.
 *
 * @public
 */
export const APP_CONFIG_POLICY_REF = 'errorbudgetpolicy:app-config/default';

/** A policy given in app-config: like the entity's spec, but the owner may be left out. @public */
export type DefaultPolicySpec = Omit<ErrorBudgetPolicySpec, 'owner'> & {
  owner?: string;
};

/**
 * The policy that applies when neither the entity, its System nor its Domain selects one and
 * app-config names no default: the error-budget policy of the Google SRE book, in short.
 *
 * @public
 */
export const BUILT_IN_DEFAULT_POLICY: DefaultPolicySpec = {
  combine: 'worst',
  states: [
    {
      name: 'healthy',
      title: 'Healthy',
      remainingAbove: 0.25,
      consequences:
        'Release as usual; the budget is there to be spent on change.',
      requiredActions: [],
    },
    {
      name: 'at-risk',
      title: 'At risk',
      remainingAbove: 0,
      consequences:
        'The budget is running low: reliability work comes first in planning and risky launches wait.',
      requiredActions: [
        'Review the burn-rate alerts and the incidents that consumed the budget',
        'Put reliability items at the top of the next planning',
      ],
    },
    {
      name: 'exhausted',
      title: 'Exhausted',
      consequences:
        'Release freeze: only P0 fixes and security fixes ship until the budget is back above zero.',
      requiredActions: [
        'Write postmortems for the incidents that consumed the budget',
        'Work only on reliability until the budget recovers',
      ],
      freeze: true,
    },
  ],
  autoEnact: false,
  freeze: {
    exceptionClasses: [
      { name: 'p0-fix', description: 'Fixes for a P0 incident in progress' },
      { name: 'security', description: 'Security fixes' },
    ],
  },
  postmortem: { budgetShareAbove: 0.2 },
};
