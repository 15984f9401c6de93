export { PolicyBanner } from './PolicyBanner';
