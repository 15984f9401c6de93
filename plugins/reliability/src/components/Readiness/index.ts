export { ReadinessChecklist } from './ReadinessChecklist';
