export { SloPage } from './SloPage';
export { SloPageContent } from './SloPageContent';
