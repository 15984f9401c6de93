import { OpenSloValidationError } from '../openslo/types';

// Placeholder signature; the full validator replaces this file.
export function validateErrorBudgetPolicy(
  _entity: unknown,
): OpenSloValidationError[] {
  return [];
}

export function validatePolicySpec(
  _spec: unknown,
  _path: string,
  _options: { ownerRequired: boolean },
): OpenSloValidationError[] {
  return [];
}
