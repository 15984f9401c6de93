export { SreTimeBudgetCard } from './SreTimeBudgetCard';
export { SreTimeBudgetTable } from './SreTimeBudgetTable';
