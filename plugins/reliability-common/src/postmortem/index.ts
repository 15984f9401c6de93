export * from './figures';
export * from './validateInput';
