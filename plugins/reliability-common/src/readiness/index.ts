export * from './types';
export * from './defaultTemplate';
