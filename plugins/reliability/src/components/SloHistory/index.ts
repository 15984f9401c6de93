export { SloHistory } from './SloHistory';
export { SloRefinements } from './SloRefinements';
export { describeChange } from './describeChange';
