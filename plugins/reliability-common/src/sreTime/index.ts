export * from './settings';
export * from './timeBudget';
export * from './alertInhibition';
