export * from './figures';
export * from './types';
export * from './validateInput';
