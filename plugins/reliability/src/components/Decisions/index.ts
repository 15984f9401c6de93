export { DecisionsTab } from './DecisionsTab';
