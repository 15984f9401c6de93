export * from './types';
export * from './policyState';
export * from './defaultPolicy';
export * from './validatePolicy';
export * from './verdict';
