export * from './declared';
export * from './resolve';
export * from './matrix';
export * from './audit';
